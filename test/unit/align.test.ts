import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTexts } from '../../common/align/align.ts';
import type { Alignment } from '../../common/align/types.ts';
import { OffsetMap, sliceCodePoints } from '../../common/offsets.ts';
import { paragraphs } from '../../common/segment.ts';
import { CORPUS, corpusText, kindsFound, makeVersionPair, readArticle } from '../helpers/version-pair.ts';

const SEEDS = new URL('../../../shared/fixtures/seeds/', import.meta.url).pathname;
const seed = (name: string) => readFileSync(SEEDS + name, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
const S000 = seed('000_75a8ae8bdfc13fc0.txt');
const S001 = seed('001_bfe0e10eea0bc990.txt');

/** Every range of every segment and change is its text, in code points. */
function assertRangesHold(al: Alignment, a: string, b: string) {
  const ma = new OffsetMap(a);
  const mb = new OffsetMap(b);
  for (const s of al.segments) {
    if (s.a) assert.equal(sliceCodePoints(a, s.a.start, s.a.end, ma), s.a.text);
    if (s.b) assert.equal(sliceCodePoints(b, s.b.start, s.b.end, mb), s.b.text);
    assert.equal(s.a === null, s.kind === 'onlyB');
    assert.equal(s.b === null, s.kind === 'onlyA');
    if (s.kind === 'same') assert.equal(s.a!.text, s.b!.text);
    for (const c of s.changes) {
      if (c.a) assert.equal(sliceCodePoints(a, c.a.start, c.a.end, ma), c.a.text);
      if (c.b) assert.equal(sliceCodePoints(b, c.b.start, c.b.end, mb), c.b.text);
      if (c.a) assert.ok(c.a.start >= s.a!.start && c.a.end <= s.a!.end, 'a change lies inside its segment');
    }
  }
}

/** The paragraphs (1-based) of `text` that a range touches. */
function parasOf(text: string, r: { start: number; end: number }): number[] {
  return paragraphs(text).flatMap((p, i) => (p.start < r.end && r.start < p.end ? [i + 1] : []));
}

test('seeds: every paragraph of 000 is paired with its counterpart(s) in 001; the two inserted headings are onlyA', () => {
  const al = alignTexts(S000, S001);
  assertRangesHold(al, S000, S001);
  const headings = ['What the dossier says', 'The US warning underestimated by Putin'];
  const paired = new Map<number, Set<number>>();
  for (const s of al.segments) {
    if (!s.a || !s.b) continue;
    for (const pa of parasOf(S000, s.a)) {
      const set = paired.get(pa) ?? new Set<number>();
      for (const pb of parasOf(S001, s.b)) set.add(pb);
      paired.set(pa, set);
    }
  }
  const p000 = paragraphs(S000);
  p000.forEach((p, i) => {
    const text = S000.slice(new OffsetMap(S000).toUtf16(p.start), new OffsetMap(S000).toUtf16(p.end));
    if (headings.includes(text)) {
      const seg = al.segments.find((s) => s.a?.text === text);
      assert.equal(seg?.kind, 'onlyA', `heading "${text}" is onlyA`);
      assert.equal(paired.has(i + 1), false);
    } else {
      assert.ok(paired.get(i + 1)?.size, `paragraph ${i + 1} of 000 is paired: ${text.slice(0, 60)}`);
    }
  });
  // 000's first paragraph joins 001's second and fourth (its headline first), and its third
  assert.deepEqual([...paired.get(1)!].sort((x, y) => x - y), [2, 3, 4]);
  // the last paragraph of 000 answers the three of 001 before its footer
  assert.deepEqual([...paired.get(p000.length)!].sort((x, y) => x - y), [18, 19, 20]);
  assert.ok(al.aInB > 0.9, `most of 000 is in 001 (${al.aInB})`);
  assert.ok(al.bInA < al.aInB, 'the condensed 000 is more contained in 001 than 001 in 000');
});

test('seeds: the Colony/Cologne sentence is changed, with its changed words marked', () => {
  const al = alignTexts(S000, S001);
  const seg = al.segments.find((s) => s.a?.text.includes('cathedral of Colony'));
  assert.equal(seg?.kind, 'changed');
  assert.ok(seg!.b!.text.includes('accused of plotting an attack on Cologne Cathedral'));
  assert.ok(seg!.score >= 0.7 && seg!.score < 1);
  const pairs = seg!.changes.map((c) => [c.a?.text ?? '', c.b?.text ?? '']);
  assert.ok(pairs.some(([x, y]) => x === 'planning' && y === 'plotting'), JSON.stringify(pairs));
  assert.ok(pairs.some(([x, y]) => x.includes('Colony') && y.includes('Cologne Cathedral')), JSON.stringify(pairs));
  // words that did not change are not marked
  assert.ok(!pairs.some(([x]) => x.includes('German police')));
  const released = al.segments.find((s) => s.b?.text.includes('released on Sunday'));
  assert.ok(released?.changes.some((c) => c.a?.text.includes('published yesterday') && c.b?.text.includes('released on Sunday')));
});

test('seeds: the passages only in 001 are onlyB; identical sentences are same', () => {
  const al = alignTexts(S000, S001);
  for (const q of [
    'Russia’s security services knew of ISIS threat before concert attack',
    'ISIS has claimed responsibility for the attack with statements',
    'The Kremlin hasn’t responded to CNN’s request',
    'Shocking footage of the attack showed how victims fled',
    'Four suspects, who are from the Central Asian republic',
    'For more CNN news and newsletters',
  ]) {
    const seg = al.segments.find((s) => s.b?.text.includes(q));
    assert.equal(seg?.kind, 'onlyB', q);
  }
  const same = al.segments.filter((s) => s.kind === 'same');
  assert.deepEqual(same.map((s) => s.a!.text), ['ISIS-K claimed responsibility for a deadly attack on the Russian embassy in Kabul in 2022.']);
  // 001's fourth paragraph answers part of 000's first sentence, out of order: a moved link
  const moved = al.segments.find((s) => s.kind === 'moved');
  assert.ok(moved?.b?.text.startsWith('At least 143 people were killed'));
  assert.ok(moved!.a!.text.includes('where at least 143 people died'));
});

test('seeds: the alignment is deterministic and reads the same both ways', () => {
  const ab = alignTexts(S000, S001);
  assert.deepEqual(alignTexts(S000, S001), ab);
  const ba = alignTexts(S001, S000);
  assertRangesHold(ba, S001, S000);
  assert.equal(ba.aInB, ab.bInA);
  assert.equal(ba.bInA, ab.aInB);
  const pairsOf = (al: Alignment, flip: boolean) => al.segments.filter((s) => s.a && s.b)
    .map((s) => (flip ? `${s.b!.start}-${s.a!.start}` : `${s.a!.start}-${s.b!.start}`)).sort();
  assert.deepEqual(pairsOf(ba, true), pairsOf(ab, false));
});

test('BBC corpus: a generated version (10% reworded, 5% moved, 5% deleted) is recovered sentence by sentence', () => {
  const a = corpusText(60_000, 100);
  const pair = makeVersionPair(a, { seed: 3, reword: 0.1, move: 0.05, delete: 0.05 });
  const al = alignTexts(pair.a, pair.b);
  assertRangesHold(al, pair.a, pair.b);
  const found = kindsFound(pair.a, al.segments);
  const share = (fate: string, kind: string) => {
    const idx = pair.fates.flatMap((f, i) => (f === fate ? [i] : []));
    assert.ok(idx.length > 5, `enough ${fate} sentences`);
    return idx.filter((i) => found[i] === kind).length / idx.length;
  };
  assert.ok(share('kept', 'same') >= 0.95, `kept ${share('kept', 'same')}`);
  assert.ok(share('reworded', 'changed') >= 0.9, `reworded ${share('reworded', 'changed')}`);
  assert.ok(share('moved', 'moved') >= 0.9, `moved ${share('moved', 'moved')}`);
  assert.ok(share('deleted', 'onlyA') >= 0.8, `deleted ${share('deleted', 'onlyA')}`);
  assert.equal(al.bInA, 1, 'nothing in the copy is new');
});

test('BBC corpus: a re-headlined copy is the same story; same-topic articles share almost nothing', () => {
  const copy = alignTexts(readArticle(CORPUS + 'sport/italy-8-38-wales.txt'), readArticle(CORPUS + 'sport/wales-win-in-rome.txt'));
  assert.ok(copy.aInB > 0.95 && copy.bInA > 0.95);
  // the headlines, rewritten, are each other's counterpart (they share "Wales"), never joined to the body
  assert.deepEqual(copy.segments.map((s) => s.kind), ['changed', 'same']);
  assert.deepEqual([copy.segments[0]!.a!.text, copy.segments[0]!.b!.text], ['Italy 8-38 Wales', 'Wales win in Rome']);
  for (const [x, y] of [
    ['politics/blunkett-unveils-policing-plans.txt', 'politics/tories-outlining-policing-plans.txt'],
    ['business/christmas-sales-worst-since-1981.txt', 'business/further-rise-in-uk-jobless-total.txt'],
    ['tech/us-woman-sues-over-cartridges.txt', 'sport/italy-8-38-wales.txt'],
  ]) {
    const al = alignTexts(readArticle(CORPUS + x!), readArticle(CORPUS + y!));
    assert.ok(al.aInB < 0.15 && al.bInA < 0.15, `${x} / ${y}: ${al.aInB} ${al.bInA}`);
  }
});

test('edge cases: empty texts, one sentence, astral characters and combining marks (code points)', () => {
  assert.deepEqual(alignTexts('', ''), { similarity: 0, aInB: 0, bInA: 0, segments: [] });
  const onlyB = alignTexts('', 'One sentence here.');
  assert.deepEqual(onlyB.segments.map((s) => [s.kind, s.b?.text]), [['onlyB', 'One sentence here.']]);
  assert.equal(onlyB.bInA, 0);
  assert.deepEqual(alignTexts('  \n\n ', 'x').segments.map((s) => s.kind), ['onlyB']);
  const one = alignTexts('The cat sat on the mat today.', 'The cat sat on the red mat today.');
  assert.deepEqual(one.segments.map((s) => s.kind), ['changed']);
  assert.deepEqual(one.segments[0]!.changes.map((c) => [c.a, c.b?.text]), [[null, 'red ']]);

  const a = '😀 Intro line.\n\nThe café\u0301 🦊 opened on Monday in Paris.';
  const b = '🎉🎉 Intro line.\n\nThe café\u0301 🦊 opened on Tuesday in Paris.';
  const al = alignTexts(a, b);
  assertRangesHold(al, a, b);
  const seg = al.segments.find((s) => s.kind === 'changed' && s.a!.text.startsWith('The café'))!;
  assert.equal(seg.a!.start, [...a.slice(0, a.indexOf('The café'))].length);
  assert.equal(seg.b!.start, [...b.slice(0, b.indexOf('The café'))].length);
  assert.deepEqual(seg.changes.map((c) => [c.a?.text, c.b?.text, c.a?.start]), [['Monday', 'Tuesday', [...a.slice(0, a.indexOf('Monday'))].length]]);
});
