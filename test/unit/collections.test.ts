// Collections through the API: named, a source in several, all-or-none
// changes, the trash (undo), tombstones, and sources deleted and restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { ApiError } from '../../common/types.ts';
import { tempDir } from '../helpers/tmp.ts';

async function withApi(fn: (api: ReturnType<typeof createApi>, store: ReturnType<typeof openStore>) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try { await fn(validated(createApi({ store })), store); } finally { store.close(); cleanup(); }
}

const files = (...names: string[]) => names.map((n) => ({ name: `${n}.txt`, bytes: new TextEncoder().encode(`${n}\n\nText of ${n}.\n`) }));

const rejects = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof ApiError && e.code === code && (!message || message.test(e.message)));

test('collections: create, rename, add and remove (a source in several), list with counts; names are unique without case', () => withApi(async (api) => {
  const [a, b, c] = (await api.importFiles(files('Alpha', 'Bravo', 'Charlie'))).imported;
  const war = await api.createCollection('  War   reporting ');
  assert.equal(war.name, 'War reporting');
  assert.equal(war.sourceCount, 0);
  await rejects(api.createCollection('war REPORTING'), 'conflict', /already a collection named “War reporting”/);
  await rejects(api.createCollection('   '), 'invalid-arguments');
  const peace = await api.createCollection('Peace');
  assert.deepEqual((await api.addToCollection(war.id, [a!.id, b!.id, a!.id])).changed, 2);
  assert.deepEqual((await api.addToCollection(war.id, [b!.id])).changed, 0, 'already in it');
  await api.addToCollection(peace.id, [b!.id, c!.id]);
  assert.deepEqual((await api.listCollections()).map((x) => [x.name, x.sourceCount]), [['Peace', 2], ['War reporting', 2]]);
  assert.deepEqual((await api.sourceCollections(b!.id)).map((x) => x.name), ['Peace', 'War reporting'], 'a source in several');
  await rejects(api.addToCollection(war.id, [c!.id, 'no-such-source']), 'not-found', /no-such-source: nothing was added/);
  assert.equal((await api.listSources({ collectionId: war.id })).length, 2, 'nothing was added by the failed call');
  assert.equal((await api.removeFromCollection(war.id, [a!.id, c!.id])).changed, 1);
  assert.deepEqual((await api.listSources({ collectionId: war.id })).map((s) => s.id), [b!.id]);
  assert.equal((await api.renameCollection(war.id, 'Conflict')).name, 'Conflict');
  await rejects(api.renameCollection(war.id, 'peace'), 'conflict');
  await rejects(api.addToCollection('nope', [a!.id]), 'not-found');
}));

test('deleting a collection is undone by restore; its members stay; purging leaves a tombstone', () => withApi(async (api, store) => {
  const [a] = (await api.importFiles(files('Alpha'))).imported;
  const col = await api.createCollection('Temp');
  await api.addToCollection(col.id, [a!.id]);
  const gone = await api.deleteCollection(col.id);
  assert.deepEqual([gone.kind, gone.id, gone.title], ['collection', col.id, 'Temp']);
  assert.deepEqual(await api.listCollections(), []);
  assert.equal((await api.listSources()).length, 1, 'its sources stay in the library');
  assert.ok((await api.listDeleted()).some((t) => t.id === col.id && t.kind === 'collection'));
  await api.restore([col.id]);
  assert.deepEqual((await api.listCollections()).map((c) => [c.name, c.sourceCount]), [['Temp', 1]], 'back with its members');
  // a name taken again in the meantime blocks the restore
  await api.deleteCollection(col.id);
  const again = await api.createCollection('temp');
  await rejects(api.restore([col.id]), 'conflict', /rename it/);
  await api.renameCollection(again.id, 'Other');
  await api.restore([col.id]);
  await api.deleteCollection(col.id);
  assert.deepEqual(await api.purgeDeleted([col.id]), { sources: 0, annotations: 0, notes: 0, collections: 1, tags: 0 });
  assert.equal(store.db.prepare("SELECT kind FROM purged WHERE id = ?").pluck().get(col.id), 'collection');
}));

test('a deleted source leaves its collections\' counts and lists, and comes back into them with its restore', () => withApi(async (api) => {
  const [a, b] = (await api.importFiles(files('Alpha', 'Bravo'))).imported;
  const col = await api.createCollection('Both');
  await api.addToCollection(col.id, [a!.id, b!.id]);
  await api.deleteSource(a!.id);
  assert.equal((await api.listCollections())[0]!.sourceCount, 1);
  assert.deepEqual((await api.listSources({ collectionId: col.id })).map((s) => s.id), [b!.id]);
  await rejects(api.addToCollection(col.id, [a!.id]), 'not-found', /nothing was added/);
  await api.restore([a!.id]);
  assert.equal((await api.listCollections())[0]!.sourceCount, 2);
}));
