import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('deleting a source takes its annotations; undo restores both as they were, still searchable', () => withApi(async ({ api, store }) => {
  const { imported } = await api.importPaths([SEED_000, SEED_001]);
  const seed1 = imported.find((i) => i.path === SEED_001)!;
  const a = await api.createAnnotation({ sourceId: seed1.id, start: 0, end: 6, comment: 'lede', tags: ['framing/headline'] });
  const before = { source: await api.getSource(seed1.id), annotations: await api.listAnnotations(seed1.id) };
  const deleted = await api.deleteSource(seed1.id);
  assert.equal(deleted.id, seed1.id);
  assert.equal(deleted.kind, 'source');
  assert.equal(deleted.annotations, 1);
  assert.deepEqual(before.annotations.map((x) => x.id), [a.id]);
  assert.equal((await api.listSources()).length, 1);
  assert.deepEqual(await api.search('lede'), []);
  assert.deepEqual(await api.listTags(), [], 'unused tags go with it');
  await assert.rejects(api.getSource(seed1.id), /No source/);

  await assert.rejects(api.restore(['11111111-1111-4111-8111-111111111111']), /Nothing to undo/, 'only what was deleted can be restored');
  await api.restore([seed1.id]);
  const restored = await api.getSource(seed1.id);
  assert.equal(restored.originalPath, SEED_001, 'the server restores its own copy: the caller sends only the id');
  assert.deepEqual(restored, before.source);
  await assert.rejects(api.restore([seed1.id]), /Nothing to undo/, 'undo happens once');
  assert.deepEqual(await api.listAnnotations(seed1.id), before.annotations);
  assert.deepEqual(await api.listTags(), ['framing/headline']);
  assert.deepEqual((await api.search('lede')).map((h) => h.id), [a.id]);
  assert.ok((await api.search('"Dossier Center"')).some((h) => h.id === seed1.id), 'the restored text is indexed again');
  assert.deepEqual(store.db.pragma('foreign_key_check'), []);
}));

test('undoing an annotation delete restores it as it was, orphans included; an id not in the trash is refused', () => withApi(async ({ api, store }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const id = imported[0]!.id;
  const a = await api.createAnnotation({ sourceId: id, start: 10, end: 30, comment: 'c', tags: ['t'] });
  const deleted = await api.deleteAnnotation(a.id);
  assert.deepEqual([deleted.kind, deleted.id, deleted.sourceId], ['annotation', a.id, id]);
  assert.deepEqual(await api.listAnnotations(id), []);
  assert.deepEqual((await api.restore([a.id])).map((i) => i.id), [a.id]);
  assert.deepEqual(await api.listAnnotations(id), [a]);
  await assert.rejects(api.restore([a.id]), /Nothing to undo/, 'a live annotation is not in the trash');
  const orphan = store.annotations.insert({ sourceId: id, start: 5, end: 5, exact: 'a passage that is gone', prefix: '', suffix: '',
    color: 'pink', comment: 'lost', tags: [], status: 'orphaned' });
  await api.deleteAnnotation(orphan.id);
  await api.restore([orphan.id]);
  assert.deepEqual((await api.listAnnotations(id)).find((x) => x.id === orphan.id), orphan, 'an orphan keeps its quote through undo');
}));
