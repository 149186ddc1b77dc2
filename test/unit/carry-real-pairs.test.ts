// Carrying annotations across real version and shares pairs of the BBC corpus:
// each case was put on the first text and its verdict and copy decided by
// reading both texts (test/fixtures/carry-real-pairs.json). A case marked
// "todo" is a known miss: it runs and reports, without failing the suite.
// A moved copy scores at least MIN_CARRY_SCORE, but for a headline carried
// onto the other text's headline (the aligner's pair, in versions, with its own
// low score: the copy is reviewed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTexts } from '../../common/align/align.ts';
import type { Alignment } from '../../common/align/types.ts';
import { carryPassage, MIN_CARRY_SCORE } from '../../common/carry.ts';
import { sliceCodePoints } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';
import { CORPUS, readArticle } from '../helpers/version-pair.ts';

interface Case {
  a: string;
  b: string;
  kind: 'version' | 'shares';
  start: number;
  end: number;
  quote: string;
  status: 'anchored' | 'moved' | 'orphaned';
  exact: string | null;
  todo?: string;
}

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/carry-real-pairs.json', import.meta.url), 'utf8')) as { cases: Case[] };
const texts = new Map<string, string>();
const text = (path: string) => texts.get(path) ?? texts.set(path, readArticle(CORPUS + path)).get(path)!;
const alignments = new Map<string, Alignment>();
const alignment = (a: string, b: string) => alignments.get(`${a}\n${b}`) ?? alignments.set(`${a}\n${b}`, alignTexts(text(a), text(b))).get(`${a}\n${b}`)!;

test('carry-real-pairs fixture: enough pairs and cases of each verdict, quotes where they say', () => {
  const pairs = new Set(cases.map((c) => `${c.kind} ${c.a} ${c.b}`));
  assert.ok([...pairs].filter((p) => p.startsWith('version')).length >= 10);
  assert.ok([...pairs].filter((p) => p.startsWith('shares')).length >= 5);
  for (const s of ['anchored', 'moved', 'orphaned'] as const) assert.ok(cases.filter((c) => c.status === s).length >= 20, s);
  for (const c of cases) assert.equal(sliceCodePoints(text(c.a), c.start, c.end), c.quote, `${c.a} ${c.start}`);
});

for (const c of cases) {
  test(`carry ${c.a} -> ${c.b}: ${JSON.stringify(c.quote.slice(0, 60))} is ${c.status}`, c.todo ? { todo: c.todo } : {}, () => {
    const source = text(c.a);
    const target = text(c.b);
    const r = carryPassage({ ...quoteAt(source, c.start, c.end), start: c.start, end: c.end }, source, target, alignment(c.a, c.b));
    assert.equal(r.status, c.status, `got ${r.status} ${JSON.stringify(r.exact)}`);
    if (r.status === 'orphaned') {
      assert.equal(r.start, r.end, 'an orphan paints no text');
      assert.equal(r.exact, c.quote);
      return;
    }
    assert.equal(r.exact, c.exact);
    assert.equal(sliceCodePoints(target, r.start, r.end), r.exact, 'the copy is the target text at its range');
    if (r.status === 'anchored') assert.equal(r.score, 1);
    else if (r.score < MIN_CARRY_SCORE) {
      // below it only an opening line (a headline) carried onto the other's, the pair of them in the alignment
      const opening = sliceCodePoints(source, 0, c.start).trim() === '' && /^\n|^$/.test(sliceCodePoints(source, c.end, c.end + 1));
      assert.ok(opening && sliceCodePoints(target, 0, r.start).trim() === '' && r.score > 0, `score ${r.score}`);
    } else assert.ok(r.score <= 1, `score ${r.score}`);
  });
}
