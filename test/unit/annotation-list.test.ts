// The library's annotation listing (db/annotation-list.ts) against a full sort
// and a full filter done here in JS over every annotation: each order read a
// page at a time gives exactly the full sort (tag order included: first live
// tag without case, untagged and only-trashed-tags last), and every filter
// combines with the others (colours, several sources, collection, tag, words).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { runCli } from '../../electron/cli.ts';
import { ANNOTATION_COLORS, type AnnotationFilter, type AnnotationListItem, type AnnotationSort } from '../../common/types.ts';
import { tempDir } from '../helpers/tmp.ts';

type Api = ReturnType<typeof createApi>;
type Store = ReturnType<typeof openStore>;

const TITLES = ['report 10', 'Report 9', 'alpha notes', 'Éclair study', 'zulu', 'Beta memo'];
const TAG_SETS = [[], ['Economy'], ['economy/growth', 'place/UK'], ['place/uk/london'], ['zeta'], ['tone', 'Economy'], ['zeta', 'Tone'], ['b-side']];

async function withLibrary(fn: (api: Api, store: Store, file: string) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  const store = openStore(file);
  const api = validated(createApi({ store }));
  try {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const { imported } = await api.importFiles(TITLES.map((t) => ({ name: `${t}.txt`, bytes: new TextEncoder().encode(`${t}\n\n${words}\n`) })));
    assert.equal(imported.length, TITLES.length);
    for (let i = 0; i < 240; i++) {
      const start = 20 + ((i * 37) % 1500);
      await api.createAnnotation({
        sourceId: imported[(i * 7) % imported.length]!.id, start, end: start + 5 + (i % 9),
        color: ANNOTATION_COLORS[(i * 5 + (i >> 3)) % ANNOTATION_COLORS.length]!, tags: TAG_SETS[i % TAG_SETS.length]!,
        comment: i % 4 === 0 ? 'beta remark' : '',
      });
    }
    await fn(api, store, file);
  } finally { store.close(); cleanup(); }
}

/** Every live annotation, with what a full sort needs that the listing does not show (each source's sort key and seq, each row's seq). */
function everything(store: Store, api: Api) {
  const keys = new Map((store.db.prepare('SELECT id, sort_title, seq FROM sources').all() as Array<{ id: string; sort_title: string; seq: number }>)
    .map((r) => [r.id, r]));
  const seqOf = new Map((store.db.prepare('SELECT id, seq FROM annotations').all() as Array<{ id: string; seq: number }>).map((r) => [r.id, r.seq]));
  return async () => {
    const all: AnnotationListItem[] = [];
    for (let offset = 0; ; offset += 1000) {
      const p = await api.queryAnnotations({ offset, limit: 1000 });
      all.push(...p.items);
      if (all.length >= p.total) break;
    }
    return { all, keys, seqOf };
  };
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const firstTag = (a: AnnotationListItem) => a.tags.map((t) => t.toLowerCase()).sort()[0] ?? null;

function fullSort(items: AnnotationListItem[], sort: AnnotationSort, keys: Map<string, { sort_title: string; seq: number }>, seqOf: Map<string, number>) {
  const bySource = (a: AnnotationListItem, b: AnnotationListItem) => {
    const [x, y] = [keys.get(a.sourceId)!, keys.get(b.sourceId)!];
    return cmp(x.sort_title, y.sort_title) || cmp(x.seq, y.seq) || cmp(a.start, b.start) || cmp(seqOf.get(a.id)!, seqOf.get(b.id)!);
  };
  const order: Record<AnnotationSort, (a: AnnotationListItem, b: AnnotationListItem) => number> = {
    source: bySource,
    newest: (a, b) => cmp(b.created, a.created) || cmp(seqOf.get(b.id)!, seqOf.get(a.id)!),
    oldest: (a, b) => cmp(a.created, b.created) || cmp(seqOf.get(a.id)!, seqOf.get(b.id)!),
    tag: (a, b) => {
      const [x, y] = [firstTag(a), firstTag(b)];
      if (x !== y) return x === null ? 1 : y === null ? -1 : cmp(x, y);
      return bySource(a, b);
    },
  };
  return [...items].sort(order[sort]).map((a) => a.id);
}

async function paged(api: Api, query: AnnotationFilter & { sort?: AnnotationSort }, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const p = await api.queryAnnotations({ ...query, offset, limit });
    ids.push(...p.items.map((i) => i.id));
    if (p.items.length < limit) { assert.equal(ids.length, p.total, 'the pages add up to the total'); return ids; }
  }
}

test('every order read 7 rows a page at a time is the full sort; tag order: first live tag without case, then source order, untagged last', () => withLibrary(async (api, store) => {
  // trash some rows: a tag (its passages with no other tag count as untagged), annotations, a source
  await api.deleteTag('zeta');
  const { all: before } = await everything(store, api)();
  for (const a of before.filter((_, i) => i % 11 === 0)) await api.deleteAnnotation(a.id);
  const zulu = before.find((a) => a.sourceTitle === 'zulu')!.sourceId;
  await api.deleteSource(zulu);

  const { all, keys, seqOf } = await everything(store, api)();
  assert.ok(all.length > 150 && !all.some((a) => a.sourceId === zulu), 'the trashed source and annotations are gone');
  assert.ok(all.some((a) => a.tags.length === 0) && all.some((a) => a.tags.includes('tone') && a.tags.length === 1), 'untagged and tagged rows');
  for (const sort of ['source', 'newest', 'oldest', 'tag'] as const) {
    const expected = fullSort(all, sort, keys, seqOf);
    assert.deepEqual(await paged(api, { sort }, 7), expected, `${sort}: pages of 7`);
    assert.deepEqual([...store.annotationList.all({ sort })].map((a) => a.id), expected, `${sort}: all()`);
  }
  // the tag order's groups, as a reader sees them
  const groups = fullSort(all, 'tag', keys, seqOf).map((id) => firstTag(all.find((a) => a.id === id)!));
  assert.deepEqual([...new Set(groups)], ['b-side', 'economy', 'economy/growth', 'place/uk/london', 'tone', null],
    'tagged "zeta" and "Tone": under tone (zeta is in the trash); an annotation tagged only "zeta" (in the trash) is untagged');
  // a page that starts inside the untagged part, and one that straddles both parts
  const tagged = groups.filter((g) => g !== null).length;
  const full = fullSort(all, 'tag', keys, seqOf);
  assert.deepEqual((await api.queryAnnotations({ sort: 'tag', offset: tagged + 3, limit: 5 })).items.map((i) => i.id), full.slice(tagged + 3, tagged + 8));
  assert.deepEqual((await api.queryAnnotations({ sort: 'tag', offset: tagged - 2, limit: 5 })).items.map((i) => i.id), full.slice(tagged - 2, tagged + 3));
}));

test('filters combine: several colours, several sources, a collection, a tag with its children, words, in every order', () => withLibrary(async (api, store) => {
  const { all, keys, seqOf } = await everything(store, api)();
  const ids = [...new Set(all.map((a) => a.sourceId))];
  const col = await api.createCollection('Three');
  await api.addToCollection(col.id, ids.slice(1, 4));
  const inCol = new Set(ids.slice(1, 4));
  const underTag = (a: AnnotationListItem, tag: string) => a.tags.some((t) => t.toLowerCase() === tag || t.toLowerCase().startsWith(`${tag}/`));
  const cases: Array<{ filter: AnnotationFilter; keep: (a: AnnotationListItem) => boolean }> = [
    { filter: { colors: ['yellow', 'blue'] }, keep: (a) => a.color === 'yellow' || a.color === 'blue' },
    { filter: { sourceIds: [ids[0]!, ids[2]!] }, keep: (a) => a.sourceId === ids[0] || a.sourceId === ids[2] },
    { filter: { sourceId: ids[0]!, sourceIds: [ids[5]!] }, keep: (a) => a.sourceId === ids[0] || a.sourceId === ids[5] },
    { filter: { colors: ['green', 'pink', 'purple'], sourceIds: [ids[1]!, ids[3]!, ids[4]!] },
      keep: (a) => ['green', 'pink', 'purple'].includes(a.color) && [ids[1], ids[3], ids[4]].includes(a.sourceId) },
    { filter: { collectionId: col.id, colors: ['orange', 'yellow'] }, keep: (a) => inCol.has(a.sourceId) && ['orange', 'yellow'].includes(a.color) },
    { filter: { collectionId: col.id, sourceIds: [ids[0]!, ids[2]!] }, keep: (a) => a.sourceId === ids[2] },
    { filter: { tag: 'place', colors: ['blue', 'green', 'yellow'] }, keep: (a) => underTag(a, 'place') && ['blue', 'green', 'yellow'].includes(a.color) },
    { filter: { tag: 'economy', text: 'beta', sourceIds: ids.slice(0, 3) },
      keep: (a) => underTag(a, 'economy') && a.comment.includes('beta') && ids.slice(0, 3).includes(a.sourceId) },
    { filter: { colors: ['blue'], sourceIds: [ids[0]!], tag: 'nothing-like-this' }, keep: () => false },
  ];
  for (const { filter, keep } of cases) {
    const taken = all.filter(keep);
    for (const sort of ['source', 'tag', 'newest'] as const) {
      const expected = fullSort(taken, sort, keys, seqOf);
      assert.deepEqual(await paged(api, { ...filter, sort }, 9), expected, `${JSON.stringify(filter)} ${sort}`);
    }
    assert.equal(store.annotationList.count(filter), taken.length, `count ${JSON.stringify(filter)}`);
  }
  assert.ok(all.filter(cases[3]!.keep).length > 5, 'the combined filter takes some rows and leaves others');
  await assert.rejects(api.queryAnnotations({ sourceIds: Array.from({ length: 101 }, (_, i) => `s${i}`) }), /<=100/, 'at most 100 sources');
}));

test('lectern annotations --source A --source B --color C --color D: the same filters from the CLI', () => withLibrary(async (api, store, file) => {
  const { all } = await everything(store, api)();
  const [a, b] = [...new Set(all.map((x) => x.sourceId))];
  const run = async (...args: string[]) => {
    const o = { out: '', err: '', env: {}, isTTY: false, stdout(t: string) { o.out += t; }, stderr(t: string) { o.err += t; } };
    const code = await runCli(['--db', file, ...args], o);
    return { code, ...o };
  };
  const r = await run('annotations', '--json', '--source', a!, '--source', b!, '--color', 'yellow', '--color', 'blue', '--sort', 'tag');
  assert.equal(r.code, 0, r.err);
  const expected = await paged(api, { sourceIds: [a!, b!], colors: ['yellow', 'blue'], sort: 'tag' }, 1000);
  assert.ok(expected.length > 0);
  assert.deepEqual((JSON.parse(r.out) as { items: Array<{ id: string }> }).items.map((i) => i.id), expected);
  const tooMany = await run('annotations', ...Array.from({ length: 101 }, (_, i) => ['--source', `s${i}`]).flat());
  assert.equal(tooMany.code, 2);
  assert.match(tooMany.err, /at most 100 sources/);
}));
