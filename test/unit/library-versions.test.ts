// The library's half of issue 9.1: a source's summary counts its versions
// (version or revision relations, not dismissed, the other source live), and
// listing / counting can take only the sources that have one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('listSources marks sources with versions and filters to them; a dismissal or a deleted version takes the mark away', () => withApi(async ({ api }) => {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const [s000, s001] = [SEED_000, SEED_001].map((p) => r.imported.find((i) => i.path === p)!.id) as [string, string];
  const other = (await api.importFiles([{ name: 'alone.txt', bytes: new TextEncoder().encode('A note on something else entirely.\n\nNothing like the seeds.\n') }])).imported[0]!.id;
  await api.linkSources(s000, s001);
  const marks = async () => Object.fromEntries((await api.listSources()).map((s) => [s.id, s.versions]));
  assert.deepEqual(await marks(), { [s000]: 1, [s001]: 1, [other]: 0 });
  assert.deepEqual((await api.listSources({ withVersions: true, sort: 'title' })).map((s) => s.id).sort(), [s000, s001].sort());
  const counted = await api.countSources({ withVersions: true });
  assert.deepEqual([counted.total, counted.library], [2, 3]);
  // with another filter: both must hold
  assert.deepEqual((await api.listSources({ withVersions: true, ids: [s000, other] })).map((s) => s.id), [s000]);

  await api.unlinkSources(s000, s001);
  assert.deepEqual(await marks(), { [s000]: 0, [s001]: 0, [other]: 0 });
  assert.deepEqual(await api.listSources({ withVersions: true }), []);

  await api.linkSources(s000, s001);
  await api.deleteSource(s001);
  assert.deepEqual(await marks(), { [s000]: 0, [other]: 0 });
  assert.equal((await api.countSources({ withVersions: true })).total, 0);
}));

test('the mark counts a story taken transitively, as search groups it: in a chain A–B–C each end has 2 others', () => withApi(async ({ api }) => {
  const texts = ['First story about rivers and bridges.', 'Second story about mountains and lakes.', 'Third story about deserts and roads.'];
  const ids = (await api.importFiles(texts.map((t, i) => ({ name: `s${i}.txt`, bytes: new TextEncoder().encode(`${t}\n`) })))).imported.map((i) => i.id) as [string, string, string];
  await api.linkSources(ids[0], ids[1]);
  await api.linkSources(ids[1], ids[2]);
  const marks = Object.fromEntries((await api.listSources()).map((s) => [s.id, s.versions]));
  assert.deepEqual(marks, { [ids[0]]: 2, [ids[1]]: 2, [ids[2]]: 2 });
}));
