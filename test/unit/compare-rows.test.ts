import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTexts } from '../../common/align/align.ts';
import { compareRows, differenceStarts, swapRows, isDifference, type CompareRow, type Side } from '../../common/compare-rows.ts';
import { OffsetMap, sliceCodePoints } from '../../common/offsets.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { corpusText, makeVersionPair } from '../helpers/version-pair.ts';

const read = (p: string) => readFileSync(p, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
const S000 = read(SEED_000);
const S001 = read(SEED_001);

/** Every non-space code point of `text` is shown by exactly one row's side; the sides are in order; each side's text is its slice. */
function checkCovers(rows: CompareRow[], text: string, side: Side): void {
  const map = new OffsetMap(text);
  const seen = new Uint8Array(map.codePoints);
  let last = -1;
  for (const r of rows) {
    const s = r[side];
    if (!s) continue;
    assert.ok(s.start >= last, `${side} rows in order (${s.start} after ${last})`);
    last = s.end;
    assert.equal(s.text, sliceCodePoints(text, s.start, s.end));
    for (let i = s.start; i < s.end; i++) seen[i]!++;
    for (const c of side === 'a' ? r.changesA : r.changesB) assert.ok(c.start >= s.start && c.end <= s.end, 'a change inside its row');
  }
  const chars = Array.from(text);
  chars.forEach((ch, i) => {
    if (/\S/.test(ch)) assert.equal(seen[i], 1, `code point ${i} (${JSON.stringify(chars.slice(i, i + 20).join(''))}) shown once`);
  });
}

test('compare rows of the seeds: both texts whole and in order, Colony/Cologne a replacement on both sides', () => {
  const rows = compareRows(alignTexts(S000, S001), S000, S001);
  checkCovers(rows, S000, 'a');
  checkCovers(rows, S001, 'b');
  const colony = rows.find((r) => r.a?.text.includes('cathedral of Colony'))!;
  assert.equal(colony.kind, 'changed');
  assert.ok(colony.b!.text.includes('Cologne Cathedral'));
  const marked = (r: CompareRow, side: Side) => (side === 'a' ? r.changesA : r.changesB)
    .map((c) => ({ mark: c.mark, text: sliceCodePoints(side === 'a' ? S000 : S001, c.start, c.end) }));
  assert.ok(marked(colony, 'a').some((c) => c.mark === 'replaced' && c.text.includes('Colony')), JSON.stringify(marked(colony, 'a')));
  assert.ok(marked(colony, 'b').some((c) => c.mark === 'replaced' && c.text.includes('Cologne')), JSON.stringify(marked(colony, 'b')));
  // one-sided passages stand against a gap
  const onlyB = rows.find((r) => r.b?.text.startsWith('Shocking footage'))!;
  assert.equal(onlyB.kind, 'onlyB');
  assert.equal(onlyB.a, null);
  const onlyA = rows.find((r) => r.a?.text === 'What the dossier says')!;
  assert.equal(onlyA.kind, 'onlyA');
  // the moved passage links to the row that shows its counterpart
  const moved = rows.filter((r) => r.kind === 'moved');
  assert.ok(moved.length >= 1);
  for (const m of moved) {
    assert.notEqual(m.link, null);
    const to = rows[m.link!]!;
    assert.ok(m.a ? to.b : to.a, 'the link leads to a row showing the other side');
  }
  // a deletion only in A is struck, an insertion only in B is underlined: "Putin had dismissed" -> "Putin dismissed"
  const speech = rows.find((r) => r.b?.text.startsWith('But in a speech'))!;
  assert.ok(marked(speech, 'b').some((c) => c.mark === 'deleted' || c.mark === 'replaced'));
  assert.ok(rows.filter(isDifference).length > 10);
});

test('swapping sides twice gives the same rows; once, deletions and insertions trade places', () => {
  const rows = compareRows(alignTexts(S000, S001), S000, S001);
  const swapped = swapRows(rows);
  checkCovers(swapped, S001, 'a');
  checkCovers(swapped, S000, 'b');
  assert.deepEqual(swapRows(swapped), rows);
  const i = rows.findIndex((r) => r.changesA.some((c) => c.mark === 'deleted'));
  assert.ok(i >= 0);
  assert.ok(swapped[i]!.changesB.some((c) => c.mark === 'inserted'));
});

test('compare rows of a generated corpus pair (reworded, moved, deleted sentences) cover both texts once, in order', () => {
  const a = corpusText(60_000, 40);
  const { b } = makeVersionPair(a, { seed: 9, reword: 0.1, move: 0.05, delete: 0.05 });
  const rows = compareRows(alignTexts(a, b), a, b);
  checkCovers(rows, a, 'a');
  checkCovers(rows, b, 'b');
  const moved = rows.filter((r) => r.kind === 'moved');
  assert.ok(moved.length > 5, `moved rows: ${moved.length}`);
  assert.ok(moved.every((m) => m.link !== null && rows[m.link]![m.a ? 'b' : 'a'] !== null));
});

test('compare rows of unrelated texts and of empty texts', () => {
  const x = corpusText(3000, 0);
  const y = corpusText(3000, 900);
  const rows = compareRows(alignTexts(x, y), x, y);
  checkCovers(rows, x, 'a');
  checkCovers(rows, y, 'b');
  assert.deepEqual(compareRows(alignTexts('', ''), '', ''), []);
  const one = compareRows(alignTexts('Only here.', ''), 'Only here.', '');
  assert.deepEqual(one.map((r) => r.kind), ['onlyA']);
});

test('differences: a passage moved or only on one side is one difference however many rows it has; each changed sentence is one', () => {
  const kept = [
    'The council met on Tuesday to discuss the new bridge over the river.', 'Engineers presented three designs, each with a different budget and timetable.',
    'Residents asked whether the old ferry would keep running during the works.', 'The mayor promised a public vote before any contract was signed.',
    'A local historian recalled that the first bridge had been washed away in a flood.', 'Shopkeepers on the east bank feared a year of closed roads and lost trade.',
    'The fire service asked for a lane to be kept open at all times.', 'A decision is expected before the end of the summer recess.',
  ];
  const moved = ['The harbour master kept a ledger of every ship that sailed at night.', 'His entries named the cargo, the crew and the hour of departure.', 'Nobody asked to see the ledger until the inquiry opened in spring.'];
  const gone = ['A letter from the regional office warned that the grant might be withdrawn.', 'Councillors said they had not been told of the letter before the meeting.'];
  const a = [...kept.slice(0, 2), ...moved, ...kept.slice(2, 4), ...gone, ...kept.slice(4)].join('\n\n');
  const b = [...kept.slice(0, 6), ...moved, kept[6]!.replace('a lane', 'one lane'), kept[7]!.replace('summer recess', 'autumn')].join('\n\n');
  const rows = compareRows(alignTexts(a, b), a, b);
  const kinds = (k: CompareRow['kind']) => rows.filter((r) => r.kind === k).length;
  assert.equal(kinds('moved'), 6, 'the moved passage is a row per paragraph on each side');
  assert.equal(kinds('onlyA'), 2, 'the deleted passage is a row per paragraph');
  assert.equal(kinds('changed'), 2);
  const starts = differenceStarts(rows);
  const of = (k: CompareRow['kind']) => starts.filter((i) => rows[i]!.kind === k).length;
  assert.equal(of('moved'), 2, 'the move: one difference where A has it, one where B has it');
  assert.equal(of('onlyA'), 1, 'the deleted passage: one difference');
  assert.equal(of('changed'), 2, 'each changed sentence is a difference');
  assert.equal(starts.length, 5);
  assert.equal(rows.filter(isDifference).length, 10, 'ten rows differ');
});
