// The npm bin (bin/lectern.mjs) as real processes: in-process on a Node that
// can run the CLI, a child on the project's Node otherwise; that child never
// outlives its parent (kill -9 included), and Ctrl-C stops the whole command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { extname, join } from 'node:path';
import { importFormat } from '../../common/import-formats.ts';
import Database from 'better-sqlite3';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'lectern.mjs');
/** What importing the corpus folder stores: its text files (LICENSE, without an extension, is reported as failed). */
const CORPUS_FILES = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && importFormat(extname(e.name)) !== null).length;

if (!existsSync(join(ROOT, 'dist', 'electron', 'cli.mjs'))) {
  assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status, 0, 'npm run build');
}

/** A Node too old to run the CLI (the system's, when it is one), else the project's Node told to spawn anyway. */
function spawningNode(): { node: string; env: NodeJS.ProcessEnv } {
  const system = '/usr/bin/node';
  const major = existsSync(system) ? Number(spawnSync(system, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) : NaN;
  return major < 22 ? { node: system, env: {} } : { node: process.execPath, env: { LECTERN_BIN_SPAWN: '1' } };
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readProc(`/proc/${pid}/stat`));
function readProc(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}
const childrenOf = (pid: number): number[] =>
  readProc(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number);
/** True when process pid has the file open. */
const hasOpen = (pid: number, file: string): boolean => {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`) === file; } catch { return false; } });
  } catch {
    return false;
  }
};

async function until(what: string, cond: () => boolean, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const exited = (p: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
  if (p.exitCode !== null || p.signalCode !== null) resolve({ code: p.exitCode, signal: p.signalCode });
  else p.once('exit', (code, signal) => resolve({ code, signal }));
});

/** Sources stored (0 when the process was stopped before it created the tables). */
function sourceCount(db: string): number {
  const d = new Database(db); // read-write: a process killed mid-transaction may leave a journal to roll back
  try {
    const table = d.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sources'").get();
    return table ? (d.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n : 0;
  } finally {
    d.close();
  }
}

test('on a Node that can run it, the bin runs the CLI in its own process (no second Node)', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'in.db');
    const p = spawn(process.execPath, [BIN, '--db', db, 'import', CORPUS], { stdio: 'ignore' });
    // the bin's own process opens the library while it imports
    await until('the bin process to open the database', () => hasOpen(p.pid!, db) || p.exitCode !== null);
    assert.ok(hasOpen(p.pid!, db), 'the bin process itself holds the database open');
    assert.deepEqual(childrenOf(p.pid!), [], 'no child process');
    assert.equal((await exited(p)).code, 1, 'LICENSE is reported as failed');
    assert.equal(sourceCount(db), CORPUS_FILES);
  } finally {
    cleanup();
  }
});

/** Starts the bin importing the corpus where it must spawn; resolves once its child has the database open. */
async function spawnedImport(db: string): Promise<{ parent: ChildProcess; child: number }> {
  const { node, env } = spawningNode();
  const parent = spawn(node, [BIN, '--db', db, 'import', CORPUS], { stdio: 'ignore', env: { ...process.env, ...env } });
  let child = 0;
  await until('the child Node to open the database', () => {
    child = childrenOf(parent.pid!)[0] ?? 0;
    return child > 0 && hasOpen(child, db);
  });
  return { parent, child };
}

test('where the bin must spawn, kill -9 of it stops the child too; the import does not carry on', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'k.db');
    const { parent, child } = await spawnedImport(db);
    parent.kill('SIGKILL');
    await exited(parent);
    await until('the orphaned child to exit', () => !alive(child));
    const n = sourceCount(db);
    assert.ok(n < CORPUS_FILES, `the child stopped with its parent (${n} of ${CORPUS_FILES} imported)`);
  } finally {
    cleanup();
  }
});

test('where the bin must spawn, Ctrl-C (SIGINT to the bin) stops the child and the bin dies of SIGINT', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'c.db');
    const { parent, child } = await spawnedImport(db);
    parent.kill('SIGINT');
    assert.deepEqual(await exited(parent), { code: null, signal: 'SIGINT' });
    await until('the child to exit', () => !alive(child));
    assert.ok(sourceCount(db) < CORPUS_FILES);
  } finally {
    cleanup();
  }
});

test('where the bin must spawn, exit status and output pass through', () => {
  const { node, env } = spawningNode();
  const { dir, cleanup } = tempDir();
  try {
    const ok = spawnSync(node, [BIN, '--db', join(dir, 'b.db'), 'list', '--json'], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), []);
    const bad = spawnSync(node, [BIN, '--db', join(dir, 'b.db'), 'show'], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(bad.status, 2);
  } finally {
    cleanup();
  }
});

test('`lectern list | head -1` stops quietly (no EPIPE trace), in-process and as a child', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    assert.equal(spawnSync(process.execPath, [BIN, '--db', db, 'import', CORPUS], { stdio: 'ignore' }).status, 1);
    for (const [node, env] of [[process.execPath, {}], [spawningNode().node, spawningNode().env]] as const) {
      // a real `| head -1`: a Node reader would drain the pipe before its close took effect, and the list could finish first
      const p = spawn('bash', ['-c', 'set -o pipefail; "$0" "$@" | head -1 > /dev/null', node, BIN, '--db', db, 'list'],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
      let stderr = '';
      p.stderr!.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
      const code = await new Promise<number | null>((resolve) => p.once('close', (c) => resolve(c)));
      assert.equal(stderr, '', `nothing on stderr (${node})`);
      assert.equal(code, 141, 'the status of a writer whose reader went away');
    }
  } finally {
    cleanup();
  }
});
