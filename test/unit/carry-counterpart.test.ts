import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTexts } from '../../common/align/align.ts';
import { carryPassage } from '../../common/carry.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';

const SEEDS = new URL('../../../shared/fixtures/seeds/', import.meta.url).pathname;
const seed = (name: string) => readFileSync(SEEDS + name, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
const S000 = seed('000_75a8ae8bdfc13fc0.txt');
const S001 = seed('001_bfe0e10eea0bc990.txt');

function carry(source: string, target: string, quote: string) {
  const i = source.indexOf(quote);
  assert.ok(i >= 0, `quote in source: ${quote}`);
  const start = codePointLength(source.slice(0, i));
  const end = start + codePointLength(quote);
  const r = carryPassage({ ...quoteAt(source, start, end), start, end }, source, target, alignTexts(source, target));
  if (r.status !== 'orphaned') assert.equal(sliceCodePoints(target, r.start, r.end), r.exact);
  return r;
}

// 001: "the documents showed ethnic Tajiks radicalized by ISIS-K – the Central Asian offshoot of the terror group ISIS"
// 000: "in the documents there would have been evidence that Tajiks radicalized by ISIS-K – the Central Asian branch of the terrorist group"
test('carry: a quote taking the tail of a replaced stretch gets only the words that answer it, not the whole replacement', () => {
  // "ethnic" has no counterpart in 000: the copy starts at "Tajiks" (the trial had "been evidence that Tajiks ...")
  const tajiks = carry(S001, S000, 'ethnic Tajiks radicalized by ISIS-K');
  assert.equal(tajiks.status, 'moved');
  assert.equal(tajiks.exact, 'Tajiks radicalized by ISIS-K');
  // "terror" answers "terrorist" (one stem); "ISIS" nothing
  const group = carry(S001, S000, 'terror group ISIS');
  assert.equal(group.status, 'moved');
  assert.equal(group.exact, 'terrorist group');
});

test('carry: a quote taking the head of a replaced stretch ends where its answered words end', () => {
  // "offshoot" is replaced by "branch of the terrorist", which shares none of its words: the copy stops before it
  const r = carry(S001, S000, 'ISIS-K – the Central Asian offshoot');
  assert.equal(r.status, 'moved');
  assert.equal(r.exact, 'ISIS-K – the Central Asian');
});

test('carry: a quote covering a whole replaced stretch still takes the whole replacement', () => {
  assert.equal(carry(S001, S000, 'the documents showed ethnic Tajiks radicalized by ISIS-K').exact,
    'the documents there would have been evidence that Tajiks radicalized by ISIS-K');
  assert.equal(carry(S001, S000, 'accused of plotting an attack on Cologne Cathedral').exact,
    'accused of planning an attack on the cathedral of Colony');
});
