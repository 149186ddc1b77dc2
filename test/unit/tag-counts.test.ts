// The codebook's stored counts (tag_counts, migration 0021): after every kind
// of write that changes what a tag counts — a tag put on or taken off, an
// annotation trashed, restored or purged, a tag renamed (case too), moved,
// merged, trashed, restored or purged, a source trashed, restored or purged,
// each kind of sync pull write — the codebook's counts equal a recount from
// the rows (test/helpers/tag-recount.ts). A library made before 0021 gets them
// from the migration itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { recountTags } from '../helpers/tag-recount.ts';
import { tempDir } from '../helpers/tmp.ts';
import { makeLibrary, takeBackBefore } from '../helpers/older-library.ts';

type Api = ReturnType<typeof createApi>;
type Store = ReturnType<typeof openStore>;

const TITLES = ['report 10', 'Report 9', 'alpha notes', 'zulu'];
// nested tags, a parent only through its children (place), a parent and its child on one passage, mixed case
const TAG_SETS = [[], ['Economy'], ['economy/growth', 'place/UK'], ['place/uk/london'], ['zeta'], ['tone', 'Economy'],
  ['economy', 'Economy/growth/fast'], ['place/UK', 'place/France'], ['b-side']];

const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

async function assertCounts(api: Api, store: Store, after: string) {
  const codebook = (await api.listCodebook()).map(({ name, count, total }) => ({ name, count, total }))
    .sort((a, b) => (nocase(a.name) < nocase(b.name) ? -1 : 1));
  const expected = recountTags(store.db);
  assert.deepEqual(codebook, expected, `the codebook's counts after ${after}`);
  // a listing filtered by a tag alone takes its total from the stored counts: it is the number of rows it lists
  for (const t of expected) {
    const page = await api.queryAnnotations({ tag: t.name, limit: 500 });
    assert.equal(page.total, page.items.length, `${after}: the listing's total for “${t.name}”`);
  }
}

async function withLibrary(fn: (api: Api, store: Store, sources: string[]) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  const api = validated(createApi({ store }));
  try {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const { imported } = await api.importFiles(TITLES.map((t) => ({ name: `${t}.txt`, bytes: new TextEncoder().encode(`${t}\n\n${words}\n`) })));
    for (let i = 0; i < 60; i++) {
      const start = 20 + ((i * 37) % 800);
      await api.createAnnotation({ sourceId: imported[i % imported.length]!.id, start, end: start + 5, tags: TAG_SETS[i % TAG_SETS.length]! });
    }
    await fn(api, store, imported.map((s) => s.id));
  } finally { store.close(); cleanup(); }
}

test('the stored tag counts stay true through every tag, annotation and source write', () => withLibrary(async (api, store, sources) => {
  await assertCounts(api, store, 'creating');
  const economy = (await api.listCodebook()).find((t) => t.name === 'Economy')!;
  assert.ok(economy.total > economy.count && economy.count > 0, 'a parent counts its children\'s passages, each once');
  const some = (await api.queryAnnotations({ sort: 'source', limit: 40 })).items;
  await api.updateAnnotation(some[0]!.id, { tags: ['place/uk', 'economy/prices', 'new one'] });
  await api.updateAnnotation(some[1]!.id, { tags: [] });
  await api.updateAnnotation(some[2]!.id, { tags: [...some[2]!.tags, 'economy/growth/slow'] });
  await assertCounts(api, store, 'tags put on and taken off annotations');
  const gone = await Promise.all(some.slice(3, 9).map((a) => api.deleteAnnotation(a.id)));
  await assertCounts(api, store, 'annotations to the trash');
  await api.restore(gone.slice(0, 3).map((t) => t.id));
  await assertCounts(api, store, 'annotations restored');
  await api.purgeDeleted([gone[3]!.id]);
  await assertCounts(api, store, 'a trashed annotation purged');
  await api.renameTag('zeta', 'place/zeta');
  await assertCounts(api, store, 'a rename under an existing parent');
  await api.renameTag('place', 'Places');
  await assertCounts(api, store, 'a parent renamed (its children follow)');
  await api.renameTag('Places', 'places');
  await assertCounts(api, store, 'a rename of case only');
  await api.moveTag('places/uk', 'economy');
  await assertCounts(api, store, 'a move under another parent');
  await api.moveTag('economy/uk', null);
  await assertCounts(api, store, 'a move to the top');
  await api.mergeTags('tone', 'b-side');
  await assertCounts(api, store, 'a merge');
  await api.mergeTags('economy/growth', 'economy');
  await assertCounts(api, store, 'a child merged into its parent (its own child follows)');
  const trashed = await api.deleteTag('economy');
  await assertCounts(api, store, 'a parent tag to the trash');
  await api.restore(trashed.map((t) => t.id));
  await assertCounts(api, store, 'the tag restored');
  const uk = await api.deleteTag('uk');
  await api.purgeDeleted(uk.map((t) => t.id));
  await assertCounts(api, store, 'a trashed tag purged');
  const sourceGone = await api.deleteSource(sources[1]!);
  await assertCounts(api, store, 'a source to the trash');
  await api.restore([sourceGone.id]);
  await assertCounts(api, store, 'the source restored');
  const again = await api.deleteSource(sources[2]!);
  await api.purgeDeleted([again.id]);
  await assertCounts(api, store, 'a trashed source purged');
}));

test('a sync pull keeps the counts: annotations rewritten, moved, trashed and purged, tag records renamed, trashed and made one, a live source purged', () => withLibrary(async (api, store, sources) => {
  const rows = store.syncRows;
  const tagIds = new Map((store.db.prepare('SELECT name, id FROM tags').all() as Array<{ name: string; id: string }>).map((r) => [r.name, r.id]));
  const [a, b, c, d] = (await api.queryAnnotations({ sort: 'tag', limit: 4 })).items;
  store.write(() => {
    const recA = rows.read('annotation', a!.id)!;
    rows.writeAnnotation({ ...recA, tags: [tagIds.get('zeta')!, tagIds.get('place/UK')!] });
    const recB = rows.read('annotation', b!.id)!;
    rows.writeAnnotation({ ...recB, deletedAt: '2020-01-01T00:00:00.000Z' });
    const recC = rows.read('annotation', c!.id)!;
    rows.writeAnnotation({ ...recC, sourceId: sources.find((s) => s !== recC.sourceId)! });
  });
  await assertCounts(api, store, 'annotations rewritten, trashed and moved by a pull');
  store.write(() => {
    const tone = rows.read('tag', tagIds.get('tone')!)!;
    rows.writeTag({ ...tone, name: 'economy/tone' });
    const econ = rows.read('tag', tagIds.get('economy/growth')!)!;
    rows.writeTag({ ...econ, deletedAt: '2020-01-01T00:00:00.000Z' });
  });
  await assertCounts(api, store, 'tag records renamed and trashed by a pull');
  store.write(() => {
    rows.retag(tagIds.get('b-side')!, tagIds.get('zeta')!);
    rows.retag(tagIds.get('place/France')!, tagIds.get('place/UK')!);
  });
  await assertCounts(api, store, 'two pairs of tags made one by a pull');
  store.write(() => { rows.purge('annotation', d!.id); });
  await assertCounts(api, store, 'a live annotation purged by a pull');
  store.write(() => { rows.purge('tag', tagIds.get('Economy')!); });
  await assertCounts(api, store, 'a live tag purged by a pull');
  store.write(() => { rows.purge('source', sources[0]!); });
  await assertCounts(api, store, 'a live source purged by a pull');
}));

test('an existing library gets the counts from migration 0021 (a renamed and a trashed tag, trashed annotations and a trashed source)', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  try {
    const expected = await makeLibrary(file, { titles: TITLES, tagSets: TAG_SETS }, async (api, made) => {
      await api.renameTag('zeta', 'alpha/zeta');
      await api.deleteTag('tone');
      await api.deleteAnnotation(made.annotations[2]!.id);
      await api.deleteSource(made.sources[1]!);
    }, (store) => recountTags(store.db));
    // back to schema 20: the table, its views and triggers dropped
    const db = takeBackBefore(file, 21, {
      tables: ['tag_counts'], objects: "name LIKE 'tag_counts%' OR name IN ('live_tag_paths', 'annotation_tag_paths', 'live_annotation_ids', 'live_tag_uses')",
    });
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%tag_counts%' OR name LIKE '%tag_paths'").pluck().get(), 0, 'back at schema 20');
    assert.deepEqual(migrate(db, loadMigrations()), [21]);
    db.close();
    const reopened = openStore(file);
    try {
      assert.ok(expected.filter((t) => t.total > 0).length > 5);
      await assertCounts(validated(createApi({ store: reopened })), reopened, 'migrating');
    } finally { reopened.close(); }
  } finally { cleanup(); }
});
