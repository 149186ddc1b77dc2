import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import Database from 'better-sqlite3';
import { latestVersion, loadMigrations, migrate } from '../../db/migrate.ts';
import { SCHEMA_FILE, currentSchema, dumpSchema } from '../../db/schema-dump.ts';
import { createSourceRepo } from '../../db/sources.ts';
import { createAnnotationRepo } from '../../db/annotations.ts';
import { createSearch } from '../../db/search.ts';
import { buildFtsQuery } from '../../db/fts-query.ts';
import { checkIntegrity } from '../../db/integrity.ts';
import { tempDir } from '../helpers/tmp.ts';

function withStore(fn: (store: ReturnType<typeof openStore>) => void): void {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try { fn(store); } finally { store.close(); cleanup(); }
}

const row = (over: Partial<Parameters<ReturnType<typeof openStore>['sources']['insert']>[0]> = {}) => ({
  title: 'Crocus City Hall', published: '2024-03-30', publisher: null, url: null, byline: null,
  originalPath: '/tmp/a.txt', originalName: 'a.txt', sha256: 'a'.repeat(64), encoding: 'utf-8',
  text: 'Les Misérables at the Cologne Cathedral. ISIS-K claimed it.', chars: 58, ...over,
});

test('an empty database migrates cleanly and passes integrity and foreign-key checks', () => {
  withStore(({ db }) => {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['sources', 'annotations', 'tags', 'annotation_tags', 'notes', 'citations', 'settings',
      'schema_migrations', 'sources_fts', 'annotations_fts', 'notes_fts']) {
      assert.ok(tables.includes(t), `missing table ${t}`);
    }
    assert.deepEqual(migrate(db), [], 'a second migrate applies nothing');
  });
});

test('a failing migration rolls back whole', () => {
  withStore(({ db }) => {
    assert.throws(() => migrate(db, [{ version: 9999, name: 'bad', sql: 'CREATE TABLE x (a); SELECT nope FROM missing;' }]));
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'x'").pluck().get(), 0);
    assert.equal(db.prepare('SELECT count(*) FROM schema_migrations WHERE version = 9999').pluck().get(), 0);
  });
});

test('ids are UUIDs; sha256 is unique; full-text search follows edits through triggers', () => {
  withStore((store) => {
    const s = store.sources.insert(row());
    assert.match(s.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.throws(() => store.sources.insert(row()), /UNIQUE/);
    assert.equal(store.search('miserables')[0]?.id, s.id, 'diacritics are ignored');
    assert.equal(store.search('COLOGNE')[0]?.id, s.id, 'case is ignored');
    store.sources.updateMeta(s.id, { title: 'Renamed dossier' });
    assert.equal(store.search('dossier')[0]?.title, 'Renamed dossier');
    assert.equal(store.search('crocus').length, 0, 'old title is gone from the index');
    const a = store.annotations.insert({ sourceId: s.id, start: 0, end: 3, exact: 'Les', prefix: '', suffix: ' Mis',
      color: 'yellow', comment: 'a musical', tags: ['theatre/musicals', ' theatre / plays '] });
    assert.deepEqual(a.tags, ['theatre/musicals', 'theatre/plays']);
    assert.deepEqual(store.search('musical').map((h) => [h.kind, h.id]), [['annotation', a.id]]);
    store.annotations.update(a.id, { comment: 'an opera' });
    assert.equal(store.search('musical').length, 0);
    assert.equal(store.sources.list()[0]?.annotationCount, 1);
    assert.deepEqual(store.sources.list()[0]?.tags, ['theatre/musicals', 'theatre/plays']);
    store.sources.delete(s.id);
    assert.equal(store.annotations.get(a.id), undefined, 'annotations cascade with their source');
    assert.deepEqual(store.search('opera'), []);
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  });
});

test('search syntax: words, phrases, prefixes, and nothing raises an FTS5 error', () => {
  withStore((store) => {
    store.sources.insert(row());
    store.sources.insert(row({ sha256: 'b'.repeat(64), title: 'Other', text: 'Cathedral of Colony, ISIS threat' }));
    assert.equal(store.search('cologne cathedral').length, 1, 'all words must match');
    assert.equal(store.search('cathedral').length, 2);
    assert.equal(store.search('"cathedral of colony"').length, 1);
    assert.equal(store.search('"colony cathedral"').length, 0, 'phrases keep word order');
    assert.equal(store.search('cathed*').length, 2);
    assert.equal(store.search('ISIS-K').length, 1);
    for (const q of ['"', '(', ')', 'AND', 'OR', 'NOT', 'NEAR', '*', '"unbalanced', 'a:b', '^x', '-', '{}', 'col:umn AND (', '']) {
      assert.doesNotThrow(() => store.search(q), `query ${JSON.stringify(q)}`);
    }
    assert.equal(store.search('AND').length, 0);
  });
});

test('buildFtsQuery quotes every term', () => {
  assert.equal(buildFtsQuery('ISIS-K "a b" pre*'), '"ISIS-K" AND "a b" AND "pre"*');
  assert.equal(buildFtsQuery('"'), null);
  assert.equal(buildFtsQuery('say "hi'), '"say" AND "hi"');
});

test('snippets mark the matched words', () => {
  withStore((store) => {
    store.sources.insert(row());
    assert.match(store.search('cathedral')[0]!.snippet, /⟦Cathedral⟧/);
  });
});

test('notes keep their citations; backlinks are one query', () => {
  withStore((store) => {
    const s = store.sources.insert(row());
    const n = store.notes.insert({ title: 'Findings', doc: { type: 'doc' }, text: 'Findings text',
      citations: [{ annotationId: 'ann-1', sourceId: s.id, start: 0, end: 3, exact: 'Les' }] });
    assert.deepEqual(store.notes.backlinks('ann-1'), [{ noteId: n.id, title: 'Findings' }]);
    assert.deepEqual(store.notes.backlinks(s.id), [{ noteId: n.id, title: 'Findings' }]);
    assert.equal(store.notes.list()[0]?.citationCount, 1);
    store.notes.update(n.id, { title: 'Findings', doc: { type: 'doc' }, text: '', citations: [] });
    assert.deepEqual(store.notes.backlinks('ann-1'), []);
    assert.deepEqual(store.notes.delete(n.id)?.id, n.id);
    assert.equal(store.notes.get(n.id), undefined);
  });
});

test('settings default and persist', () => {
  withStore((store) => {
    assert.equal(store.settings.get().pageSize, 'A4');
    store.settings.update({ pageSize: 'Letter', authorName: 'R. Researcher' });
    assert.equal(store.settings.get().pageSize, 'Letter');
    assert.equal(store.settings.get().authorName, 'R. Researcher');
  });
});

test('ranking: a title match outranks body matches; hits of every kind come back with their own snippets', () => {
  withStore((store) => {
    const body = store.sources.insert(row({ sha256: 'c'.repeat(64), title: 'Weather report', text: 'Budget talk. The budget, the budget and the budget again.' }));
    const titled = store.sources.insert(row({ sha256: 'd'.repeat(64), title: 'Budget', text: 'A long article about many other things entirely, mentioning nothing else.' }));
    const a = store.annotations.insert({ sourceId: body.id, start: 0, end: 6, exact: 'Budget', prefix: '', suffix: ' talk',
      color: 'yellow', comment: 'the budget line', tags: [] });
    const n = store.notes.insert({ title: 'Budget notes', doc: { type: 'doc' }, text: 'budget', citations: [] });
    const hits = store.search('budget');
    assert.deepEqual(hits.filter((h) => h.kind === 'source').map((h) => h.id), [titled.id, body.id], 'the title is weighted above the body');
    assert.deepEqual(new Set(hits.map((h) => h.id)), new Set([body.id, titled.id, a.id, n.id]));
    const annotationHit = hits.find((h) => h.kind === 'annotation')!;
    assert.equal(annotationHit.sourceId, body.id);
    assert.equal(annotationHit.title, 'Weather report');
    assert.match(annotationHit.snippet, /⟦budget⟧|⟦Budget⟧/);
    assert.equal(hits.find((h) => h.kind === 'note')?.sourceId, null);
    assert.equal(store.search('budget', 2).length, 2, 'the limit applies across kinds');
  });
});

test('sources inserted in a batch are indexed at its end; rows undone by a savepoint are not', () => {
  withStore((store) => {
    store.sources.batch(() => {
      store.sources.insert(row({ sha256: 'e'.repeat(64), text: 'kept zebra' }));
      try {
        store.write(() => {
          store.sources.insert(row({ sha256: 'f'.repeat(64), text: 'undone zebra' }));
          throw new Error('undo this file');
        });
      } catch { /* the file's savepoint is rolled back */ }
      assert.equal(store.search('zebra').length, 0, 'not indexed before the batch ends');
    });
    assert.deepEqual(store.search('zebra').map((h) => h.snippet), ['kept ⟦zebra⟧']);
    // FTS5's integrity-check throws SQLITE_CORRUPT_VTAB when the index and the content table disagree.
    assert.doesNotThrow(() => store.db.prepare("INSERT INTO sources_fts(sources_fts) VALUES ('integrity-check')").run());
  });
});

test('migrating a database with data keeps every row, tag and index entry (0003 rebuilds annotations, 0004 sources, 0005 versions notes)', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'old.db');
    const all = loadMigrations();
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, all.filter((m) => m.version <= 2));
    // rows as the version-2 store wrote them (today's repositories need today's schema)
    const s = { id: '5c0d1e2f-0000-4000-8000-000000000001', ...row() };
    db.prepare(`INSERT INTO sources (id, title, published, original_path, original_name, sha256, encoding, text, length, imported_at, updated_at)
      VALUES (@id, @title, @published, @originalPath, @originalName, @sha256, @encoding, @text, @chars, 'then', 'then')`).run(s);
    db.prepare("INSERT INTO sources_fts (rowid, title, text) SELECT seq, title, text FROM sources").run();
    const a = { id: '5c0d1e2f-0000-4000-8000-000000000002', sourceId: s.id, start: 0, end: 3, exact: 'Les', prefix: '', suffix: ' Mis',
      color: 'blue', comment: 'kept through the rebuild', tags: ['x/y'], status: 'anchored', score: null, carriedFrom: null, author: '', created: 'then', modified: 'then' };
    db.prepare(`INSERT INTO annotations (id, source_id, start_cp, end_cp, exact, prefix, suffix, color, comment, created, modified)
      VALUES (@id, @sourceId, @start, @end, @exact, @prefix, @suffix, @color, @comment, @created, @modified)`).run({ ...a, tags: undefined, status: undefined, score: undefined, carriedFrom: undefined });
    db.prepare("INSERT INTO tags (id, name, created) VALUES ('t1', 'x/y', 'then')").run();
    db.prepare("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, 't1')").run(a.id);
    db.prepare(`INSERT INTO notes (id, title, doc, text, created, modified) VALUES ('n1', 'Old note', '{"type":"doc","content":[{"type":"paragraph"}]}', '', 'then', 'then')`).run();
    assert.deepEqual(migrate(db, all), all.filter((m) => m.version > 2).map((m) => m.version));
    assert.equal(db.prepare("SELECT schema_version FROM notes WHERE id = 'n1'").pluck().get(), 1, '0005: a note from before versions is version 1');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are back on');
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.deepEqual(checkIntegrity(db, true).problems, [], 'each full-text index equals the live rows');
    const repo = createAnnotationRepo(db);
    assert.deepEqual(repo.get(a.id), a);
    assert.equal(createSourceRepo(db).get(s.id)?.text, s.text, '0004 rebuilt sources with every row');
    assert.equal(createSearch(db).page('rebuild').hits[0]?.id, a.id, 'the full-text index still finds it');
    assert.equal(createSearch(db).page('miserables').hits[0]?.id, s.id);
    repo.insert({ sourceId: s.id, start: 5, end: 5, exact: 'nowhere', prefix: '', suffix: '', color: 'yellow', comment: '',
      tags: [], status: 'orphaned' });
    assert.throws(() => repo.insert({ sourceId: s.id, start: 5, end: 5, exact: 'x', prefix: '', suffix: '', color: 'yellow',
      comment: '', tags: [] }), /CHECK/, 'only orphans may have an empty range');
    repo.delete(a.id);
    assert.deepEqual(createSearch(db).page('rebuild').hits, [], 'triggers were recreated');
    db.close();
  } finally {
    cleanup();
  }
});

test('db/schema.sql is the schema a fresh database migrates to, and builds the same schema when run', () => {
  const expected = currentSchema();
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), expected, 'db/schema.sql is out of date: run `npm run schema`');
  const db = new Database(':memory:');
  try {
    db.exec(readFileSync(SCHEMA_FILE, 'utf8'));
    assert.equal(dumpSchema(db, latestVersion()), expected);
  } finally {
    db.close();
  }
});
