// Pairs an alignment makes or refuses by where sentences stand (issue 8, the session-7 trial):
// - a headline is never merged into body text: it pairs with the other headline or stays one-sided;
// - the same text without terms (a lone "." paragraph) on both sides between two pairs is same;
// - a sentence reworded in place, alone between two pairs on each side, is a changed pair with its
//   low score, and an unrelated sentence put in place of one on each side is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts, THRESHOLDS } from '../../common/align/align.ts';
import { sentencesUtf16 } from '../../common/segment.ts';
import { LABELS } from '../../bench/versions-detection.ts';
import { CORPUS } from '../helpers/tmp.ts';
import { corpusFiles, readArticle, rng } from '../helpers/version-pair.ts';

const read = (path: string) => readArticle(join(CORPUS, path));

/** The code-point end of a text's headline (a first paragraph of one short line), or -1. */
function headlineEnd(text: string): number {
  const m = /^([^\n]+)\n[^\S\n]*\n/.exec(text);
  return m && m[1]!.trim().split(/\s+/).length <= 20 ? [...m[1]!.trimEnd()].length : -1;
}

test('the labelled BBC pairs: no segment joins a headline to the text after it', () => {
  const joined: string[] = [];
  for (const p of LABELS) {
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
      const a = read(x);
      const b = read(y);
      const ha = headlineEnd(a);
      const hb = headlineEnd(b);
      for (const g of alignTexts(a, b).segments) {
        if ((g.a && ha > 0 && g.a.start < ha && g.a.end > ha) || (g.b && hb > 0 && g.b.start < hb && g.b.end > hb)) {
          joined.push(`${x} ~ ${y}: ${g.kind} ${JSON.stringify(g.a?.text.slice(0, 60))} ~ ${JSON.stringify(g.b?.text.slice(0, 60))}`);
        }
      }
    }
  }
  assert.deepEqual(joined, []);
});

test('a rewritten headline of a version pairs with the other headline, with its own score', () => {
  for (const [x, y] of [['business/court-rejects-280bn-tobacco-case.txt', 'business/tobacco-giants-hail-court-ruling.txt'],
    ['business/tobacco-giants-hail-court-ruling.txt', 'business/court-rejects-280bn-tobacco-case.txt']] as const) {
    const al = alignTexts(read(x), read(y));
    const first = al.segments[0]!;
    assert.equal(first.kind, 'changed');
    assert.deepEqual([first.a!.text, first.b!.text].sort(), ['Court rejects $280bn tobacco case', 'Tobacco giants hail court ruling']);
    assert.ok(first.score > 0 && first.score < THRESHOLDS.pair, `score ${first.score}`);
    // the ledes are a pair of their own
    assert.equal(al.segments[1]!.kind, 'changed');
    assert.ok(al.segments[1]!.a!.start > first.a!.end && al.segments[1]!.b!.start > first.b!.end);
  }
});

test('a headline with no word in common with the other stays one-sided (never joined to the lede)', () => {
  const a = 'Goldsmith: \'I was not leant on\'\n\nThe attorney general has again denied being "leant on" by Downing Street over his advice on the legality of the Iraq war.\n\nHe told peers the claims were wholly unfounded.';
  const b = 'Attorney general insists No 10 did not pressure him over Iraq\n\nLord Goldsmith has once more rejected claims that he was "leant on" by Downing Street over his advice on the legality of the Iraq war.\n\nHe told peers the claims were wholly unfounded.';
  const al = alignTexts(a, b);
  assert.deepEqual(al.segments.map((g) => g.kind), ['onlyA', 'onlyB', 'changed', 'same']);
  assert.equal(al.segments[0]!.a!.text, 'Goldsmith: \'I was not leant on\'');
  assert.equal(al.segments[1]!.b!.text, 'Attorney general insists No 10 did not pressure him over Iraq');
});

test('a lone "." paragraph the same on both sides is same, not deleted and added', () => {
  const a = read('entertainment/roundabout-continues-nostalgia-trip.txt');
  const b = a.replace('Roundabout continues nostalgia trip', 'Magic Roundabout film revives the nostalgia trip');
  const al = alignTexts(a, b);
  assert.deepEqual(al.segments.map((g) => g.kind), ['changed', 'same']);
  // termless sentences that differ are not paired
  const c = alignTexts('One sentence here.\n\n.\n\nAnother sentence there.', 'One sentence here.\n\n\'\n\nAnother sentence there.');
  assert.deepEqual(c.segments.map((g) => g.kind), ['same', 'onlyA', 'onlyB', 'same']);
});

const BRC = 'The BRC said Britain\'s retailers had endured their worst Christmas in a decade.';
const BRC_REWORDED = 'The BRC said British shops had suffered their worst festive season for ten years.';

test('a sentence reworded in place between two aligned passages is a changed pair with its low score', () => {
  const a = read('business/uk-interest-rates-held-at-4-75.txt');
  assert.ok(a.includes(BRC));
  const b = a.replace(BRC, BRC_REWORDED);
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const al = alignTexts(x, y);
    const g = al.segments.find((s) => s.a?.text === (x === a ? BRC : BRC_REWORDED));
    assert.ok(g, 'a segment of the sentence alone');
    assert.equal(g.kind, 'changed');
    assert.equal(g.b!.text, x === a ? BRC_REWORDED : BRC);
    assert.ok(g.score >= THRESHOLDS.local && g.score < THRESHOLDS.pair, `score ${g.score}`);
  }
});

test('an unrelated sentence put in place of a common one on each side of a version pair is not paired with the other', () => {
  // the sentences come from unrelated articles of the same topic; any pair of the two is false
  const files = corpusFiles();
  const rand = rng(7);
  const sentences = (t: string) => sentencesUtf16(t).map((s) => t.slice(s.start, s.end)).filter((s) => s.length > 30);
  const wrong: string[] = [];
  let tries = 0;
  for (const p of LABELS.filter((l) => l.label === 'version')) {
    const A = read(p.a);
    const B = read(p.b);
    const topic = p.a.split('/')[0]!;
    const same = files.filter((f) => f.includes(`/${topic}/`) && !f.endsWith(p.a) && !f.endsWith(p.b));
    const common = sentences(A).slice(1).filter((s) => B.includes(s) && A.indexOf(s) === A.lastIndexOf(s) && B.indexOf(s) === B.lastIndexOf(s));
    for (let k = 0; k < Math.min(4, common.length); k++) {
      const s = common[Math.floor(rand() * common.length)]!;
      const pick = () => { const ss = sentences(readArticle(same[Math.floor(rand() * same.length)]!)); return ss[Math.floor(rand() * ss.length)]; };
      const x = pick();
      const y = pick();
      if (!x || !y || A.includes(x) || B.includes(y)) continue;
      tries++;
      for (const g of alignTexts(A.replace(s, x), B.replace(s, y)).segments) {
        // below the in-order threshold only place can pair them (a pair above it is the gap's own, as before)
        if (g.a?.text.includes(x) && g.b?.text.includes(y) && g.score < THRESHOLDS.pair) wrong.push(`${g.score} ${x} ~ ${y}`);
      }
    }
  }
  assert.ok(tries >= 50, `tries ${tries}`);
  assert.deepEqual(wrong, []);
});
