// alignTexts' options for detection (no word-level changes; texts read once)
// change nothing else: the same segments, scores and figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts } from '../../common/align/align.ts';
import type { Alignment } from '../../common/align/types.ts';
import { readText } from '../../common/align/units.ts';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { corpusText, makeVersionPair, readArticle } from '../helpers/version-pair.ts';

const withoutChanges = (al: Alignment): Alignment => ({ ...al, segments: al.segments.map((s) => ({ ...s, changes: [] })) });

const PAIRS: [string, string][] = [
  [readArticle(SEED_000), readArticle(SEED_001)],
  [readArticle(join(CORPUS, 'sport/hewitt-falls-to-dent.txt')), readArticle(join(CORPUS, 'sport/dent-continues-adelaide-progress.txt'))],
  (() => { const p = makeVersionPair(corpusText(60_000), { seed: 3, reword: 0.1, move: 0.05, delete: 0.05 }); return [p.a, p.b] as [string, string]; })(),
];

test('without word changes an alignment is the same but for its empty changes', () => {
  for (const [a, b] of PAIRS) {
    const full = alignTexts(a, b);
    assert.ok(full.segments.some((s) => s.changes.length > 0), 'the pair has word changes to leave out');
    const bare = alignTexts(a, b, { wordChanges: false });
    assert.ok(bare.segments.every((s) => s.changes.length === 0));
    assert.deepEqual(bare, withoutChanges(full));
  }
});

test('texts read beforehand (readText) align exactly as the texts themselves, either side, and one read serves several pairs', () => {
  const [a, b] = PAIRS[0]!;
  const [c] = PAIRS[1]!;
  const ra = readText(a);
  assert.deepEqual(alignTexts(a, b, { readA: ra, readB: readText(b) }), alignTexts(a, b));
  assert.deepEqual(alignTexts(b, a, { readB: ra }), alignTexts(b, a));
  assert.deepEqual(alignTexts(a, c, { readA: ra }), alignTexts(a, c));
});

test('a text read that is not the text aligned is refused', () => {
  const [a, b] = PAIRS[0]!;
  assert.throws(() => alignTexts(a, b, { readA: readText(b) }), /not the text aligned/);
});
