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
import { KEPT_MERGES } from '../../db/tag-merge-undo.ts';
import { runCli } from '../../electron/cli.ts';

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
  assert.deepEqual(await api.undoMergeTags('economy/growth', 'economy'), { tags: 1, annotations: 9, name: 'economy/growth', notRestored: [] });
  assert.deepEqual(state(store), before);
  await api.mergeTags('economy/growth', 'economy');
  await api.describeTag('economy/growth', 'a new code of that name');
  const taken = state(store);
  await assert.rejects(api.undoMergeTags('economy/growth', 'economy'), (e: unknown) => e instanceof ApiError && e.code === 'conflict' && /there is a tag “economy\/growth” again/.test(e.message));
  assert.deepEqual(state(store), taken, 'nothing changed');
}));

test('the undo is kept in the library: after closing and reopening it (a restart, or the CLI) the merge is undone exactly', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  try {
    let before: ReturnType<typeof state>;
    {
      const store = openStore(file);
      const api = validated(createApi({ store }));
      const { imported } = await api.importFiles([{ name: 'one.txt', bytes: new TextEncoder().encode(`one\n\n${'word '.repeat(100)}\n`) }]);
      for (const [i, tags] of [['economy'], ['economy/growth', 'finance'], ['finance']].entries()) {
        await api.createAnnotation({ sourceId: imported[0]!.id, start: i * 10, end: i * 10 + 4, tags });
      }
      await api.describeTag('economy', 'money matters');
      before = state(store);
      await api.mergeTags('economy', 'finance');
      store.close();
    }
    const store = openStore(file);
    try {
      assert.ok(!store.tags.list().some((t) => t.name.startsWith('economy')), 'still merged after reopening');
      const undone = store.tags.undoMerge('economy', 'finance');
      // economy folded into finance (its use tagged again), economy/growth renamed back
      assert.deepEqual(undone, { tags: 2, annotations: 1, name: 'economy', notRestored: [] });
      assert.deepEqual(state(store), before, 'every tag row and every use as before the merge');
      assert.deepEqual(store.tags.list().map(({ name, count, total }) => ({ name, count, total })), recountTags(store.db));
      assert.equal(store.db.prepare('SELECT count(*) FROM tag_merges').pluck().get(), 0, 'taken once: the record is gone');
      assert.equal(store.db.prepare('SELECT count(*) FROM tag_merge_uses').pluck().get(), 0);
    } finally { store.close(); }
  } finally { cleanup(); }
});

test('changed since the merge: what was changed stays as it is and the undo says what it did not put back; nothing else is lost', () => withLibrary(async (store, api) => {
  // economy folds into finance (it exists); economy/prices is renamed finance/prices; economy/growth folds into finance/growth
  await api.mergeTags('economy', 'finance');
  await api.renameTag('finance/prices', 'finance/costs'); // the renamed child renamed again
  const given = store.db.prepare(`SELECT at.annotation_id FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
    WHERE t.name = 'finance/growth' AND at.annotation_id IN (SELECT annotation_id FROM tag_merge_uses WHERE added = 1)`).pluck().all() as string[];
  assert.ok(given.length > 0, 'the merge gave finance/growth passages');
  await api.mergeTags('finance/growth', 'place'); // the target of a fold merged away
  // a passage tagged economy purged from the trash (it was deleted before the merge)
  const trashed = store.db.prepare("SELECT id FROM annotations WHERE deleted_at IS NOT NULL").pluck().get() as string;
  store.db.prepare('DELETE FROM annotations WHERE id = ?').run(trashed);
  const afterChanges = state(store);

  const undone = await api.undoMergeTags('economy', 'finance');
  assert.equal(undone.name, 'economy');
  assert.equal(undone.notRestored.length, 3, undone.notRestored.join('\n'));
  assert.match(undone.notRestored.join('\n'), /“finance\/prices” was renamed “finance\/costs” after the merge: it keeps that name \(it was “economy\/prices”\)/);
  assert.match(undone.notRestored.join('\n'), /“finance\/growth” was merged into another tag or purged after the merge: the \d+ passages? the merge gave it from “economy\/growth” keep the tag they have now/);
  assert.match(undone.notRestored.join('\n'), /1 passage tagged “economy” was purged after the merge/);
  const names = store.tags.list().map((t) => t.name);
  for (const n of ['economy', 'economy/growth', 'finance', 'finance/costs', 'place']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  assert.ok(!names.includes('economy/prices'), 'the renamed child kept its new name');
  // nothing lost: every use there was after the changes is still there (the undo only adds back, but for what the merge gave finance)
  const tagsOf = (s: ReturnType<typeof state>) => new Map((s.uses as Array<{ id: string; tags: string | null }>).map((u) => [u.id, new Set(u.tags?.split('|') ?? [])]));
  const now = tagsOf(state(store));
  for (const [id, tags] of tagsOf(afterChanges)) {
    for (const t of tags) if (t !== 'finance') assert.ok(now.get(id)?.has(t), `${id} keeps ${t}`);
  }
  assert.deepEqual(store.tags.list().map(({ name, count, total }) => ({ name, count, total })), recountTags(store.db), 'the stored counts too');
}));

test(`only the latest ${KEPT_MERGES} merges are kept to undo`, () => withLibrary(async (store, api) => {
  for (let i = 0; i <= KEPT_MERGES; i++) {
    await api.describeTag(`draft${i}`, 'a code with no passage yet');
    await api.mergeTags(`draft${i}`, 'place');
  }
  assert.equal(store.db.prepare('SELECT count(*) FROM tag_merges').pluck().get(), KEPT_MERGES);
  await assert.rejects(api.undoMergeTags('draft0', 'place'), (e: unknown) => e instanceof ApiError && e.code === 'not-found' && /older than the last 100 merges/.test(e.message));
  assert.equal((await api.undoMergeTags('draft1', 'place')).name, 'draft1');
}));

test('lectern tag merge says how to undo it; lectern tag unmerge (another process than the merge) undoes it, --json, and says what it cannot', () => withLibrary(async (store) => {
  const db = store.db.name;
  const cli = async (...args: string[]) => {
    const o = { out: '', err: '', env: {}, isTTY: false, stdout(t: string) { o.out += t; }, stderr(t: string) { o.err += t; } };
    const code = await runCli(['--db', db, ...args], o);
    return { code, ...o };
  };
  const before = state(store);
  const merged = await cli('tag', 'merge', 'economy', 'finance');
  assert.equal(merged.code, 0, merged.err);
  assert.match(merged.out, /merged 3 tag\(s\), on \d+ annotation\(s\) \(lectern tag unmerge economy finance undoes it\)/);
  const undone = await cli('tag', 'unmerge', 'economy', 'finance', '--json');
  assert.equal(undone.code, 0, undone.err);
  assert.deepEqual(JSON.parse(undone.out), { tags: 3, annotations: 15, name: 'economy', notRestored: [] });
  assert.deepEqual(state(store), before);
  const again = await cli('tag', 'unmerge', 'economy', 'finance');
  assert.equal(again.code, 1);
  assert.match(again.err, /Nothing to undo: no merge of “economy” into “finance”/);
  // a name with a space is quoted in the hint; what changed since is said in the human output
  await cli('tag', 'rename', 'place', 'the place');
  const spaced = await cli('tag', 'merge', 'the place', 'finance');
  assert.match(spaced.out, /lectern tag unmerge 'the place' finance undoes it/);
  assert.match((await cli('tag', 'unmerge', 'the place', 'finance')).out, /^unmerged “the place”: 1 tag\(s\) back, on \d+ annotation\(s\)\n$/);
  await cli('tag', 'merge', 'economy', 'finance');
  await cli('tag', 'rename', 'finance/prices', 'finance/costs');
  const partial = await cli('tag', 'unmerge', 'economy', 'finance');
  assert.equal(partial.code, 0, partial.err);
  assert.match(partial.out, /^unmerged “economy”: 2 tag\(s\) back, on \d+ annotation\(s\)\nNot restored:\n {2}“finance\/prices” was renamed “finance\/costs” after the merge: it keeps that name \(it was “economy\/prices”\)\.\n$/);
  // a name taken again: refused, nothing changed
  await cli('tag', 'merge', 'economy/growth', 'economy');
  await cli('tag', 'describe', 'economy/growth', 'made again');
  const kept = state(store);
  const refused = await cli('tag', 'unmerge', 'economy/growth', 'economy', '--json');
  assert.equal(refused.code, 1);
  assert.match(refused.out, /there is a tag “economy\/growth” again \(made after the merge\)\. Nothing was changed/);
  assert.deepEqual(state(store), kept);
}));
