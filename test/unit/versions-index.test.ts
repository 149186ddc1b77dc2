import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts } from '../../common/align/align.ts';
import { openStore } from '../../db/store.ts';
import { COMMON } from '../../db/version-index.ts';
import { classify, CLASSIFY } from '../../electron/versions/classify.ts';
import { MAX_FEATURES, sharedSpan, shingleSignature } from '../../electron/versions/features.ts';
import { rng } from '../helpers/version-pair.ts';
import { tempDir } from '../helpers/tmp.ts';

/** n random words from a made-up vocabulary (no passage in common with anything else by chance). */
function words(n: number, seed: number): string {
  const rand = rng(seed);
  return Array.from({ length: n }, () => `w${Math.floor(rand() * 50_000).toString(36)}`).join(' ');
}

test('a signature is deterministic, case-blind, sorted, and bounded for a 5 MB text', () => {
  const text = `${words(300, 1)}. The Minister Said It Would Go Ahead.`;
  const s = shingleSignature(text);
  assert.deepEqual(shingleSignature(text), s);
  assert.deepEqual(shingleSignature(text.toLowerCase()), s);
  assert.ok(s.hashes.length > 10 && s.hashes.every((h, i) => i === 0 || h > s.hashes[i - 1]!));
  assert.equal(s.positions.length, s.hashes.length);
  const huge = shingleSignature(words(900_000, 2));
  assert.equal(huge.hashes.length, MAX_FEATURES);
});

test('sharedSpan: a passage both texts hold word for word shows; scattered stock phrases do not', () => {
  const passage = words(30, 3);
  const a = shingleSignature(`${words(200, 4)} ${passage} ${words(100, 5)}`);
  const b = shingleSignature(`${words(50, 6)} ${passage} ${words(300, 7)}`);
  assert.ok(sharedSpan(a, b) >= 6, `span ${sharedSpan(a, b)}`);
  const stock = ['the prime minister said', 'at the end of the day', 'in a statement on'];
  const c = shingleSignature(stock.map((p, i) => `${words(60, 10 + i)} ${p}`).join(' '));
  const d = shingleSignature(stock.map((p, i) => `${p} ${words(80, 20 + i)}`).join(' '));
  assert.equal(sharedSpan(c, d), 0);
  assert.equal(sharedSpan(a, shingleSignature(words(500, 8))), 0);
});

test('a hash in more than COMMON sources is a stock phrase: listed once, it proposes nothing and gets no more postings', () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'index.db'));
  try {
    const phrase = words(40, 30);
    const add = (i: number) => {
      const text = `${words(80, 100 + i)} ${phrase}`;
      const s = store.sources.insert({ title: `s${i}`, published: null, publisher: null, url: null, byline: null, originalPath: null,
        originalName: `s${i}.txt`, sha256: `sha-${i}`, encoding: 'utf-8', text, chars: text.length });
      const seq = store.versionIndex.seqOf(s.id)!;
      store.versionIndex.put([{ seq, signature: shingleSignature(text) }]);
      return { seq, signature: shingleSignature(text) };
    };
    const first = add(0);
    assert.equal(store.versionIndex.candidates(first.seq, first.signature.hashes, 2, 10).length, 0);
    const second = add(1);
    assert.deepEqual(store.versionIndex.candidates(second.seq, second.signature.hashes, 2, 10).map((c) => c.seq), [first.seq]);
    for (let i = 2; i <= COMMON + 1; i++) add(i);
    const last = add(COMMON + 2);
    assert.deepEqual(store.versionIndex.candidates(last.seq, last.signature.hashes, 2, 10), [], 'the phrase is in every source: it proposes none');
    const phraseHashes = shingleSignature(phrase).hashes.filter((h) => last.signature.hashes.includes(h));
    const common = store.db.prepare('SELECT count(*) FROM version_common').pluck().get() as number;
    assert.ok(common >= phraseHashes.length && phraseHashes.length > 0);
    const postings = store.db.prepare('SELECT count(*) FROM version_features WHERE hash = ?').pluck();
    assert.ok(phraseHashes.every((h) => (postings.get(h) as number) <= COMMON + 1), 'no postings beyond the batch that made it common');
  } finally {
    store.close();
    cleanup();
  }
});

test('classify: versions cover most of the shorter text with passages, shares have a few, unrelated texts none', () => {
  // sentences of twelve words, each starting with a capital (so Intl.Segmenter ends the one before)
  const para = (n: number, seed: number) => words(n, seed).replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+)/g, '$1.')
    .replace(/(^|\. )w/g, '$1W');
  const base = [para(60, 40), para(60, 41), para(60, 42), para(60, 43)].join('\n\n');
  const condensed = [para(60, 40), para(60, 42), para(60, 43)].join('\n\n');
  const quote = [para(60, 50), para(60, 41).split('.').slice(0, 2).join('.') + '.', para(120, 51)].join('\n\n');
  assert.equal(classify(alignTexts(condensed, base)).kind, 'version');
  const shares = classify(alignTexts(quote, base));
  assert.equal(shares.kind, 'shares');
  assert.ok(shares.figures.passages! >= CLASSIFY.sharesPassages);
  assert.equal(classify(alignTexts(para(200, 60), base)).kind, null);
});
