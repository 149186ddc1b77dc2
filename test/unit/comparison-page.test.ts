// comparisonRows (the compare view's rows built in the main process): pages
// without text that, sliced from the two texts, are exactly compareRows; the
// first page's texts reach every row it holds; bounded and validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignTexts } from '../../common/align/align.ts';
import { compareRows, outlineOf, swapRows } from '../../common/compare-rows.ts';
import { MAX_COMPARISON_PAGE, packRows, unpackRows, withText } from '../../common/comparison-page.ts';
import { codePointLength } from '../../common/offsets.ts';
import { dispatch } from '../../electron/dispatch.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { corpusText, makeVersionPair } from '../helpers/version-pair.ts';

test('packRows / unpackRows: a generated pair with moved, one-sided and changed rows comes back as it was', () => {
  const pair = makeVersionPair(corpusText(40_000), { seed: 3, reword: 0.2, move: 0.1, delete: 0.1 });
  const rows = compareRows(alignTexts(pair.a, pair.b), pair.a, pair.b);
  // the copy only deletes: its rows swapped give the onlyB ones
  const outlines = [...rows, ...swapRows(rows)].map(outlineOf);
  const kinds = new Set(outlines.map((r) => r.kind));
  for (const k of ['same', 'changed', 'moved', 'onlyA', 'onlyB']) assert.ok(kinds.has(k as never), `the pair has ${k} rows`);
  assert.ok(outlines.some((r) => r.link !== null) && outlines.some((r) => r.changesA.length && r.changesB.length));
  assert.deepEqual(unpackRows(packRows(outlines)), outlines);
  assert.deepEqual(unpackRows(packRows([])), []);
});

test('comparisonRows: the seeds page by page are compareRows once sliced from the texts; the first page carries the texts it reaches', () => withApi(async ({ api }) => {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const [a, b] = [SEED_000, SEED_001].map((p) => r.imported.find((i) => i.path === p)!.id) as [string, string];
  const [sa, sb] = [await api.getSource(a), await api.getSource(b)];
  const expected = compareRows(alignTexts(sa.text, sb.text), sa.text, sb.text);

  const first = await api.comparisonRows(a, b, { start: 0, count: 5, withText: true });
  assert.equal(first.total, expected.length);
  assert.equal(first.a.id, a);
  assert.equal('text' in first.a, false, 'the source without its text');
  assert.equal(first.a.sha256, sa.sha256);
  const text = first.text!;
  assert.ok(sa.text.startsWith(text.a) && sb.text.startsWith(text.b), 'beginnings of the two texts');
  assert.ok(codePointLength(text.a) < codePointLength(sa.text), 'only as far as the first rows reach');
  assert.deepEqual(withText(unpackRows(first.rows), text), expected.slice(0, 5));

  const all = [];
  for (let at = 0; at < first.total; at += 7) {
    const page = await api.comparisonRows(a, b, { start: at, count: 7 });
    assert.equal(page.start, at);
    assert.equal(page.text, null, 'no text unless asked');
    all.push(...unpackRows(page.rows));
  }
  assert.deepEqual(withText(all, { a: sa.text, b: sb.text }), expected);
  const past = await api.comparisonRows(a, b, { start: first.total + 10, count: 3 });
  assert.equal(past.rows.kinds.length, 0, 'a page past the end is empty');
  assert.equal(past.start, first.total);

  // the figures are the alignment's
  const c = await api.compareSources(a, b);
  assert.deepEqual([first.similarity, first.aInB, first.bInA], [c.similarity, c.aInB, c.bInA]);

  await assert.rejects(api.comparisonRows(a, a, { start: 0, count: 1 }), { code: 'same-source' });
  await assert.rejects(api.comparisonRows(a, 'no-such-source', { start: 0, count: 1 }), { code: 'not-found' });
  for (const page of [{ start: 0, count: 0 }, { start: 0, count: MAX_COMPARISON_PAGE + 1 }, { start: -1, count: 1 }, { start: 0, count: 1, more: true }]) {
    const bad = await dispatch(api, 'comparisonRows', [a, b, page]);
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'invalid-arguments', JSON.stringify(page));
  }
}));

test('withText: a row past the text it is given is refused, not shown empty', () => {
  const rows = [{ kind: 'same' as const, a: { start: 0, end: 10, paragraph: 1 }, b: null, score: 1, changesA: [], changesB: [], link: null }];
  assert.throws(() => withText(rows, { a: 'short', b: '' }), /past the 5/);
});
