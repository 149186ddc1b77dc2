import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LecternApi } from '../../common/api.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { dispatch } from '../../electron/dispatch.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

async function seeds(api: LecternApi): Promise<{ s000: string; s001: string }> {
  const r = await api.importPaths([SEED_000, SEED_001]);
  return { s000: r.imported.find((i) => i.path === SEED_000)!.id, s001: r.imported.find((i) => i.path === SEED_001)!.id };
}

/** Annotates the first occurrence of quote. */
async function annotate(api: LecternApi, sourceId: string, quote: string, extra: { comment?: string; tags?: string[]; color?: 'green' } = {}) {
  const { text } = await api.getSource(sourceId);
  const i = text.indexOf(quote);
  assert.ok(i >= 0, quote);
  const start = codePointLength(text.slice(0, i));
  return api.createAnnotation({ sourceId, start, end: start + codePointLength(quote), ...extra });
}

test('compareSources: the seeds aligned, with the inserted headings onlyA and the Colony/Cologne change', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  const c = await api.compareSources(s000, s001);
  assert.equal(c.a, s000);
  assert.equal(c.b, s001);
  assert.ok(c.aInB > c.bInA, `most of 000 is in 001, not vice versa (${c.aInB} / ${c.bInA})`);
  const onlyA = c.segments.filter((g) => g.kind === 'onlyA').map((g) => g.a!.text);
  assert.ok(onlyA.includes('What the dossier says') && onlyA.includes('The US warning underestimated by Putin'), onlyA.join(' | '));
  const colony = c.segments.find((g) => g.a?.text.includes('cathedral of Colony'))!;
  assert.ok(colony.kind === 'changed' || colony.kind === 'moved');
  assert.ok(colony.changes.some((ch) => ch.a?.text.includes('Colony') && ch.b?.text.includes('Cologne')), JSON.stringify(colony.changes));
  const { text: t000 } = await api.getSource(s000);
  for (const g of c.segments) if (g.a) assert.equal(sliceCodePoints(t000, g.a.start, g.a.end), g.a.text, 'ranges are code points of A');

  // validated like every method: the same source twice, an unknown id, a missing argument
  await assert.rejects(api.compareSources(s000, s000), { code: 'same-source' });
  await assert.rejects(api.compareSources(s000, 'no-such-source'), { code: 'not-found' });
  const bad = await dispatch(api, 'compareSources', [s000]);
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.code, 'invalid-arguments');
}));

test('carryAnnotations 001 -> 000: verdicts per passage, comment/tags/colour kept, each copy remembers its original', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  const same = await annotate(api, s001, 'Former Russian lawmaker Ilya Ponomarev', { comment: 'who is he?', tags: ['people/politicians'], color: 'green' });
  const reworded = await annotate(api, s001, 'accused of plotting an attack on Cologne Cathedral', { comment: 'Cologne' });
  const absent = await annotate(api, s001, 'Three pleaded guilty, according to Russian media.', { comment: 'court' });

  const dry = await api.carryAnnotations(s001, s000, { dryRun: true });
  assert.equal(dry.dryRun, true);
  assert.ok(dry.carried.every((c) => c.id === null));
  assert.equal((await api.listAnnotations(s000)).length, 0, 'a dry run writes nothing');

  const r = await api.carryAnnotations(s001, s000);
  assert.deepEqual([r.anchored, r.moved, r.orphaned, r.skipped.length], [1, 1, 1, 0]);
  const byFrom = new Map(r.carried.map((c) => [c.from, c]));
  assert.deepEqual(dry.carried.map((c) => [c.from, c.status, c.start, c.end]), r.carried.map((c) => [c.from, c.status, c.start, c.end]),
    'the dry run gave the same verdicts');
  assert.equal(byFrom.get(same.id)!.status, 'anchored');
  assert.equal(byFrom.get(reworded.id)!.status, 'moved');
  assert.equal(byFrom.get(reworded.id)!.exact, 'accused of planning an attack on the cathedral of Colony');
  assert.ok(byFrom.get(reworded.id)!.score >= 0.5 && byFrom.get(reworded.id)!.score < 1);
  assert.equal(byFrom.get(absent.id)!.status, 'orphaned');

  const copies = await api.listAnnotations(s000);
  assert.equal(copies.length, 3);
  const { text: t000 } = await api.getSource(s000);
  for (const copy of copies) {
    const c = r.carried.find((x) => x.id === copy.id)!;
    assert.equal(copy.carriedFrom, c.from);
    assert.equal(copy.status, c.status);
    if (copy.status === 'orphaned') {
      assert.equal(copy.start, copy.end, 'an orphan paints no text');
      assert.equal(copy.exact, absent.exact, 'an orphan keeps its quote');
    } else assert.equal(sliceCodePoints(t000, copy.start, copy.end), copy.exact);
  }
  const ponomarev = copies.find((x) => x.carriedFrom === same.id)!;
  assert.deepEqual([ponomarev.comment, ponomarev.tags, ponomarev.color], ['who is he?', ['people/politicians'], 'green']);
  assert.equal(copies.find((x) => x.carriedFrom === reworded.id)!.score, byFrom.get(reworded.id)!.score);
  assert.equal((await api.listAnnotations(s001)).length, 3, 'copied, never moved');
}));

test('carrying again does not duplicate: carried before (also a copy in the trash), or carried back to where it came from', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  const a1 = await annotate(api, s001, 'Former Russian lawmaker Ilya Ponomarev');
  const a2 = await annotate(api, s001, 'accused of plotting an attack on Cologne Cathedral');
  const first = await api.carryAnnotations(s001, s000);
  assert.equal(first.carried.length, 2);

  const again = await api.carryAnnotations(s001, s000);
  assert.deepEqual(again.carried, []);
  assert.deepEqual(again.skipped.map((s) => s.from).sort(), [a1.id, a2.id].sort());
  assert.equal((await api.listAnnotations(s000)).length, 2);

  // a new annotation on 001 is carried; the old ones still are not
  const a3 = await annotate(api, s001, 'Suspected ISIS-K members were also arrested in Kyrgyzstan');
  const third = await api.carryAnnotations(s001, s000);
  assert.deepEqual(third.carried.map((c) => c.from), [a3.id]);

  // back again: every copy on 000 came from 001, so nothing is doubled there
  const back = await api.carryAnnotations(s000, s001);
  assert.deepEqual(back.carried, []);
  assert.equal(back.skipped.length, 3);
  assert.equal((await api.listAnnotations(s001)).length, 3);

  // a copy the researcher deleted is not made again behind their back (restore brings it back)
  const copy = first.carried.find((c) => c.from === a1.id)!.id!;
  await api.deleteAnnotation(copy);
  const afterDelete = await api.carryAnnotations(s001, s000);
  assert.deepEqual(afterDelete.carried, []);
  assert.match(afterDelete.skipped.find((s) => s.from === a1.id)!.reason, /trash/);
  await api.restore([copy]);
  assert.equal((await api.listAnnotations(s000)).length, 3);
}));

test('link (confirm, or by hand), relations from either side, groups, unlink (dismissed, out of the groups), delete and restore', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  const other = (await api.importFiles([{ name: 'other.txt', bytes: new TextEncoder().encode('Rain is expected in the north.\n\nThe wind will ease by evening.') }])).imported[0]!.id;
  const detected = (await api.listVersions()).relations;
  assert.deepEqual(detected.map((r) => [r.a, r.b, r.kind, r.origin]), [[s000, s001, 'version', 'detected']], 'found at import');
  await assert.rejects(api.unlinkSources(s000, other), { code: 'not-related' });

  const confirmed = await api.linkSources(s001, s000);
  assert.deepEqual([confirmed.a, confirmed.b, confirmed.kind, confirmed.origin, confirmed.dismissed], [s000, s001, 'version', 'manual', false]);
  assert.ok(confirmed.aInB! > confirmed.bInA!, 'figures measured from a (000) to b (001)');
  assert.deepEqual([confirmed.derived, confirmed.derivedBy], [s000, 'containment'], '000 is likely derived from 001');

  const from000 = await api.sourceRelations(s000);
  assert.equal(from000.id, s000);
  assert.equal(from000.relations.length, 1);
  const r = from000.relations[0]!;
  assert.deepEqual([r.id, r.kind, r.derived, r.aInB, r.bInA], [s001, 'version', 'this', confirmed.aInB, confirmed.bInA]);
  assert.equal(r.title, (await api.getSource(s001)).title);
  const from001 = (await api.sourceRelations(s001)).relations[0]!;
  assert.deepEqual([from001.derived, from001.aInB, from001.bInA], ['other', confirmed.bInA, confirmed.aInB], 'seen from 001: its own share first');
  assert.deepEqual((await api.sourceRelations(other)).relations, []);

  // by hand: two sources detection would not relate
  const manual = await api.linkSources(other, s000);
  assert.deepEqual([manual.a, manual.b, manual.kind, manual.origin], [other, s000, 'version', 'manual']);
  assert.deepEqual((await api.listVersions()).groups, [{ sources: [s000, s001, other] }], 'one group, in import order');

  const dismissed = await api.unlinkSources(s000, s001);
  assert.equal(dismissed.dismissed, true);
  assert.deepEqual((await api.listVersions()).groups, [{ sources: [s000, other] }]);
  assert.equal((await api.listVersions()).relations.find((x) => x.b === s001)!.dismissed, true, 'a dismissed relation is kept and says so');
  const relinked = await api.linkSources(s000, s001);
  assert.equal(relinked.dismissed, false, 'linking by hand undoes a dismissal');

  // a deleted source's relations are hidden, and come back with it
  await api.deleteSource(s001);
  assert.deepEqual((await api.listVersions()).relations.map((x) => [x.a, x.b]), [[other, s000]]);
  assert.deepEqual((await api.sourceRelations(s000)).relations.map((x) => x.id), [other]);
  await assert.rejects(api.linkSources(s000, s001), { code: 'not-found' });
  await api.restore([s001]);
  assert.deepEqual((await api.listVersions()).groups, [{ sources: [s000, s001, other] }]);
  assert.equal((await api.sourceRelations(s000)).relations.length, 2);
}));

test('a purged source takes its relations along', () => withApi(async ({ api, store }) => {
  const { s000, s001 } = await seeds(api);
  await api.linkSources(s000, s001);
  await api.deleteSource(s001);
  await api.purgeDeleted([s001]);
  assert.equal(store.db.prepare('SELECT count(*) FROM source_relations').pluck().get(), 0);
  assert.deepEqual((await api.sourceRelations(s000)).relations, []);
}));

