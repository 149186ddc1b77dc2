// Two (or three) processes on one library, the normal case for the app and the
// CLI: every test here runs real processes on one database file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { createApi } from '../../electron/api.ts';
import type { LecternApi } from '../../common/api.ts';
import { CHILD, cliProcess, start } from '../helpers/processes.ts';
import { CORPUS, SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

const ROUNDS = 25;

test(`three processes opening a database that does not exist yet: all succeed, ${ROUNDS} times over`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const children = [0, 1, 2].map((i) => start(CHILD, ['open', dir, String(ROUNDS), String(i), '3']));
    const results = await Promise.all(children.map((c) => c.done));
    const errors = results.flatMap((r, i) => {
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as Array<{ round: number; error: string }>).map((e) => `process ${i}, round ${e.round}: ${e.error}`);
    });
    assert.deepEqual(errors, []);
    const latest = Math.max(...loadMigrations().map((m) => m.version));
    for (let k = 0; k < ROUNDS; k++) {
      const db = new Database(join(dir, `${k}.db`), { readonly: true });
      assert.equal(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get(), latest);
      assert.equal(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), loadMigrations().length, 'each migration recorded once');
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      db.close();
    }
  } finally {
    cleanup();
  }
});

/** Every write the API offers, each once, in an order where each has something to act on. */
async function everyWrite(api: LecternApi, dir: string): Promise<string[]> {
  const ran: string[] = [];
  // Paced like a person using the app (the failures were "at human speed"), so the
  // other process gets the lock between our calls and holds it when the next one starts.
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    await sleep(10);
    try {
      const r = await fn();
      ran.push(name);
      return r;
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
    }
  };
  const extra = join(dir, `extra-${ran.length}-${Date.now()}.txt`);
  writeFileSync(extra, `An extra file ${extra}\n\nWritten while another process holds the write lock.\n`);
  const { imported } = await step('importPaths', () => api.importPaths([extra]));
  const sourceId = imported[0]!.id;
  await step('importFiles', () => api.importFiles([{ name: `dropped-${Date.now()}.txt`, bytes: new TextEncoder().encode(`Dropped ${Math.random()}\n`) }]));
  await step('updateSource', () => api.updateSource(sourceId, { title: 'Renamed while busy' }));
  const a = await step('createAnnotation', () => api.createAnnotation({ sourceId, start: 0, end: 8, comment: 'first' }));
  await step('updateAnnotation', () => api.updateAnnotation(a.id, { comment: 'second', tags: ['busy/tag'] }));
  const json = JSON.stringify({ type: 'Annotation', body: { type: 'TextualBody', value: 'from W3C' },
    target: { selector: { type: 'TextQuoteSelector', exact: 'extra file' } } });
  await step('importAnnotations', () => api.importAnnotations(sourceId, json));
  await step('deleteAnnotation', () => api.deleteAnnotation(a.id));
  await step('restore (annotation)', () => api.restore([a.id]));
  const note = await step('createNote', () => api.createNote({ title: 'Busy note' }));
  await step('updateNote', () => api.updateNote(note.id, { title: 'Busy note, renamed' }));
  await step('deleteNote', () => api.deleteNote(note.id));
  await step('restore (note)', () => api.restore([note.id]));
  await step('updateSettings', () => api.updateSettings({ authorName: 'Busy' }));
  await step('deleteSource', () => api.deleteSource(sourceId));
  await step('restore (source)', () => api.restore([sourceId]));
  await step('deleteNote (to purge)', () => api.deleteNote(note.id));
  await step('purgeDeleted', () => api.purgeDeleted([note.id]));
  return ran;
}

test('every API write succeeds while another process keeps taking the write lock (no SQLITE_BUSY)', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  const stop = join(dir, 'stop');
  const store = openStore(file);
  const holder = start(CHILD, ['hold', file, stop]);
  try {
    const api = createApi({ store });
    await api.importPaths([SEED_000, SEED_001]);
    await holder.printed('ready');
    const holderCount = () => Number(store.db.prepare("SELECT value FROM settings WHERE key = 'holder'").pluck().get());
    const heldBefore = holderCount();
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      try {
        await everyWrite(api, dir);
      } catch (err) {
        failures.push(`round ${round}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
    const heldAfter = holderCount();
    assert.ok(heldAfter > heldBefore + 3, `the other process kept writing meanwhile (${heldBefore} -> ${heldAfter})`);
  } finally {
    writeFileSync(stop, '');
    const held = await holder.done;
    assert.equal(held.code, 0, held.stderr);
    store.close();
    cleanup();
  }
});

type ImportJson = { imported: Array<{ id: string; sha256: string; path: string }>; duplicates: Array<{ path: string; id: string }>; failed: unknown[] };

test('two CLI imports over overlapping folders at once: both finish, every file imported once', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'lectern.db');
  try {
    mkdirSync(dir, { recursive: true });
    openStore(db).close();
    const [a, b] = await Promise.all([
      cliProcess(['--db', db, 'import', '--json', join(CORPUS, 'business'), join(CORPUS, 'politics')]),
      cliProcess(['--db', db, 'import', '--json', join(CORPUS, 'politics'), join(CORPUS, 'tech')]),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const ra = JSON.parse(a.stdout) as ImportJson;
    const rb = JSON.parse(b.stdout) as ImportJson;
    assert.deepEqual([...ra.failed, ...rb.failed], []);
    const store = openStore(db);
    try {
      const rows = store.db.prepare('SELECT id, sha256 FROM sources').all() as Array<{ id: string; sha256: string }>;
      assert.equal(rows.length, 500 + 397 + 333, 'every distinct file once');
      assert.equal(new Set(rows.map((r) => r.sha256)).size, rows.length);
      const importedIds = [...ra.imported, ...rb.imported].map((i) => i.id);
      assert.deepEqual(importedIds.sort(), rows.map((r) => r.id).sort(), 'each stored file reported imported by exactly one run');
      assert.equal(ra.imported.length + ra.duplicates.length, 500 + 397);
      assert.equal(rb.imported.length + rb.duplicates.length, 397 + 333);
      const ids = new Set(rows.map((r) => r.id));
      assert.ok([...ra.duplicates, ...rb.duplicates].every((d) => ids.has(d.id)), 'duplicates name stored sources');
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('busy_timeout is honoured: a write waits for another process\'s lock, and past the timeout says the library is busy', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  openStore(file).close();
  try {
    // Held for 1 s: a write waits for it (timeout 10 s), and runs after the other commit.
    const holder = start(CHILD, ['hold-once', file, '1000']);
    await holder.printed('locked');
    const store = openStore(file);
    try {
      await createApi({ store }).updateSettings({ authorName: 'waited' });
      assert.equal(store.db.prepare("SELECT value FROM settings WHERE key = 'holder'").pluck().get(), '"committed"',
        'the write ran after the other process committed');
    } finally {
      store.close();
    }
    assert.equal((await holder.done).code, 0);

    // With a 200 ms timeout against a 3 s hold: refused with a clear code, nothing written.
    const long = start(CHILD, ['hold-once', file, '3000']);
    await long.printed('locked');
    const impatient = openStore(file, { busyTimeoutMs: 200 });
    try {
      await assert.rejects(createApi({ store: impatient }).updateSettings({ authorName: 'never' }),
        (err: Error & { code?: string }) => err.code === 'busy' && /another Lectern process/.test(err.message) && /0\.2 s/.test(err.message));
    } finally {
      impatient.close();
    }
    assert.equal((await long.done).code, 0);
    const after = openStore(file);
    assert.equal(after.settings.get().authorName, 'waited');
    after.close();
  } finally {
    cleanup();
  }
});
