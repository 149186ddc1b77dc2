// npm run bench:cli
//
// Whole-process figures for the CLI, as a user meets them: each run is a new
// process started through the npm bin (bin/lectern.mjs), timed from spawn to
// exit. Baselines in the same run: a Node that does nothing (`node -e ''`) for
// start-up, and a bare better-sqlite3 loop process (read the corpus files,
// insert them into one FTS5 table in one transaction) for the import.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, tempDir } from '../test/helpers/tmp.ts';
import { median } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'lectern.mjs');
const NODE = process.execPath;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

const BARE_IMPORT = `
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
const [db, corpus] = process.argv.slice(1);
const files = readdirSync(corpus, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt')).map((e) => join(e.parentPath, e.name));
const d = new Database(db);
d.pragma('journal_mode = WAL');
d.pragma('synchronous = NORMAL');
d.exec("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')");
const insert = d.prepare('INSERT INTO docs(title, text) VALUES (?, ?)');
const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
d.transaction(() => { for (const t of texts) insert.run(t.slice(0, t.indexOf('\\n')), t); })();
d.close();
`;

/** Milliseconds from spawn to exit of one process. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const medianOf = (n: number, run: (i: number) => number): number => median(Array.from({ length: n }, (_, i) => run(i)));
const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

if (!existsSync(join(ROOT, 'dist', 'electron', 'cli.mjs'))) throw new Error('dist/ is missing: npm run bench:cli builds first');
const { dir, cleanup } = tempDir('lectern-bench-cli-');
try {
  const empty = join(dir, 'empty.db');
  timed(NODE, [BIN, '--db', empty, 'list']); // creates the schema once
  const bare = medianOf(RUNS, () => timed(NODE, ['-e', '']));
  const help = medianOf(RUNS, () => timed(NODE, [BIN, '--help']));
  const list = medianOf(RUNS, () => timed(NODE, [BIN, '--db', empty, 'list']));
  console.log(`start-up (median of ${RUNS} processes, ${NODE}):`);
  console.log(`  node -e ''                 ${fmt(bare)}`);
  console.log(`  lectern --help             ${fmt(help)}   ${(help / bare).toFixed(2)}x a bare Node`);
  console.log(`  lectern list (empty db)    ${fmt(list)}   ${(list / bare).toFixed(2)}x a bare Node`);

  const spawned = medianOf(RUNS, () => timed(NODE, [BIN, '--help'], { LECTERN_BIN_SPAWN: '1' }));
  console.log(`  lectern --help, spawning   ${fmt(spawned)}   (the path a Node older than 22 takes: a second process)`);

  const ours = medianOf(IMPORT_RUNS, (i) => timed(NODE, [BIN, '--db', join(dir, `ours-${i}.db`), 'import', CORPUS]));
  const loop = medianOf(IMPORT_RUNS, (i) => timed(NODE, ['--input-type=module', '-e', BARE_IMPORT, join(dir, `bare-${i}.db`), CORPUS]));
  console.log(`corpus import, whole process (median of ${IMPORT_RUNS}):`);
  console.log(`  lectern import CORPUS      ${fmt(ours)}`);
  console.log(`  bare better-sqlite3 loop   ${fmt(loop)}`);
  console.log(`  ratio bare/ours            ${(loop / ours).toFixed(2)}`);
} finally {
  cleanup();
}
