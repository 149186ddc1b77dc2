// Listing sources from the store's indexes: sorted in SQL, paged, counted,
// filtered by tag and collection, and located (a source's offset; type-ahead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../db/store.ts';
import { sortTitle } from '../../db/sort-title.ts';
import { tempDir } from '../helpers/tmp.ts';

let n = 0;
const add = (store: Store, title: string, published: string | null = null) => store.sources.insert({
  title, text: `${title}. Body text.`, published, publisher: null, url: null, byline: null, originalPath: null,
  originalName: 'x.txt', sha256: (++n).toString(16).padStart(64, '0'), encoding: 'utf-8', chars: title.length + 12,
});

function withStore(fn: (store: Store, file: string) => void) {
  return () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'lectern.db');
    const store = openStore(file);
    try { fn(store, file); } finally { if (store.db.open) store.close(); cleanup(); }
  };
}

test('sort keys: case and diacritics folded, leading quotes dropped, numbers in numeric order', () => {
  const titles = ['Part 10', '‘Blair’s plan’', 'part 2', 'Élysée talks', 'zebra', 'Ångström', 'apple', '"Quoted"', 'Part 1'];
  assert.deepEqual([...titles].sort((a, b) => (sortTitle(a) < sortTitle(b) ? -1 : 1)),
    ['Ångström', 'apple', '‘Blair’s plan’', 'Élysée talks', 'Part 1', 'part 2', 'Part 10', '"Quoted"', 'zebra']);
});

test('the three orders come from SQL; date puts undated last; pages equal slices of the whole; counts', withStore((store) => {
  const b = add(store, 'Bravo', '2024-05-01');
  const u1 = add(store, 'Undated one');
  const a = add(store, 'alpha', '2023-01-01');
  const c = add(store, 'Charlie', '2024-05-01');
  const u2 = add(store, 'Another undated');
  const ids = (list: { id: string }[]) => list.map((s) => s.id);
  assert.deepEqual(ids(store.sources.list({ sort: 'date' })), [b.id, c.id, a.id, u2.id, u1.id], 'newest first, same date by title, undated last by title');
  assert.deepEqual(ids(store.sources.list({ sort: 'title' })), [a.id, u2.id, b.id, c.id, u1.id]);
  assert.deepEqual(ids(store.sources.list({ sort: 'imported' })), [u2.id, c.id, a.id, u1.id, b.id]);
  assert.deepEqual(ids(store.sources.list()), ids(store.sources.list({ sort: 'imported' })), 'the default order is newest import first');
  for (const sort of ['date', 'title', 'imported'] as const) {
    const all = ids(store.sources.list({ sort }));
    for (let offset = 0; offset < 6; offset++) {
      assert.deepEqual(ids(store.sources.list({ sort, offset, limit: 2 })), all.slice(offset, offset + 2), `${sort} page at ${offset}`);
    }
  }
  assert.deepEqual(store.sources.count(), { total: 5, undated: 2, library: 5 });
  store.sources.delete(u1.id);
  assert.deepEqual(store.sources.count(), { total: 4, undated: 1, library: 4 }, 'a deleted source is not counted');
  assert.equal(store.sources.list({ sort: 'title' }).length, 4);
}));

test('a page reads its annotation counts and tags; filters by tag (with children) and collection', withStore((store) => {
  const s1 = add(store, 'One');
  const s2 = add(store, 'Two');
  add(store, 'Three');
  const ann = (sourceId: string, tags: string[]) => store.annotations.insert({ sourceId, start: 0, end: 3, exact: 'One', prefix: '', suffix: '',
    color: 'yellow', comment: '', tags });
  ann(s1.id, ['theme/war']);
  ann(s1.id, ['theme']);
  const gone = ann(s2.id, ['theme/peace']);
  const page = store.sources.list({ sort: 'title' });
  assert.deepEqual(page.map((s) => [s.title, s.annotationCount, s.tags]), [['One', 2, ['theme', 'theme/war']], ['Three', 0, []], ['Two', 1, ['theme/peace']]]);
  assert.deepEqual(store.sources.list({ tag: 'theme', sort: 'title' }).map((s) => s.title), ['One', 'Two'], 'a tag takes its children');
  assert.deepEqual(store.sources.list({ tag: 'theme/war' }).map((s) => s.title), ['One']);
  assert.deepEqual(store.sources.list({ tag: 'THEME/WAR' }).map((s) => s.title), ['One'], 'tags match without case, as they are stored');
  store.annotations.delete(gone.id);
  assert.deepEqual(store.sources.list({ tag: 'theme/peace' }), [], 'a deleted annotation no longer tags its source');
  const c = store.collections.create('Pair');
  store.collections.add(c.id, [s1.id, s2.id]);
  assert.deepEqual(store.sources.list({ collectionId: c.id, sort: 'title' }).map((s) => s.title), ['One', 'Two']);
  assert.deepEqual(store.sources.count({ collectionId: c.id }), { total: 2, undated: 2, library: 3 });
  assert.deepEqual(store.sources.list({ collectionId: c.id, tag: 'theme/war' }).map((s) => s.title), ['One'], 'filters combine');
  assert.deepEqual(store.sources.list({ ids: [s2.id, 'nope', s1.id], sort: 'title' }).map((s) => s.title), ['One', 'Two'], 'named sources');
}));

test('locate: a source\'s offset in a listing, and type-ahead to the first title starting with typed text', withStore((store) => {
  const titles = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo', 'Ångström'];
  const made = titles.map((t, i) => add(store, t, i % 2 ? `2024-0${i + 1}-01` : null));
  for (const sort of ['date', 'title', 'imported'] as const) {
    const list = store.sources.list({ sort });
    for (const s of made) assert.equal(store.sources.locate({ sort }, { id: s.id }), list.findIndex((x) => x.id === s.id), `${sort}: ${s.title}`);
  }
  const titleOrder = store.sources.list({ sort: 'title' }).map((s) => s.title);
  assert.equal(titleOrder[store.sources.locate({ sort: 'title' }, { titlePrefix: 'ch' })!], 'Charlie');
  assert.equal(titleOrder[store.sources.locate({ sort: 'title' }, { titlePrefix: 'ang' })!], 'Ångström', 'diacritics folded');
  assert.equal(titleOrder[store.sources.locate({ sort: 'title' }, { titlePrefix: 'c' })!], 'Charlie');
  assert.equal(titleOrder[store.sources.locate({ sort: 'title' }, { titlePrefix: 'dz' })!], 'Echo', 'the next title when none starts so');
  assert.equal(store.sources.locate({ sort: 'title' }, { titlePrefix: 'zz' }), null);
  const dateOrder = store.sources.list({ sort: 'date' }).map((s) => s.title);
  assert.equal(dateOrder[store.sources.locate({ sort: 'date' }, { titlePrefix: 'e' })!], 'Echo');
  assert.equal(store.sources.locate({ sort: 'date' }, { titlePrefix: 'x' }), null, 'in other orders only a title that starts so');
  assert.equal(store.sources.locate({ sort: 'title' }, { id: 'nope' }), null);
  const c = store.collections.create('One');
  store.collections.add(c.id, [made[0]!.id]);
  assert.equal(store.sources.locate({ collectionId: c.id }, { id: made[1]!.id }), null, 'not in the filtered listing');
  assert.equal(store.sources.locate({ collectionId: c.id }, { id: made[0]!.id }), 0);
}));

test('sources from before migration 0008 get their sort key when the store opens; listing reads no table rows', withStore((store, file) => {
  add(store, 'Zulu');
  add(store, 'alpha');
  store.db.prepare('UPDATE sources SET sort_title = NULL').run();
  store.close();
  const reopened = openStore(file);
  try {
    assert.deepEqual(reopened.sources.list({ sort: 'title' }).map((s) => s.title), ['alpha', 'Zulu']);
    assert.equal(reopened.db.prepare('SELECT count(*) FROM sources WHERE sort_title IS NULL').pluck().get(), 0);
  } finally { reopened.close(); }
  // every list query is answered from indexes (a long text's overflow pages are never walked)
  const db = new Database(file, { readonly: true });
  try {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    assert.match(plan('SELECT seq FROM sources WHERE deleted_at IS NULL ORDER BY sort_title, seq LIMIT 50 OFFSET 10'), /COVERING INDEX sources_by_title/);
    assert.match(plan('SELECT seq FROM sources WHERE deleted_at IS NULL ORDER BY published DESC, sort_title, seq LIMIT 50'), /COVERING INDEX sources_by_date/);
    assert.match(plan('SELECT seq FROM sources WHERE deleted_at IS NULL ORDER BY imported_at DESC, seq DESC LIMIT 50'), /COVERING INDEX sources_by_imported/);
  } finally { db.close(); }
}));
