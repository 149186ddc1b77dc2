import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts } from '../../common/align/align.ts';
import { classify, CLASSIFY } from '../../electron/versions/classify.ts';
import { CORPUS, readArticle, rng } from '../helpers/version-pair.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

/** A paragraph of n made-up words (no passage in common with another by chance), in sentences of twelve. */
function para(n: number, seed: number): string {
  const rand = rng(seed);
  const words = Array.from({ length: n }, () => `w${Math.floor(rand() * 50_000).toString(36)}`).join(' ');
  return words.replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+)/g, '$1.').replace(/(^|\. )w/g, '$1W');
}

const kindOf = (a: string, b: string) => classify(alignTexts(a, b)).kind;
const article = (path: string) => readArticle(join(CORPUS, path));

test('a text that holds most of another but opens with its own news shares passages; retold from its opening, it is a version', () => {
  const base = [40, 41, 42, 43, 44, 45].map((s) => para(60, s)).join('\n\n');
  const own = para(60, 50);
  // the same three quarters of the shorter text come from base either way
  const followUp = [own, para(60, 41), para(60, 42), para(60, 43)].join('\n\n');
  const updated = [para(60, 41), para(60, 42), para(60, 43), own].join('\n\n');
  const shared = classify(alignTexts(followUp, base));
  assert.ok(shared.aShared >= CLASSIFY.versionShare && shared.aShared < CLASSIFY.wholeShare, `covered ${shared.aShared}`);
  assert.equal(shared.kind, 'shares');
  assert.equal(kindOf(updated, base), 'version');
  // covered nearly whole, a text is a version whatever it opens with (a new preface to a long report)
  const prefaced = [own, ...[41, 42, 43, 44, 45].map((s) => para(60, s))].join('\n\n');
  assert.equal(kindOf(prefaced, base), 'version');
});

test('real pairs: follow-ups reusing most of a story are shares, a story retold inside a longer one and the seeds are versions', () => {
  // each shorter text has 60-65% of its text in the other, but opens with its own news
  assert.equal(kindOf(article('entertainment/band-aid-20-single-storms-to-no-1.txt'), article('entertainment/blair-buys-copies-of-new-band-aid.txt')), 'shares');
  assert.equal(kindOf(article('politics/tories-urge-change-at-the-top.txt'), article('politics/uk-needs-tax-cuts-tories-insist.txt')), 'shares');
  // the preview is retold from its opening in the ceremony article (65% of it in passages, the rest reworded)
  assert.equal(kindOf(article('entertainment/bafta-to-hand-out-movie-honours.txt'), article('entertainment/stars-gear-up-for-bafta-ceremony.txt')), 'version');
  const seeds = classify(alignTexts(readArticle(SEED_000), readArticle(SEED_001)));
  assert.equal(seeds.kind, 'version');
  assert.ok(seeds.aShared < CLASSIFY.wholeShare, 'the seeds are a version through their opening, not by being covered whole');
});
