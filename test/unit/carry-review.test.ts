// A carried copy's review read back from what the store keeps (common/carry-review.ts),
// and carrying onto a target that already has the annotation (no duplicate, counted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyReview, verdictCounts, verdictSummary } from '../../common/carry-review.ts';
import { codePointLength } from '../../common/offsets.ts';
import type { LecternApi } from '../../common/api.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('copyReview: carried, accepted, kept as orphan and placed by hand are told apart from status, score and words', () => {
  const original = { exact: 'Cologne Cathedral' };
  const r = (status: 'anchored' | 'moved' | 'orphaned', score: number | null, exact = original.exact) => copyReview({ status, score, exact }, original);
  assert.deepEqual(r('anchored', null), { verdict: 'anchored', score: null, decided: false });
  assert.deepEqual(r('anchored', 1), { verdict: 'anchored', score: null, decided: true });
  assert.deepEqual(r('moved', 0.8, 'cathedral of Colony'), { verdict: 'moved', score: 0.8, decided: false });
  assert.deepEqual(r('anchored', 0.8, 'cathedral of Colony'), { verdict: 'moved', score: 0.8, decided: true });
  assert.deepEqual(r('anchored', null, 'attack on the cathedral'), { verdict: 'placed', score: null, decided: true });
  assert.deepEqual(r('orphaned', null), { verdict: 'orphaned', score: null, decided: false });
  assert.deepEqual(r('orphaned', 0), { verdict: 'orphaned', score: null, decided: true });
  const n = verdictCounts([r('anchored', null), r('anchored', null, 'x'), r('orphaned', null)]);
  assert.equal(verdictSummary(n), '1 anchored, 1 placed by hand, 0 moved, 1 orphaned');
  assert.equal(verdictSummary({ ...n, placed: 0 }), '1 anchored, 0 moved, 1 orphaned');
});

async function range(api: LecternApi, sourceId: string, quote: string) {
  const { text } = await api.getSource(sourceId);
  const start = codePointLength(text.slice(0, text.indexOf(quote)));
  return { start, end: start + codePointLength(quote) };
}

test('carryAnnotations: an annotation the target has on the same range, colour, comment and tags is not duplicated; a different one is', () => withApi(async ({ api }) => {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const [s000, s001] = [SEED_000, SEED_001].map((p) => r.imported.find((i) => i.path === p)!.id) as [string, string];
  await api.createAnnotation({ sourceId: s001, ...(await range(api, s001, 'Mikhail Khodorkovsky')), color: 'green', comment: 'exile', tags: ['b', 'a'] });
  await api.createAnnotation({ sourceId: s001, ...(await range(api, s001, 'Crocus City Hall')), comment: 'venue' });
  const mine = await api.createAnnotation({ sourceId: s000, ...(await range(api, s000, 'Mikhail Khodorkovsky')), color: 'green', comment: 'exile', tags: ['a', 'b'] });
  // the same range with another comment is a different annotation: copied
  await api.createAnnotation({ sourceId: s000, ...(await range(api, s000, 'Crocus City Hall')), comment: 'the hall' });

  const dry = await api.carryAnnotations(s001, s000, { dryRun: true });
  assert.equal(dry.alreadyThere, 1);
  assert.deepEqual(dry.skipped.map((k) => k.id), [mine.id]);
  const done = await api.carryAnnotations(s001, s000);
  assert.deepEqual([done.carried.length, done.alreadyThere], [1, 1]);
  const onTarget = await api.listAnnotations(s000);
  assert.equal(onTarget.filter((a) => a.exact === 'Mikhail Khodorkovsky').length, 1);
  assert.equal(onTarget.filter((a) => a.exact === 'Crocus City Hall').length, 2);
}));
