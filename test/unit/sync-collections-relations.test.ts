// Collections (with their members) and version relations sync (issue 15.1,
// migration 0016): two machines, one pouchdb-server, real `lectern sync`
// processes. Members added and removed offline on both sides merge as sets; a
// pair dismissed on one machine is dismissed on the other and stays so across
// a rebuild there; two collections of one name made offline stay two, one of
// them renamed alike on both; a purged collection goes on both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { snapshot } from '../helpers/sync.ts';
import { syncServerForTests } from '../helpers/sync-pair.ts';

const { pair } = syncServerForTests('lectern-sync-collections-');

const politics = join(CORPUS, 'politics');
const corpusFile = join(politics, readdirSync(politics).sort()[0]!);

test('collections and version relations reach the other machine; members merge as sets; a dismissal holds there across a rebuild', async () => {
  const { a, b, edit, sync } = await pair();
  const { ids, collection } = await edit(a, async (api) => {
    const r = await api.importPaths([SEED_000, SEED_001, corpusFile]);
    const byPath = (end: string) => r.imported.find((i) => i.path.endsWith(end))!.id;
    const ids = { s0: byPath('000_75a8ae8bdfc13fc0.txt'), s1: byPath('001_bfe0e10eea0bc990.txt'), c: r.imported.find((i) => i.path === corpusFile)!.id };
    const collection = await api.createCollection('Crocus attack');
    await api.addToCollection(collection.id, [ids.s0, ids.s1]);
    return { ids, collection };
  });
  await sync(a);
  await sync(b);
  await edit(b, async (api) => {
    assert.deepEqual((await api.listCollections()).map((c) => [c.name, c.sourceCount]), [['Crocus attack', 2]]);
    const rel = (await api.sourceRelations(ids.s0)).relations.find((r) => r.id === ids.s1);
    assert.equal(rel?.kind, 'version', 'the seeds\' relation, detected on the first machine, is here');
  });
  assert.deepEqual(snapshot(a).relations, snapshot(b).relations);

  // offline on both: the laptop adds the corpus article, the desktop takes seed 000 out and dismisses the pair
  await edit(a, (api) => api.addToCollection(collection.id, [ids.c]));
  await edit(b, async (api) => {
    await api.removeFromCollection(collection.id, [ids.s0]);
    await api.unlinkSources(ids.s0, ids.s1);
  });
  await sync(a);
  await sync(b);
  await sync(a);
  const members = (file: string) => (snapshot(file).collections as Array<{ id: string; sources: string }>)
    .find((c) => c.id === collection.id)!.sources;
  assert.deepEqual(JSON.parse(members(a)), [ids.s1, ids.c].sort(), 'both edits to the members are kept');
  assert.equal(members(a), members(b));
  await edit(a, async (api) => {
    assert.deepEqual(await api.listSyncConflicts(), [], 'no conflict to review: the members merged, the dismissal was one side\'s');
    const rel = (await api.sourceRelations(ids.s0)).relations.find((r) => r.id === ids.s1);
    assert.ok(rel === undefined || rel.dismissed, 'dismissed on the desktop, dismissed on the laptop');
    await api.rebuildVersions();
    const after = (await api.listVersions()).relations.find((r) => [r.a, r.b].sort().join() === [ids.s0, ids.s1].sort().join());
    assert.equal(after?.dismissed, true, 'a rebuild on the laptop keeps the pair dismissed');
  });
  assert.deepEqual(snapshot(a).relations, snapshot(b).relations);
});

test('two collections of one name made offline stay two, one renamed alike on both; a purged collection goes on both', async () => {
  const { a, b, edit, sync } = await pair();
  await edit(a, (api) => api.createCollection('Interviews'));
  await edit(b, (api) => api.createCollection('interviews'));
  await sync(a);
  await sync(b);
  await sync(a);
  const names = async (file: string) => edit(file, async (api) => (await api.listCollections()).map((c) => `${c.id} ${c.name}`).sort());
  const onA = await names(a);
  assert.equal(onA.length, 2);
  assert.ok(onA.some((x) => x.endsWith(' (2)')), onA.join('; '));
  assert.deepEqual(await names(b), onA);

  const doomed = await edit(a, async (api) => (await api.listCollections())[0]!);
  await edit(a, async (api) => {
    await api.deleteCollection(doomed.id);
    await api.purgeDeleted([doomed.id]);
  });
  await sync(a);
  await sync(b);
  await edit(b, async (api) => assert.deepEqual((await api.listCollections()).map((c) => c.id).includes(doomed.id), false));
  assert.deepEqual(snapshot(a).collections, snapshot(b).collections);
});

test('a source that arrived by sync is a candidate for the versions of the next import there', async () => {
  const { a, b, edit, sync } = await pair();
  await edit(a, (api) => api.importPaths([SEED_001]));
  await sync(a);
  await sync(b);
  const found = await edit(b, async (api) => (await api.importPaths([SEED_000])).versions);
  assert.deepEqual(found.map((v) => v.kind), ['version'], 'seed 000 is found to be a version of the seed 001 that came by sync');
});

test('a text reopened with another encoding reaches the other machine with its annotations\' new ranges; search there finds the new words', async () => {
  const { a, b, edit, sync } = await pair();
  const russian = 'Ночь в библиотеке\n\nСтарый библиотекарь закрыл читальный зал позже обычного. В архиве нашлись письма.\n';
  const { id } = await edit(a, async (api) => {
    const r = await api.importFiles([{ name: 'noch.txt', bytes: new Uint8Array(iconv.encode(russian, 'windows-1251')) }]);
    const id = r.imported[0]!.id;
    await api.reencodeSource(id, 'windows-1252'); // a wrong reading, as a detector might have made
    const { text } = await api.getSource(id);
    const quote = iconv.decode(iconv.encode('письма', 'windows-1251'), 'windows-1252');
    const start = [...text.slice(0, text.indexOf(quote))].length;
    await api.createAnnotation({ sourceId: id, start, end: start + [...quote].length, comment: 'letters' });
    return { id };
  });
  await sync(a);
  await sync(b);
  await edit(a, (api) => api.reencodeSource(id, 'windows-1251'));
  await sync(a);
  await sync(b);
  await edit(b, async (api) => {
    const s = await api.getSource(id);
    assert.equal(s.text, russian);
    assert.equal(s.encoding, 'windows-1251');
    const [ann] = await api.listAnnotations(id);
    assert.equal(ann!.exact, 'письма');
    assert.equal([...s.text].slice(ann!.start, ann!.end).join(''), 'письма', 'the range points at the passage in the new text');
    assert.equal((await api.search('библиотекарь')).filter((h) => h.kind === 'source').length, 1);
  });
  assert.deepEqual(snapshot(a).sources, snapshot(b).sources);
});

test('a carried copy keeps the annotation it came from on the other machine, so carrying again there makes no second copy', async () => {
  const { a, b, edit, sync } = await pair();
  const { s0, s1 } = await edit(a, async (api) => {
    const r = await api.importPaths([SEED_000, SEED_001]);
    const s0 = r.imported.find((i) => i.path.endsWith('000_75a8ae8bdfc13fc0.txt'))!.id;
    const s1 = r.imported.find((i) => i.path.endsWith('001_bfe0e10eea0bc990.txt'))!.id;
    const { text } = await api.getSource(s1);
    const start = [...text.slice(0, text.indexOf('Dossier Center'))].length;
    await api.createAnnotation({ sourceId: s1, start, end: start + 'Dossier Center'.length, comment: 'the source of the leak' });
    await api.carryAnnotations(s1, s0);
    return { s0, s1 };
  });
  await sync(a);
  await sync(b);
  await edit(b, async (api) => {
    const [original] = await api.listAnnotations(s1);
    const copies = await api.listAnnotations(s0);
    assert.equal(copies.length, 1);
    assert.equal(copies[0]!.carriedFrom, original!.id);
    const again = await api.carryAnnotations(s1, s0);
    assert.deepEqual([again.carried.length, again.skipped.length], [0, 1], 'the copy that came by sync counts as carried');
  });
});
