import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTexts } from '../../common/align/align.ts';
import { carryPassage, MIN_CARRY_SCORE, type Carried } from '../../common/carry.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';

const SEEDS = new URL('../../../shared/fixtures/seeds/', import.meta.url).pathname;
const seed = (name: string) => readFileSync(SEEDS + name, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
const S000 = seed('000_75a8ae8bdfc13fc0.txt');
const S001 = seed('001_bfe0e10eea0bc990.txt');

function anchorOf(text: string, quote: string) {
  const i = text.indexOf(quote);
  assert.ok(i >= 0, `quote in source: ${quote}`);
  const start = codePointLength(text.slice(0, i));
  const end = start + codePointLength(quote);
  return { ...quoteAt(text, start, end), start, end };
}

function carry(source: string, target: string, quote: string, al = alignTexts(source, target)): Carried {
  const r = carryPassage(anchorOf(source, quote), source, target, al);
  if (r.status === 'orphaned') {
    assert.equal(r.start, r.end, 'an orphan paints no text');
    assert.equal(r.exact, quote, 'an orphan keeps its quote');
  } else {
    assert.equal(sliceCodePoints(target, r.start, r.end), r.exact, 'the copy is the target text at its range');
  }
  return r;
}

test('carry 001 -> 000: identical passages anchored, reworded ones moved onto their counterpart, absent ones orphaned', () => {
  const al = alignTexts(S001, S000);
  const expected: [string, Carried['status'], string | null][] = [
    ['ISIS-K claimed responsibility for a deadly attack on the Russian embassy in Kabul in 2022.', 'anchored', null],
    ['Former Russian lawmaker Ilya Ponomarev', 'anchored', null],
    ['“duty to warn” policy', 'anchored', null],
    ['accused of plotting an attack on Cologne Cathedral', 'moved', 'accused of planning an attack on the cathedral of Colony'],
    ['Ukraine has repeatedly denied having any links to the attack.', 'moved', 'Ukraine has repeatedly denied having any connection to the attack.'],
    ['released on Sunday', 'moved', 'published yesterday'],
    ['an exiled former Russian oil tycoon turned Kremlin critic', 'moved', 'an exiled former Russian oil magnate turned Kremlin critic'],
    ['At least 143 people were killed', 'moved', 'at least 143 people'],
    ['Shocking footage of the attack showed how victims fled for their lives', 'orphaned', null],
    ['The Kremlin hasn’t responded to CNN’s request for a comment on the Dossier Center report.', 'orphaned', null],
    ['Three pleaded guilty, according to Russian media.', 'orphaned', null],
    ['For more CNN news and newsletters create an account at', 'orphaned', null],
    ['ISIS has claimed responsibility for the attack with statements, photos, and a propaganda video filmed by the attackers.', 'orphaned', null],
  ];
  for (const [quote, status, exact] of expected) {
    const r = carry(S001, S000, quote, al);
    assert.equal(r.status, status, `${quote} -> ${r.status} ${r.exact}`);
    if (status === 'anchored') { assert.equal(r.exact, quote); assert.equal(r.score, 1); }
    if (status === 'moved') {
      assert.equal(r.exact, exact);
      assert.ok(r.score >= MIN_CARRY_SCORE && r.score < 1, `${quote}: score ${r.score}`);
    }
    if (status === 'orphaned') assert.equal(r.score, 0);
  }
});

test('carry 000 -> 001: the inserted headings are orphaned; the reworded passage lands on the original wording', () => {
  const al = alignTexts(S000, S001);
  assert.equal(carry(S000, S001, 'What the dossier says', al).status, 'orphaned');
  assert.equal(carry(S000, S001, 'The US warning underestimated by Putin', al).status, 'orphaned');
  const colony = carry(S000, S001, 'planning an attack on the cathedral of Colony', al);
  assert.equal(colony.status, 'moved');
  assert.equal(colony.exact, 'plotting an attack on Cologne Cathedral');
  const same = carry(S000, S001, 'Suspected ISIS-K members were also arrested in Kyrgyzstan', al);
  assert.equal(same.status, 'anchored');
  assert.equal(same.start, codePointLength(S001.slice(0, S001.indexOf('Suspected ISIS-K'))));
  // the sentence 000 added at its end has no counterpart, though 001 says "attack on Crocus City Hall" elsewhere
  assert.equal(carry(S000, S001, 'Then the attack on the Crocus City Hall and the accusations against Kiev and the West.', al).status, 'orphaned');
});

test('carry: a passage in unchanged text moves with the text around it; code points across astral characters', () => {
  const source = 'Intro 😀 line.\n\nThe minister said the plan would go ahead. Critics disagreed strongly.';
  const target = 'A new 🦊🦊 first paragraph, added later.\n\nIntro 😀 line.\n\nThe minister said the plan would go ahead. Critics disagreed strongly.';
  const r = carry(source, target, 'the plan would go ahead');
  assert.equal(r.status, 'anchored');
  assert.equal(r.start, codePointLength(target.slice(0, target.indexOf('the plan'))));
});

test('carry: a stale stored position is found again by its quote first; an empty quote is an orphan', () => {
  const al = alignTexts(S001, S000);
  const a = anchorOf(S001, 'Former Russian lawmaker Ilya Ponomarev');
  const r = carryPassage({ ...a, start: a.start + 5, end: a.end + 5 }, S001, S000, al);
  assert.equal(r.status, 'anchored');
  assert.equal(r.exact, 'Former Russian lawmaker Ilya Ponomarev');
  assert.equal(carryPassage({ exact: '', prefix: '', suffix: '', start: 0, end: 0 }, S001, S000, al).status, 'orphaned');
});

test('carry: the alignment may be given the other way round (the source as its B side)', () => {
  const al = alignTexts(S000, S001);
  const r = carryPassage(anchorOf(S001, 'accused of plotting an attack on Cologne Cathedral'), S001, S000, al, 'b');
  assert.equal(r.status, 'moved');
  assert.equal(r.exact, 'accused of planning an attack on the cathedral of Colony');
});

test('carry: onto an unrelated article, a phrase it happens to contain is not a place for the copy', () => {
  const target = readFileSync(new URL('../../../shared/corpus/bbc-news/business/china-had-role-in-yukos-split-up.txt', import.meta.url), 'utf8');
  assert.ok(target.includes('the Russian government'));
  const r = carry(S001, target, 'leaks from inside the Russian government');
  assert.equal(r.status, 'orphaned');
  assert.equal(carry(S001, target, 'the Russian government').status, 'orphaned');
});
