import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reanchor, MIN_APPROX_SCORE } from '../../common/reanchor.ts';
import { quoteAt } from '../../common/selectors.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { SEED_000, SEED_001, annotate, makeSource } from './export-helpers.ts';

const s0 = makeSource(SEED_000);
const s1 = makeSource(SEED_001);

function anchorOf(text: string, quote: string, occurrence = 0): { exact: string; prefix: string; suffix: string; start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(quote, i + 1);
  assert.ok(i >= 0);
  const start = codePointLength(text.slice(0, i));
  const end = start + codePointLength(quote);
  return { ...quoteAt(text, start, end), start, end };
}

test('reanchor: unchanged text -> anchored at the stored position, score 1', () => {
  const a = anchorOf(s0.text, 'Dossier Center in London');
  assert.deepEqual(reanchor(s0.text, a), { status: 'anchored', start: a.start, end: a.end, score: 1 });
});

test('reanchor: text inserted before the passage -> moved to the exact quote', () => {
  const a = anchorOf(s0.text, 'Dossier Center in London');
  const changed = 'A new first paragraph, added later.\n\n' + s0.text;
  const r = reanchor(changed, a);
  assert.equal(r.status, 'moved');
  assert.equal(sliceCodePoints(changed, r.start, r.end), a.exact);
  assert.equal(r.start, a.start + codePointLength('A new first paragraph, added later.\n\n'));
  assert.ok(r.score > 0.95);
});

test('reanchor: several exact occurrences -> the one whose prefix/suffix match', () => {
  // "the attack" occurs many times; pick the occurrence the context names, even far from the old position
  const text = s1.text;
  const a = anchorOf(text, 'the attack', 3);
  const shifted = { ...a, start: 0, end: a.end - a.start };
  const r = reanchor(text, shifted);
  assert.equal(r.status, 'moved');
  assert.equal(r.start, a.start);
  // without context, the occurrence nearest the old position wins
  const near = anchorOf(text, 'the attack', 2);
  const r2 = reanchor('xx' + text, { exact: 'the attack', prefix: '', suffix: '', start: near.start, end: near.end });
  assert.equal(r2.start, near.start + 2);
});

test('reanchor: code points, not UTF-16 units (astral characters before the passage)', () => {
  const text = '😀😀 alpha beta gamma delta';
  const a = anchorOf(text, 'gamma');
  assert.equal(a.start, 14);
  const changed = '😀😀😀 alpha beta gamma delta';
  const r = reanchor(changed, a);
  assert.equal(r.status, 'moved');
  assert.equal(r.start, 15);
  assert.equal(sliceCodePoints(changed, r.start, r.end), 'gamma');
});

test('reanchor: a passage of seed 001 imported onto seed 000, where the wording changed slightly -> moved with a score', () => {
  const quote = 'The Dossier Center is a Russian investigation group backed by Mikhail Khodorkovsky, an exiled former Russian oil tycoon turned Kremlin critic.';
  const ann = annotate(s1, quote);
  const r = reanchor(s0.text, ann);
  assert.equal(r.status, 'moved');
  assert.equal(
    sliceCodePoints(s0.text, r.start, r.end),
    'the Dossier Center is a Russian investigative group supported by Mikhail Khodorkovsky, an exiled former Russian oil magnate turned Kremlin critic.',
  );
  assert.ok(r.score >= MIN_APPROX_SCORE && r.score < 0.95, `score ${r.score}`);

  // a word-level change inside a passage: snapped to word edges
  const r2 = reanchor(s0.text, annotate(s1, 'It has previously unearthed details about Russian President Vladimir Putin and his regime'));
  assert.equal(r2.status, 'moved');
  assert.equal(sliceCodePoints(s0.text, r2.start, r2.end), 'has previously uncovered details about Russian President Vladimir Putin and his regime');

  // the same sentence in both versions: moved, exact, high score
  const r3 = reanchor(s0.text, annotate(s1, 'members of the Security Council received a warning that Tajik citizens could be used'));
  assert.equal(r3.status, 'moved');
  assert.equal(sliceCodePoints(s0.text, r3.start, r3.end), 'members of the Security Council received a warning that Tajik citizens could be used');
  assert.ok(r3.score > 0.95);
});

test('reanchor: a passage that is not in the other version -> orphaned, offsets kept', () => {
  const ann = annotate(s1, 'ISIS has claimed responsibility for the attack with statements, photos, and a propaganda video filmed by the attackers.');
  const r = reanchor(s0.text, ann);
  assert.deepEqual(r, { status: 'orphaned', start: ann.start, end: ann.end, score: 0 });
  // short quotes are only matched exactly
  assert.equal(reanchor(s0.text, { exact: 'Zyx', prefix: '', suffix: '', start: 0, end: 3 }).status, 'orphaned');
  assert.equal(reanchor(s0.text, { exact: '', prefix: '', suffix: '', start: 0, end: 0 }).status, 'orphaned');
});
