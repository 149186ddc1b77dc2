import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('deleting a source takes its annotations; undo restores both as they were, still searchable', () => withApi(async ({ api, store }) => {
  const { imported } = await api.importPaths([SEED_000, SEED_001]);
  const seed1 = imported.find((i) => i.path === SEED_001)!;
  const a = await api.createAnnotation({ sourceId: seed1.id, start: 0, end: 6, comment: 'lede', tags: ['framing/headline'] });
  const deleted = await api.deleteSource(seed1.id);
  assert.equal(deleted.source.id, seed1.id);
  assert.deepEqual(deleted.annotations.map((x) => x.id), [a.id]);
  assert.equal((await api.listSources()).length, 1);
  assert.deepEqual(await api.search('lede'), []);
  assert.deepEqual(await api.listTags(), [], 'unused tags go with it');
  await assert.rejects(api.getSource(seed1.id), /No source/);

  const forged = { ...deleted, source: { ...deleted.source, id: '11111111-1111-4111-8111-111111111111' } };
  await assert.rejects(api.restoreSource(forged), /Nothing to undo/, 'only what was deleted here can be restored');
  const restored = await api.restoreSource({ ...deleted, source: { ...deleted.source, originalPath: '/etc/shadow' } });
  assert.equal(restored.originalPath, SEED_001, 'the server restores its own copy, not what the caller sends');
  assert.deepEqual(restored, deleted.source);
  await assert.rejects(api.restoreSource(deleted), /Nothing to undo/, 'undo happens once');
  assert.deepEqual(await api.listAnnotations(seed1.id), deleted.annotations);
  assert.deepEqual((await api.search('lede')).map((h) => h.id), [a.id]);
  assert.ok((await api.search('"Dossier Center"')).some((h) => h.id === seed1.id), 'the restored text is indexed again');
  assert.deepEqual(store.db.pragma('foreign_key_check'), []);
}));

test('undoing an annotation delete restores it as it was, orphans included; a forged one is refused', () => withApi(async ({ api, store }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const id = imported[0]!.id;
  const a = await api.createAnnotation({ sourceId: id, start: 10, end: 30, comment: 'c', tags: ['t'] });
  const deleted = await api.deleteAnnotation(a.id);
  assert.deepEqual(await api.restoreAnnotation(deleted), a);
  await api.deleteAnnotation(a.id);
  await assert.rejects(api.restoreAnnotation({ ...deleted, exact: 'not what the text says' }), /does not match/);
  const orphan = store.annotations.insert({ sourceId: id, start: 5, end: 5, exact: 'a passage that is gone', prefix: '', suffix: '',
    color: 'pink', comment: 'lost', tags: [], status: 'orphaned' });
  const gone = await api.deleteAnnotation(orphan.id);
  assert.deepEqual(await api.restoreAnnotation(gone), orphan, 'an orphan keeps its quote through undo');
}));
