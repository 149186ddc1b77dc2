// What bounds a search's work when bm25 would be slow (db/search.ts): a phrase
// of two common words, and a query of several common terms, are ranked from
// the newest matches, and the second counts only as far as the first probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { createSearch } from '../../db/search.ts';
import { tempDir } from '../helpers/tmp.ts';

let n = 0;
const source = (store: Store, title: string, text: string) => store.sources.insert({
  title, text, published: null, publisher: null, url: null, byline: null, originalPath: null,
  originalName: `${++n}.txt`, sha256: n.toString(16).padStart(64, '0'), encoding: 'utf-8', chars: [...text].length,
});

function withStore(fn: (store: Store) => void) {
  return () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(join(dir, 'lectern.db'));
    try { fn(store); } finally { store.close(); cleanup(); }
  };
}

const bounds = { probe: 20, firstProbe: 8, candidates: 3 };

test('a phrase of two common words is ranked from the newest matches; a phrase of rare words still by bm25 over all', withStore((store) => {
  // "red fox" is in every source and "blue whale" in few, but the strongest match of each is old
  const strong = source(store, 'Old', 'red fox red fox red fox blue whale blue whale blue whale');
  for (let i = 0; i < 30; i++) source(store, `Filler ${i}`, `red and fox, apart ${i}.${i % 10 === 0 ? ' A blue whale.' : ''}`);
  for (let i = 0; i < 5; i++) source(store, `Newer ${i}`, `Once a red fox ran by ${i}.`);
  const search = createSearch(store.db, bounds).page;
  const common = search('"red fox"', { limit: 1 });
  assert.deepEqual(common.totals.source, { count: 6, exact: true }, 'the first probe read them all');
  const newest = common.hits.map((h) => h.id);
  assert.ok(!newest.includes(strong.id), 'ranked among the newest, not over every match');
  assert.match(common.hits[0]!.snippet, /⟦red fox⟧/);
  const rare = search('"blue whale"', { limit: 1 });
  assert.equal(rare.hits[0]!.id, strong.id, 'bm25 over every match finds the strongest');
  // the default bounds rank both fully in a library this small
  assert.equal(store.searchPage('"red fox"', { limit: 1 }).hits[0]!.id, strong.id);
}));

test('several common terms: counted only as far as the first probe ("about N"); one or two are counted on and ranked by bm25', withStore((store) => {
  // 45 sources have alpha, beta and gamma, more than the probe reads: each word is common; every third
  // also has epsilon, zeta and eta: 15 of them, more than the first probe, fewer than the probe
  for (let i = 0; i < 45; i++) {
    source(store, `Piece ${i}`, i % 3 === 0 ? `epsilon zeta eta and alpha beta gamma ${i}.` : `alpha beta gamma delta, number ${i}.`);
  }
  const search = createSearch(store.db, bounds).page;
  const mixed = search('epsilon alpha beta gamma', { limit: 5 });
  assert.equal(mixed.totals.source.exact, false, 'three common terms: the first probe\'s estimate');
  assert.ok(Math.abs(mixed.totals.source.count - 15) <= 8, `about 15: ${mixed.totals.source.count}`);
  assert.equal(mixed.hits.length, 5);
  assert.ok(mixed.hits.every((h) => h.snippet.includes('⟦')));
  assert.deepEqual(search('epsilon alpha beta', { limit: 5 }).totals.source, { count: 15, exact: true }, 'two common terms: counted on');
  assert.deepEqual(search('epsilon zeta eta', { limit: 5 }).totals.source, { count: 15, exact: true });
  assert.deepEqual(search('epsilon', { limit: 5 }).totals.source, { count: 15, exact: true }, 'one term: counted in its probe');
}));

test('many terms, none of them common, add up: past the work of three common terms they are ranked from a candidate set', withStore((store) => {
  // 15 sources (fewer than the probe of 20) hold six words each: no word is common
  for (let i = 0; i < 15; i++) source(store, `Six ${i}`, `one two three four five six, and ${i}.`);
  const search = createSearch(store.db, bounds).page;
  assert.deepEqual(search('one two three', { limit: 5 }).totals.source, { count: 15, exact: true }, '45 entries: ranked by bm25');
  const five = search('one two three four five', { limit: 5 });
  assert.equal(five.totals.source.exact, false, '75 entries, more than 3 x 21: the first probe\'s estimate');
  assert.equal(five.hits.length, 5);
}));
