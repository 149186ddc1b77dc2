// Long migration steps (db/migrate.ts): a full-text index rebuild (0020's) runs
// in chunks inside the migration's transaction, reporting its progress after
// each; the gradual runner lets the event loop run between chunks (the app's
// window shows the progress); an interrupted rebuild leaves the library as it
// was and the next open does it again, completely.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { loadMigrations, migrateFileGradually, REBUILD_CHUNK, schemaVersion, type MigrationProgress } from '../../db/migrate.ts';
import { registerFtsText } from '../../db/fts-text.ts';
import { runCli } from '../../electron/cli.ts';
import { generateSources } from '../helpers/generated-library.ts';
import { tempDir } from '../helpers/tmp.ts';

const SOURCES = 2 * REBUILD_CHUNK + 500;
/** Migration 0023 rebuilds the indexes of sources again (their spaced form): two more rebuilds of SOURCES rows after 0020's. */
const LATER_REBUILDS = 2;
const of0020 = (seen: readonly MigrationProgress[]): number[] => seen.filter((p) => p.version === 20).map((p) => p.done);
const BEFORE_0020 = loadMigrations().filter((m) => m.version < 20);

/** A library of SOURCES short generated sources at schema 19 (before the prefix index). */
function libraryBefore0020(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'lectern.db');
  const store = openStore(file, { migrations: BEFORE_0020 });
  generateSources(store, SOURCES, { short: true });
  store.close();
  return file;
}

/** The index is whole: FTS5's check against the live rows, every source found by a word each has, and the prefixes indexed. */
function assertIndexComplete(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    assert.equal(schemaVersion(db), Math.max(...loadMigrations().map((m) => m.version)));
    assert.match(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sources_fts'").pluck().get() as string, /prefix='1 2 3 4'/);
    // every short generated text ends "No. N"
    assert.equal(db.prepare("SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'no'").pluck().get(), SOURCES);
    assert.equal(db.prepare(`SELECT count(*) FROM sources_fts WHERE sources_fts MATCH '"${SOURCES}"'`).pluck().get(), 1);
    assert.equal(db.prepare("SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'n*'").pluck().get(), SOURCES);
  } finally {
    db.close();
  }
  const check = new Database(file);
  registerFtsText(check); // the index's content view calls it
  try {
    // SQLITE_CORRUPT_VTAB when the index and the live rows differ
    assert.doesNotThrow(() => check.prepare("INSERT INTO sources_fts(sources_fts, rank) VALUES ('integrity-check', 1)").run());
  } finally {
    check.close();
  }
}

test('migration 0020 rebuilds the search index in chunks and reports its progress; a library that ran it reports nothing', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = libraryBefore0020(dir);
    const seen: MigrationProgress[] = [];
    const store = openStore(file, { onMigrationProgress: (p) => seen.push({ ...p }) });
    store.close();
    assert.deepEqual(of0020(seen), [REBUILD_CHUNK, 2 * REBUILD_CHUNK, SOURCES]);
    assert.equal(seen.length, 3 * (1 + LATER_REBUILDS));
    assert.ok(seen.every((p) => p.total === SOURCES && (p.version === 20 || p.version === 23) && p.task === 'Updating the search index'));
    assertIndexComplete(file);
    const again: MigrationProgress[] = [];
    openStore(file, { onMigrationProgress: (p) => again.push(p) }).close();
    assert.deepEqual(again, [], 'nothing to do');
  } finally {
    cleanup();
  }
});

test('the gradual runner lets other work run between chunks, and the store then opens with nothing left to do', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = libraryBefore0020(dir);
    let turns = 0;
    let running = true;
    const tick = () => { if (running) { turns++; setImmediate(tick); } };
    setImmediate(tick);
    const seen: MigrationProgress[] = [];
    const applied = await migrateFileGradually(file, (p) => seen.push({ ...p }), { busyTimeoutMs: 5_000 });
    running = false;
    assert.deepEqual(applied, loadMigrations().map((m) => m.version).filter((v) => v >= 20), '0020 and every later one');
    assert.deepEqual(of0020(seen), [REBUILD_CHUNK, 2 * REBUILD_CHUNK, SOURCES]);
    assert.ok(turns >= 2, `the event loop ran between chunks (${turns} turns)`);
    const after: number[] = [];
    openStore(file, { onMigrationProgress: (p) => after.push(p.done) }).close();
    assert.deepEqual(after, []);
    assertIndexComplete(file);
  } finally {
    cleanup();
  }
});

test('a rebuild killed in the middle leaves the library at its old schema; the next open rebuilds the index completely', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = libraryBefore0020(dir);
    const storeUrl = pathToFileURL(join(import.meta.dirname, '..', '..', 'db', 'store.ts')).href;
    // a second process migrates and is killed (SIGKILL: no cleanup of any kind) once the first chunk is in
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { openStore } = await import(${JSON.stringify(storeUrl)});
      openStore(${JSON.stringify(file)}, { onMigrationProgress: (p) => {
        if (p.done >= ${REBUILD_CHUNK}) { process.stdout.write('killed at ' + p.done); process.kill(process.pid, 'SIGKILL'); }
      } });
    `], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    assert.equal(child.stdout, `killed at ${REBUILD_CHUNK}`);
    const db = new Database(file, { readonly: true });
    assert.equal(schemaVersion(db), 19, 'the migration was not recorded');
    db.close();
    const seen: MigrationProgress[] = [];
    openStore(file, { onMigrationProgress: (p) => seen.push({ ...p }) }).close();
    assert.deepEqual(of0020(seen), [REBUILD_CHUNK, 2 * REBUILD_CHUNK, SOURCES], 'rebuilt from the start');
    assertIndexComplete(file);
  } finally {
    cleanup();
  }
});

test('the CLI shows the rebuild\'s progress on stderr (a line per tenth when not a terminal, in place on one); stdout stays the answer', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = libraryBefore0020(dir);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['--db', file, 'list', '--json'], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, isTTY: false });
    assert.equal(code, 0, stderr);
    assert.ok(Array.isArray((JSON.parse(stdout) as { sources?: unknown[] }).sources ?? JSON.parse(stdout)), 'stdout is the JSON answer alone');
    const percents = [...stderr.matchAll(/^Updating the search index… (\d+)%$/gm)].map((m) => Number(m[1]));
    // a line per tenth over the first rebuild; the later ones (their tenths already shown) say when they end
    assert.deepEqual(percents, [40, 80, 100, ...Array<number>(LATER_REBUILDS).fill(100)], stderr);
    assert.equal(stderr.replace(/^Updating the search index… \d+%\n/gm, ''), '', 'nothing else on stderr');
    assertIndexComplete(file);

    // on a terminal the line is rewritten in place and ends with a newline
    const other = libraryBefore0020(join(dir, 'tty'));
    let tty = '';
    assert.equal(await runCli(['--db', other, 'list', '--json'], { stdout: () => {}, stderr: (t) => { tty += t; }, env: {}, isTTY: true }), 0);
    const line = (n: number) => `\rUpdating the search index… ${n}%\u001b[K`;
    assert.equal(tty, `${line(40)}${line(80)}${line(100)}\n`.repeat(1 + LATER_REBUILDS));
  } finally {
    cleanup();
  }
});
