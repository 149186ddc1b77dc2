// Libraries Lectern must not write to, but can still read: one written by a
// newer Lectern, one in a read-only folder, one a check found damaged. Each
// through the CLI in its own process (as another user where the tests run as
// root, for whom permissions do not apply) and through the handler table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../db/store.ts';
import { latestVersion, loadMigrations, migrate } from '../../db/migrate.ts';
import { damageMarkerPath } from '../../db/integrity.ts';
import { createApi } from '../../electron/api.ts';
import { toErrorShape } from '../../electron/dispatch.ts';
import { startupMaintenance, startupWarning } from '../../electron/maintenance.ts';
import type { LecternApi } from '../../common/api.ts';
import { cliProcess } from '../helpers/processes.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

const OURS = latestVersion();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const asAnotherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** A library with the seeds, an annotation and a note, closed (its WAL folded back in). */
async function makeLibrary(file: string): Promise<{ sourceId: string; annotationId: string; noteId: string }> {
  const store = openStore(file);
  try {
    const api = createApi({ store });
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    const a = await api.createAnnotation({ sourceId: imported[0]!.id, start: 0, end: 20, comment: 'kept' });
    const n = await api.createNote({ title: 'A note' });
    return { sourceId: imported[0]!.id, annotationId: a.id, noteId: n.id };
  } finally {
    store.close();
  }
}

/** Every kind of API write, each expected to be refused with `code`. */
async function assertEveryWriteRefused(api: LecternApi, ids: { sourceId: string; annotationId: string; noteId: string }, code: string) {
  const writes: Array<[string, () => Promise<unknown>]> = [
    ['importPaths', () => api.importPaths([SEED_001])],
    ['importFiles', () => api.importFiles([{ name: 'x.txt', bytes: new TextEncoder().encode('A new file\n') }])],
    ['updateSource', () => api.updateSource(ids.sourceId, { title: 'changed' })],
    ['deleteSource', () => api.deleteSource(ids.sourceId)],
    ['createAnnotation', () => api.createAnnotation({ sourceId: ids.sourceId, start: 0, end: 5 })],
    ['updateAnnotation', () => api.updateAnnotation(ids.annotationId, { comment: 'changed' })],
    ['deleteAnnotation', () => api.deleteAnnotation(ids.annotationId)],
    ['importAnnotations', () => api.importAnnotations(ids.sourceId, JSON.stringify({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'the' } } }))],
    ['createNote', () => api.createNote({ title: 'new' })],
    ['updateNote', () => api.updateNote(ids.noteId, { title: 'changed' })],
    ['deleteNote', () => api.deleteNote(ids.noteId)],
    ['restore', () => api.restore([ids.noteId])],
    ['purgeDeleted', () => api.purgeDeleted()],
    ['updateSettings', () => api.updateSettings({ authorName: 'changed' })],
  ];
  for (const [name, call] of writes) {
    await assert.rejects(call(), (err: Error) => {
      // the shape every transport returns
      assert.equal(toErrorShape(err).code, code, `${name}: ${err.message}`);
      return true;
    }, name);
  }
}

test('a library written by a newer Lectern opens read-only: reads work, writes are refused naming both versions', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'newer.db');
  try {
    const ids = await makeLibrary(file);
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from_the_future', 'later')").run();
    raw.close();
    const before = sha(file);

    const store = openStore(file);
    try {
      const status = store.status();
      assert.equal(status.readOnly?.code, 'newer-schema');
      assert.match(status.readOnly!.message, new RegExp(`schema version 99; this Lectern knows versions up to ${OURS}`));
      assert.deepEqual([status.schemaVersion, status.appSchemaVersion], [99, OURS]);
      const api = createApi({ store });
      assert.equal((await api.listSources()).length, 2);
      assert.equal((await api.listAnnotations(ids.sourceId))[0]!.comment, 'kept');
      await assertEveryWriteRefused(api, ids, 'newer-schema');
    } finally {
      store.close();
    }

    const list = await cliProcess(['--db', file, 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 2);
    const write = await cliProcess(['--db', file, 'note', 'create', '--title', 'x', '--json']);
    assert.equal(write.code, 1);
    assert.equal((JSON.parse(write.stdout) as { error: { code: string } }).error.code, 'newer-schema');
    assert.match(write.stderr, /schema version 99; this Lectern knows versions up to \d+/);
    assert.equal(sha(file), before, 'not a byte written');
  } finally {
    cleanup();
  }
});

test('a read-only folder without a -wal: list, show, search and export work; writes say the library is read-only', async () => {
  const { dir, cleanup } = tempDir();
  const folder = join(dir, 'shelf');
  const file = join(folder, 'lectern.db');
  const out = join(dir, 'out');
  try {
    mkdirSync(folder);
    mkdirSync(out);
    const ids = await makeLibrary(file);
    assert.ok(!existsSync(`${file}-wal`), 'closed cleanly: no -wal beside it');
    const before = sha(file);
    chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(dir, 0o755);
    chmodSync(out, 0o777);
    const run = (args: string[]) => cliProcess(['--db', file, ...args], asAnotherUser);

    const list = await run(['list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 2);
    const show = await run(['show', ids.sourceId, '--json']);
    assert.equal(show.code, 0, show.stderr);
    assert.equal((JSON.parse(show.stdout) as { annotations: Array<{ comment: string }> }).annotations[0]!.comment, 'kept');
    const search = await run(['search', '--json', '"Dossier Center"']);
    const found = JSON.parse(search.stdout) as Array<{ versions?: { count: number } }>;
    assert.equal(found.length, 1, search.stderr);
    assert.equal(found[0]!.versions?.count, 2, 'the two seeds are versions of one story: one row for both');
    const exported = await run(['export', 'annotations', '--source', ids.sourceId, '-o', join(out, 'a.jsonld'), '--json']);
    assert.equal(exported.code, 0, exported.stderr);

    const refused = await run(['import', SEED_001, '--json']);
    assert.equal(refused.code, 1);
    assert.equal((JSON.parse(refused.stdout) as { error: { code: string } }).error.code, 'read-only');
    const note = await run(['note', 'create', '--title', 'x', '--json']);
    assert.equal(note.code, 1);
    assert.equal((JSON.parse(note.stdout) as { error: { code: string; message: string } }).error.code, 'read-only');
    assert.match(note.stderr, /read-only/);

    // An older library on the same shelf is migrated in memory and read the same way.
    chmodSync(folder, 0o755);
    const old = join(folder, 'old.db');
    const db = new Database(old);
    migrate(db, loadMigrations().filter((m) => m.version <= 3));
    db.prepare(`INSERT INTO sources (id, title, original_name, sha256, encoding, text, length, imported_at, updated_at)
      VALUES ('5c0d1e2f-0000-4000-8000-00000000000a', 'An old source', 'old.txt', ?, 'utf-8', 'old text', 8, 'then', 'then')`).run('a'.repeat(64));
    db.close();
    chmodSync(old, 0o444);
    chmodSync(folder, 0o555);
    const oldList = await cliProcess(['--db', old, 'list', '--json'], asAnotherUser);
    assert.equal(oldList.code, 0, oldList.stderr);
    assert.deepEqual((JSON.parse(oldList.stdout) as Array<{ title: string }>).map((s) => s.title), ['An old source']);

    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);
    assert.equal(sha(file), before, 'not a byte written');
  } finally {
    chmodSync(folder, 0o755);
    cleanup();
  }
});

/** Zeroes one page of the sources table's b-tree, as a failing disk might. */
function zeroAPage(file: string): number {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'sources' ORDER BY pageno LIMIT 1").pluck().get() as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return page;
}

test('a zeroed page is found (app start, lectern check), and nothing writes into the damaged file until it passes again', async () => {
  const { dir, cleanup } = tempDir();
  const good = join(dir, 'good.db');
  const file = join(dir, 'copy.db');
  try {
    const ids = await makeLibrary(good);
    copyFileSync(good, file);
    zeroAPage(file);
    const damaged = sha(file);

    // The app: the start-up check (in a worker thread) finds it; from then on every write is refused.
    let store: Store = openStore(file);
    try {
      assert.equal(store.status().readOnly, null, 'not known yet');
      const report = await startupMaintenance({ store, dataDir: join(dir, 'app-data') });
      assert.equal(report.check.ok, false);
      assert.equal(startupWarning(report)?.message, 'The library file is damaged', 'the app tells the researcher');
      assert.ok(report.check.problems.length > 0);
      assert.equal(report.backup, null, 'no backup of a damaged library (older good ones are kept)');
      assert.equal(store.status().readOnly?.code, 'damaged');
      await assertEveryWriteRefused(createApi({ store }), ids, 'damaged');
      assert.equal((await createApi({ store }).listNotes()).length, 1, 'what can be read is still read');
    } finally {
      store.close();
    }
    assert.ok(existsSync(damageMarkerPath(file)), 'the verdict is remembered beside the file');

    // The CLI, another process, knows too: it refuses to write before checking anything itself.
    const write = await cliProcess(['--db', file, 'note', 'create', '--title', 'x', '--json']);
    assert.equal(write.code, 1);
    assert.equal((JSON.parse(write.stdout) as { error: { code: string } }).error.code, 'damaged');
    assert.match(write.stderr, /damaged.*restore a backup/);
    const check = await cliProcess(['--db', file, 'check', '--json']);
    assert.equal(check.code, 1);
    assert.equal((JSON.parse(check.stdout) as { ok: boolean }).ok, false);
    assert.equal(sha(file), damaged, 'not a byte written into the damaged file');

    // A check that fails in the CLI first (no marker yet) refuses writes as well.
    copyFileSync(good, file);
    zeroAPage(file);
    rmSync(damageMarkerPath(file));
    const fresh = await cliProcess(['--db', file, 'check']);
    assert.equal(fresh.code, 1);
    assert.match(fresh.stdout, /DAMAGED: quick_check found/);
    assert.equal((await cliProcess(['--db', file, 'import', SEED_000])).code, 1);

    // Restored from the good copy: a passing check clears the verdict, and writes work again.
    copyFileSync(good, file);
    const passed = await cliProcess(['--db', file, 'check', '--full']);
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /ok: integrity_check and the full-text indexes found no problems/);
    assert.ok(!existsSync(damageMarkerPath(file)));
    store = openStore(file);
    try {
      assert.equal((await createApi({ store }).createNote({ title: 'after the restore' })).title, 'after the restore');
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('a write that meets a damaged page is refused as damaged, and so is every write after it', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'copy.db');
  try {
    const ids = await makeLibrary(file);
    zeroAPage(file);
    const store = openStore(file);
    try {
      const api = createApi({ store });
      await assert.rejects(api.updateSource(ids.sourceId, { title: 'x' }), (err: Error & { code?: string }) => err.code === 'damaged');
      assert.equal(store.status().readOnly?.code, 'damaged');
      assert.ok(existsSync(damageMarkerPath(file)));
      await assert.rejects(api.createNote({ title: 'not into a damaged file' }), (err: Error & { code?: string }) => err.code === 'damaged');
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
