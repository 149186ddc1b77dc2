// Undoing a tag merge (db/tag-merge-undo.ts through store.tags and the API):
// the merged tag and its children come back with exactly their uses (live and
// trashed passages), descriptions, parent and ids; the target loses only what
// the merge gave it; a child renamed onto a free name gets its name back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { ApiError } from '../../common/types.ts';
import { recountTags } from '../helpers/tag-recount.ts';
import { tempDir } from '../helpers/tmp.ts';

type Store = ReturnType<typeof openStore>;

/** Every tag row and every annotation's tag names: what an undone merge must give back exactly. */
const state = (store: Store) => ({
  tags: store.db.prepare('SELECT id, name, created, description, deleted_at FROM tags ORDER BY id').all(),
  uses: store.db.prepare(`SELECT a.id, a.deleted_at, (SELECT group_concat(name, '|') FROM (SELECT t.name FROM annotation_tags at
    JOIN tags t ON t.id = at.tag_id WHERE at.annotation_id = a.id ORDER BY t.name)) AS tags FROM annotations a ORDER BY a.id`).all(),
});

async function withLibrary(fn: (store: Store, api: ReturnType<typeof createApi>) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  const api = validated(createApi({ store }));
  try {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const { imported } = await api.importFiles([{ name: 'one.txt', bytes: new TextEncoder().encode(`one\n\n${words}\n`) }]);
    const sets = [['economy'], ['economy/growth'], ['economy', 'finance'], ['finance/growth', 'economy/growth'], ['economy/prices'],
      ['finance'], ['economy/growth', 'place'], []];
    const made = [];
    for (let i = 0; i < 24; i++) {
      made.push(await api.createAnnotation({ sourceId: imported[0]!.id, start: 10 + i * 20, end: 15 + i * 20, tags: sets[i % sets.length]! }));
    }
    await api.describeTag('economy', 'money matters');
    await api.describeTag('economy/growth', 'getting bigger');
    await api.describeTag('finance/growth', 'already described');
    await api.deleteAnnotation(made[0]!.id); // a trashed passage's use comes back too
    await fn(store, api);
  } finally { store.close(); cleanup(); }
}

test('undoMerge puts a merged tag and its children back with exactly their uses, descriptions, parent and ids', () => withLibrary(async (store) => {
  const before = state(store);
  const change = store.tags.merge('economy', 'finance');
  assert.equal(change.tags, 3);
  const merged = state(store);
  assert.notDeepEqual(merged, before, 'the merge changed something');
  assert.ok(!store.tags.list().some((t) => t.name.startsWith('economy')), 'economy is gone');
  assert.equal(store.tags.list().find((t) => t.name === 'finance')!.description, 'money matters', 'finance took the description it lacked');
  assert.ok(store.tags.list().some((t) => t.name === 'finance/prices'), 'a child with no namesake was renamed');
  const undone = store.tags.undoMerge('Economy', 'finance');
  assert.equal(undone.name, 'economy');
  assert.deepEqual(state(store), before, 'every tag row and every use as before the merge');
  assert.deepEqual(store.tags.list().map(({ name, count, total }) => ({ name, count, total })), recountTags(store.db), 'the stored counts too');
  assert.throws(() => store.tags.undoMerge('economy', 'finance'), (e: unknown) => e instanceof ApiError && e.code === 'not-found', 'an undo is taken once');
}));

test('a merge into a parent, undone through the API; refused with a clear message when the name is taken again, changing nothing', () => withLibrary(async (store, api) => {
  const before = state(store);
  await api.mergeTags('economy/growth', 'economy');
  assert.deepEqual(await api.undoMergeTags('economy/growth', 'economy'), { tags: 1, annotations: 9, name: 'economy/growth' });
  assert.deepEqual(state(store), before);
  await api.mergeTags('economy/growth', 'economy');
  await api.describeTag('economy/growth', 'a new code of that name');
  const taken = state(store);
  await assert.rejects(api.undoMergeTags('economy/growth', 'economy'), (e: unknown) => e instanceof ApiError && e.code === 'conflict' && /there is a tag “economy\/growth” again/.test(e.message));
  assert.deepEqual(state(store), taken, 'nothing changed');
}));
