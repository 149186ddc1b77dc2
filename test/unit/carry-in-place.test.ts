// A sentence reworded in place, alone between two passages alike on both sides, is paired by the
// aligner with its low score (align-place.test.ts); an annotation on it is carried as moved onto the
// reworded sentence, to be reviewed, not orphaned (issue 8, the trial's finding 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts } from '../../common/align/align.ts';
import { carryPassage, MIN_CARRY_SCORE } from '../../common/carry.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';
import { CORPUS } from '../helpers/tmp.ts';
import { readArticle } from '../helpers/version-pair.ts';

const BRC = 'The BRC said Britain\'s retailers had endured their worst Christmas in a decade.';
const REWORDED = 'The BRC said British shops had suffered their worst festive season for ten years.';
const source = readArticle(join(CORPUS, 'business/uk-interest-rates-held-at-4-75.txt'));

function carry(target: string, quote: string) {
  const start = codePointLength(source.slice(0, source.indexOf(quote)));
  const end = start + codePointLength(quote);
  const r = carryPassage({ ...quoteAt(source, start, end), start, end }, source, target, alignTexts(source, target));
  if (r.status !== 'orphaned') assert.equal(sliceCodePoints(target, r.start, r.end), r.exact);
  return r;
}

test('a passage of a sentence reworded in place is carried as moved onto its counterpart, with its low score', () => {
  const target = source.replace(BRC, REWORDED);
  const part = carry(target, 'Britain\'s retailers had endured their worst Christmas in a decade');
  assert.equal(part.status, 'moved');
  assert.equal(part.exact, 'British shops had suffered their worst festive season for ten years');
  assert.ok(part.score > 0 && part.score < MIN_CARRY_SCORE, `score ${part.score}`);
  const whole = carry(target, BRC);
  assert.equal(whole.status, 'moved');
  assert.equal(whole.exact, REWORDED);
  assert.ok(whole.score > 0 && whole.score < MIN_CARRY_SCORE, `score ${whole.score}`);
});

test('a sentence replaced in place by an unrelated one is orphaned', () => {
  const target = source.replace(BRC, 'Meanwhile the weather in Scotland stayed cold and wet for most of the week.');
  assert.equal(carry(target, BRC).status, 'orphaned');
  assert.equal(carry(target, 'Britain\'s retailers had endured their worst Christmas in a decade').status, 'orphaned');
});
