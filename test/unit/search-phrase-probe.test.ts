// A phrase of common words (db/search.ts): FTS5 checks its positions in every
// row that has its words, however many the probe asks for, so the probe reads
// only the candidates ranked (PHRASE_PROBE), and counts "about N" from how far
// back they reach. A phrase of rare words is still counted and ranked in full.
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

test('a phrase of common words reads only the candidates and says "about N"; a phrase of rare words is exact', () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    // 40 sources have "red" and "fox" (common: more than the probe of 20); every other one has the phrase "red fox"
    for (let i = 0; i < 40; i++) source(store, `Piece ${i}`, i % 2 === 0 ? `a red fox, and a blue whale ${i}` : `fox and red ${i}, blue whale`);
    const bounds = { probe: 20, firstProbe: 12, candidates: 3, phraseProbe: 4 };
    const search = createSearch(store.db, bounds).page;
    const common = search('"red fox"', { limit: 2 });
    // limit 2 wants 6 hits (versions may collapse), more than phraseProbe: the probe reads 6 + 1
    assert.equal(common.totals.source.exact, false, 'counted from the newest matches only');
    assert.ok(Math.abs(common.totals.source.count - 20) <= 6, `about 20: ${common.totals.source.count}`);
    assert.equal(common.hits.length, 2);
    assert.ok(common.hits.every((h) => /⟦red fox⟧/.test(h.snippet)), 'every hit has the phrase');
    // "blue whale": both words are in every source (common), but as a phrase only in the even ones
    assert.equal(search('"blue whale"', { limit: 2 }).totals.source.exact, false);
    // a phrase of rare words: counted exactly and ranked by bm25
    source(store, 'Rare', 'the quick quokka jumps');
    assert.deepEqual(search('"quick quokka"', { limit: 2 }).totals.source, { count: 1, exact: true });
    // one common word and one rare one is not a phrase of common words
    assert.deepEqual(search('"quokka jumps"', { limit: 2 }).totals.source, { count: 1, exact: true });
  } finally {
    store.close();
    cleanup();
  }
});
