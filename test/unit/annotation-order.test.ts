// The listing's stored sort keys (annotation_order, migration 0019): after every
// kind of write that moves a passage in an order — tag added, removed, renamed
// (case too), moved, merged, trashed, restored; annotation trashed, restored,
// retagged by a sync pull; source retitled, trashed, restored — the table
// equals its keys computed afresh, and pages at the start, middle and end of
// every order, by offset and by cursor (`after`), equal a full sort in JS. An
// existing library gets the keys from the migration itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { ANNOTATION_SORTS, type AnnotationCursor, type AnnotationListItem, type AnnotationSort } from '../../common/types.ts';
import { tempDir } from '../helpers/tmp.ts';
import { makeLibrary, takeBackBefore } from '../helpers/older-library.ts';

type Api = ReturnType<typeof createApi>;
type Store = ReturnType<typeof openStore>;

const TITLES = ['report 10', 'Report 9', 'alpha notes', 'Éclair study', 'zulu'];
const TAG_SETS = [[], ['Economy'], ['economy/growth', 'place/UK'], ['place/uk/london'], ['zeta'], ['tone', 'Economy'], ['zeta', 'Tone'], ['b-side']];

/** The keys as the migration computes them, from the rows themselves. */
const FRESH_KEYS = `SELECT a.seq,
    (SELECT t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.annotation_id = a.id AND t.deleted_at IS NULL ORDER BY t.name LIMIT 1) AS tag,
    coalesce(s.sort_title, '') AS title, s.seq AS source_seq, a.start_cp, a.created
  FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY a.seq`;
const STORED_KEYS = 'SELECT seq, tag, title, source_seq, start_cp, created FROM annotation_order ORDER BY seq';

function assertKeysTrue(db: Database.Database, after: string) {
  assert.deepEqual(db.prepare(STORED_KEYS).all(), db.prepare(FRESH_KEYS).all(), `the stored keys after ${after}`);
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** SQLite's NOCASE: ASCII letters only. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The full sort of every live annotation, done here from the rows the listing shows plus each source's sort key. */
function fullSort(store: Store, items: AnnotationListItem[], sort: AnnotationSort): string[] {
  const src = new Map((store.db.prepare('SELECT id, sort_title, seq FROM sources').all() as Array<{ id: string; sort_title: string; seq: number }>)
    .map((r) => [r.id, r]));
  const seq = new Map((store.db.prepare('SELECT id, seq FROM annotations').all() as Array<{ id: string; seq: number }>).map((r) => [r.id, r.seq]));
  const first = (a: AnnotationListItem) => a.tags.map(nocase).sort()[0] ?? null;
  const bySource = (a: AnnotationListItem, b: AnnotationListItem) => {
    const [x, y] = [src.get(a.sourceId)!, src.get(b.sourceId)!];
    return cmp(x.sort_title, y.sort_title) || cmp(x.seq, y.seq) || cmp(a.start, b.start) || cmp(seq.get(a.id)!, seq.get(b.id)!);
  };
  const order: Record<AnnotationSort, (a: AnnotationListItem, b: AnnotationListItem) => number> = {
    source: bySource,
    newest: (a, b) => cmp(b.created, a.created) || cmp(seq.get(b.id)!, seq.get(a.id)!),
    oldest: (a, b) => cmp(a.created, b.created) || cmp(seq.get(a.id)!, seq.get(b.id)!),
    tag: (a, b) => {
      const [x, y] = [first(a), first(b)];
      if (x !== y) return x === null ? 1 : y === null ? -1 : cmp(x, y);
      return bySource(a, b);
    },
  };
  return [...items].sort(order[sort]).map((a) => a.id);
}

/** Every order, read by cursor 7 rows at a time and by offset at its start, middle and end, against the full sort. */
async function assertOrders(api: Api, store: Store, after: string) {
  assertKeysTrue(store.db, after);
  const all = [...store.annotationList.all({ sort: 'source' })];
  const total = (await api.queryAnnotations({ limit: 1 })).total;
  assert.equal(all.length, total, `${after}: all() reads every row`);
  for (const sort of ANNOTATION_SORTS) {
    const expected = fullSort(store, all, sort);
    const byCursor: string[] = [];
    let cursor: AnnotationCursor | undefined;
    for (;;) {
      const p = await api.queryAnnotations({ sort, limit: 7, offset: byCursor.length, ...(cursor ? { after: cursor } : {}) });
      byCursor.push(...p.items.map((i) => i.id));
      if (p.items.length < 7) break;
      cursor = p.next!;
    }
    assert.deepEqual(byCursor, expected, `${after}: ${sort} read by cursor`);
    for (const offset of [0, Math.floor(total / 2) - 3, total - 4]) {
      const p = await api.queryAnnotations({ sort, offset, limit: 6 });
      assert.deepEqual(p.items.map((i) => i.id), expected.slice(offset, offset + 6), `${after}: ${sort} at offset ${offset}`);
    }
    assert.deepEqual([...store.annotationList.all({ sort })].map((a) => a.id), expected, `${after}: ${sort} all()`);
  }
  // the tag order's untagged part starts where the tagged end, by offset and by cursor
  const tagOrder = fullSort(store, all, 'tag');
  const tagged = all.filter((a) => a.tags.length > 0).length;
  assert.ok(tagged > 3 && tagged < total - 3, `${after}: tagged and untagged rows`);
  const straddle = await api.queryAnnotations({ sort: 'tag', offset: tagged - 2, limit: 2 });
  assert.deepEqual((await api.queryAnnotations({ sort: 'tag', offset: tagged, limit: 3, after: straddle.next! })).items.map((i) => i.id),
    tagOrder.slice(tagged, tagged + 3), `${after}: the cursor of the last tagged row leads to the first untagged`);
}

async function withLibrary(fn: (api: Api, store: Store) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  const api = validated(createApi({ store }));
  try {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const { imported } = await api.importFiles(TITLES.map((t) => ({ name: `${t}.txt`, bytes: new TextEncoder().encode(`${t}\n\n${words}\n`) })));
    for (let i = 0; i < 90; i++) {
      const start = 20 + ((i * 37) % 1000);
      await api.createAnnotation({ sourceId: imported[(i * 3) % imported.length]!.id, start, end: start + 5, tags: TAG_SETS[i % TAG_SETS.length]! });
    }
    await fn(api, store);
  } finally { store.close(); cleanup(); }
}

test('the stored keys stay true through every tag, annotation and source write, and every order pages like a full sort', () => withLibrary(async (api, store) => {
  await assertOrders(api, store, 'creating');
  await api.renameTag('zeta', 'aardvark');
  await assertOrders(api, store, 'a rename that moves the tag first');
  await api.renameTag('aardvark', 'Aardvark');
  await assertOrders(api, store, 'a rename of case only');
  await api.moveTag('place', 'economy');
  await assertOrders(api, store, 'a move under another parent (children follow)');
  await api.mergeTags('tone', 'b-side');
  await assertOrders(api, store, 'a merge');
  const trashed = await api.deleteTag('Aardvark');
  await assertOrders(api, store, 'a tag to the trash (its only-tagged passages are untagged)');
  await api.restore(trashed.map((t) => t.id));
  await assertOrders(api, store, 'the tag restored');
  const some = (await api.queryAnnotations({ sort: 'source', limit: 30 })).items;
  await api.updateAnnotation(some[0]!.id, { tags: ['Zz-last', 'aaa-first'] });
  await api.updateAnnotation(some[1]!.id, { tags: [] });
  await assertOrders(api, store, 'tags added and removed on an annotation');
  const gone = await Promise.all(some.slice(2, 6).map((a) => api.deleteAnnotation(a.id)));
  await assertOrders(api, store, 'annotations to the trash');
  await api.restore(gone.slice(0, 2).map((t) => t.id));
  await assertOrders(api, store, 'annotations restored');
  const source = some[10]!.sourceId;
  await api.updateSource(source, { title: '000 first now' });
  await assertOrders(api, store, 'a source retitled');
  const sourceGone = await api.deleteSource(source);
  await assertOrders(api, store, 'a source to the trash');
  await api.restore([sourceGone.id]);
  await assertOrders(api, store, 'the source restored');
}));

test('a sync pull keeps the keys: an annotation written with other tags, a tag record renamed and trashed, two tags made one', () => withLibrary(async (api, store) => {
  const rows = store.syncRows;
  const [a, b] = (await api.queryAnnotations({ sort: 'tag', limit: 2 })).items;
  const tagIds = new Map((store.db.prepare('SELECT name, id FROM tags').all() as Array<{ name: string; id: string }>).map((r) => [r.name, r.id]));
  store.write(() => {
    const rec = rows.read('annotation', a!.id)!;
    rows.writeAnnotation({ ...rec, tags: [tagIds.get('zeta')!], created: '2001-01-01T00:00:00.000Z' });
    const tone = rows.read('tag', tagIds.get('tone')!)!;
    rows.writeTag({ ...tone, name: '0-tone' });
    const econ = rows.read('tag', tagIds.get('Economy')!)!;
    rows.writeTag({ ...econ, deletedAt: '2020-01-01T00:00:00.000Z' });
    rows.retag(tagIds.get('b-side')!, tagIds.get('zeta')!);
    const recB = rows.read('annotation', b!.id)!;
    rows.writeAnnotation({ ...recB, deletedAt: '2020-01-01T00:00:00.000Z' });
  });
  await assertOrders(api, store, 'a sync pull');
}));

test('an existing library gets the keys from migration 0019 (a renamed and a trashed tag, a trashed source)', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  try {
    // a library as Lectern left it at schema 18: made through the store, then taken back to before 0019
    const expected = await makeLibrary(file, { titles: TITLES, tagSets: TAG_SETS }, async (api, made) => {
      await api.renameTag('zeta', 'alpha');
      await api.deleteTag('tone');
      await api.deleteSource(made.sources[1]!);
    }, (store) => store.db.prepare(FRESH_KEYS).all());
    const db = takeBackBefore(file, 19, { tables: ['annotation_order'], objects: "name LIKE 'annotation_order%'" });
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'annotation_order%'").pluck().get(), 0, 'back at schema 18');
    assert.deepEqual(migrate(db, loadMigrations()), [19]);
    assert.ok(expected.length > 20);
    assert.deepEqual(db.prepare(STORED_KEYS).all(), expected, 'the migration computed every live annotation\'s keys');
    db.close();
    const again = openStore(file);
    try { await assertOrders(validated(createApi({ store: again })), again, 'migrating'); } finally { again.close(); }
  } finally { cleanup(); }
});
