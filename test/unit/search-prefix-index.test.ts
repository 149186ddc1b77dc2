// Migration 0020 indexes 4-character prefixes of the sources' text. A library
// made before it is rebuilt on open, and every query answers as it did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { generateSources } from '../helpers/generated-library.ts';
import { tempDir } from '../helpers/tmp.ts';

const QUERIES = ['comp*', 'with*', 'year*', 'gove*', 'minis*', 's*', 'th*', 'blai*', 'prime minis*', '"prime minister"', 'econ* grow*', 'the'];

test('migration 0020: the rebuilt index with 4-character prefixes answers every query as before', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'lectern.db');
    const before = openStore(file, { migrations: loadMigrations().filter((m) => m.version < 20) });
    generateSources(before, 400);
    const answers = (store: typeof before) => QUERIES.map((q) => {
      const page = store.searchPage(q, { limit: 200 });
      return { q, totals: page.totals, hits: page.hits.map((h) => [h.id, h.snippet, h.versions?.count]) };
    });
    assert.doesNotMatch(before.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sources_fts'").pluck().get() as string, /prefix='1 2 3 4'/);
    const old = answers(before);
    assert.ok(old.every((a) => a.hits.length > 0), 'every query finds something');
    before.close();

    const after = openStore(file);
    assert.match(after.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sources_fts'").pluck().get() as string, /prefix='1 2 3 4'/);
    assert.deepEqual(answers(after), old);
    // the index follows later changes as before: a new source, a deleted one
    const added = after.sources.insert({ title: 'Compulsory voting', text: 'Compulsory voting is compelling.', published: null, publisher: null,
      url: null, byline: null, originalPath: null, originalName: 'c.txt', sha256: 'c'.repeat(64), encoding: 'utf-8', chars: 32 });
    assert.ok(after.search('compu*', 1000).some((h) => h.id === added.id));
    after.sources.delete(added.id);
    assert.ok(!after.search('compu*', 1000).some((h) => h.id === added.id));
    // FTS5 raises SQLITE_CORRUPT_VTAB when the index and the live rows differ
    assert.doesNotThrow(() => after.db.prepare("INSERT INTO sources_fts(sources_fts, rank) VALUES ('integrity-check', 1)").run());
    after.close();
  } finally {
    cleanup();
  }
});
