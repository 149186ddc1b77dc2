// Change tracking for sync (migration 0015, db/changes.ts): every write to a
// synced table is in the outbox in the same transaction, from any process;
// a purge leaves its id there (the tombstone goes out); a rolled-back write
// leaves nothing; every table of the schema is either synced or named local.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../db/store.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { LOCAL_TABLES, SYNCED_TABLES } from '../../db/sync-tables.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000 } from '../helpers/tmp.ts';
import { cliProcess } from '../helpers/processes.ts';

const clearOutbox = (store: Store) => store.changes.sent([...store.changes.pending('records', 1000), ...store.changes.pending('sources', 1000)]);

const outbox = (store: { db: Database.Database }) =>
  store.db.prepare('SELECT doc_id FROM sync_outbox ORDER BY seq').pluck().all() as string[];

test('every table is either synced (with its sync_ triggers) or named local: a new table is a decision', () => {
  const db = new Database(':memory:');
  migrate(db, loadMigrations());
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_fts_%'`).pluck().all() as string[];
  const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  const unclassified = tables.filter((t) => !(t in SYNCED_TABLES) && !(t in LOCAL_TABLES));
  assert.deepEqual(unclassified, [], 'name each new table in db/sync-tables.ts: SYNCED_TABLES (and add its triggers) or LOCAL_TABLES');
  for (const table of Object.keys(SYNCED_TABLES)) {
    for (const op of ['ai', 'au', 'ad']) assert.ok(triggers.has(`sync_${table}_${op}`), `sync_${table}_${op} records changes of ${table}`);
  }
  db.close();
});

test('each write is in the outbox in its own transaction, once per document, with the seq of its latest change', () => withApi(async ({ api, store }) => {
  assert.deepEqual(outbox(store), []);
  const { imported: [src] } = await api.importPaths([SEED_000]);
  assert.deepEqual(outbox(store), [`source:${src!.id}`]);
  const a = await api.createAnnotation({ sourceId: src!.id, start: 0, end: 5, tags: ['econ'] });
  const tagId = store.db.prepare("SELECT id FROM tags WHERE name = 'econ'").pluck().get() as string;
  assert.deepEqual(outbox(store), [`source:${src!.id}`, `tag:${tagId}`, `annotation:${a.id}`], 'the tag before the annotation that uses it');
  const note = await api.createNote({ title: 'n' });
  await api.updateSource(src!.id, { title: 'renamed' });
  assert.deepEqual(outbox(store), [`tag:${tagId}`, `annotation:${a.id}`, `note:${note.id}`, `source:${src!.id}`], 'a document appears once, at its latest change');

  // a push that read the annotation at its seq forgets it only if it did not change since
  const entry = store.changes.pending('records', 10).find((e) => e.docId === `annotation:${a.id}`)!;
  await api.updateAnnotation(a.id, { comment: 'changed while sending' });
  store.changes.sent([entry]);
  assert.ok(outbox(store).includes(`annotation:${a.id}`), 'a change made during the push is not lost');
  store.changes.sent(store.changes.pending('records', 10).filter((e) => e.docId === `annotation:${a.id}`));
  assert.ok(!outbox(store).includes(`annotation:${a.id}`));

  // a write that fails leaves nothing behind, its outbox line included
  const before = outbox(store);
  assert.throws(() => store.write(() => {
    store.annotations.update(a.id, { comment: 'rolled back' });
    throw new Error('boom');
  }), /boom/);
  assert.deepEqual(outbox(store), before);

  // deletes: the trash is a change of the record; a purge leaves the id for its tombstone
  clearOutbox(store);
  await api.deleteNote(note.id);
  assert.deepEqual(outbox(store), [`note:${note.id}`]);
  clearOutbox(store);
  await api.purgeDeleted([note.id]);
  assert.deepEqual(outbox(store), [`note:${note.id}`]);
  assert.equal(store.syncRows.read('note', note.id), undefined, 'the rows are gone: the next push sends a tombstone');
}));

test('changes made by the CLI while the app is closed are in the outbox when it opens', () => withApi(async ({ api, store, dir }) => {
  const file = join(dir, 'lectern.db');
  const { imported: [src] } = await api.importPaths([SEED_000]);
  store.changes.sent(store.changes.pending('sources', 100));
  store.close();
  const r = await cliProcess(['--db', file, 'annotate', '--json', src!.id, '--quote', 'Kremlin', '--occurrence', '1', '--comment', 'from the CLI']);
  assert.equal(r.code, 0, r.stderr);
  const annotation = JSON.parse(r.stdout) as { id: string };
  const reopened = openStore(file);
  try {
    assert.deepEqual(outbox(reopened), [`annotation:${annotation.id}`]);
  } finally {
    reopened.close();
  }
}));

test('a library made before sync has everything in its outbox after the migration', () => {
  const db = new Database(':memory:');
  const migrations = loadMigrations();
  migrate(db, migrations.filter((m) => m.version < 15));
  db.prepare(`INSERT INTO sources (id, title, original_name, sha256, encoding, text, length, imported_at, updated_at)
    VALUES ('s1', 't', 'f.txt', 'aa', 'utf-8', 'hello', 5, 'x', 'x')`).run();
  db.prepare(`INSERT INTO notes (id, title, doc, created, modified) VALUES ('n1', 'n', '{"type":"doc"}', 'x', 'x')`).run();
  migrate(db, migrations);
  assert.deepEqual(db.prepare('SELECT doc_id FROM sync_outbox ORDER BY doc_id').pluck().all(), ['note:n1', 'source:s1']);
  assert.match(db.prepare("SELECT value FROM sync_state WHERE key = 'library_id'").pluck().get() as string, /^[0-9a-f]{32}$/);
  db.close();
});
