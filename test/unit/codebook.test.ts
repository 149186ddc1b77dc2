// The library's annotations in one listing (filters, sorts, pages) and the
// codebook (counts, rename, merge, move, describe, delete with undo), through
// the validated API over a real store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { ApiError, type AnnotationColor } from '../../common/types.ts';
import { tempDir } from '../helpers/tmp.ts';

type Api = ReturnType<typeof createApi>;
type Store = ReturnType<typeof openStore>;

async function withApi(fn: (api: Api, store: Store) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try { await fn(validated(createApi({ store })), store); } finally { store.close(); cleanup(); }
}

const rejects = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof ApiError && e.code === code && (!message || message.test(e.message)));

const TEXT_A = 'Alpha report. The economy grew fast. Prices rose in the north. Wages fell behind.\n';
const TEXT_B = 'Bravo report. Floods hit the coast. The economy slowed. Schools closed early.\n';

/** Two sources ("Bravo" imported first) and five annotations on them. */
async function library(api: Api) {
  const { imported } = await api.importFiles([
    { name: 'bravo.txt', bytes: new TextEncoder().encode(TEXT_B) },
    { name: 'alpha.txt', bytes: new TextEncoder().encode(TEXT_A) },
  ]);
  const b = imported[0]!;
  const a = imported[1]!;
  const at = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const make = (sourceId: string, text: string, quote: string, tags: string[], color: AnnotationColor, comment = '') =>
    api.createAnnotation({ sourceId, ...at(text, quote), tags, color, comment });
  const growth = await make(a.id, TEXT_A, 'The economy grew fast.', ['economy/growth'], 'green', 'a strong claim');
  const prices = await make(a.id, TEXT_A, 'Prices rose', ['economy/prices', 'north'], 'yellow');
  const wages = await make(a.id, TEXT_A, 'Wages fell behind.', ['economy'], 'pink');
  const floods = await make(b.id, TEXT_B, 'Floods hit the coast.', ['weather'], 'blue', 'compare with 2019');
  const slowed = await make(b.id, TEXT_B, 'The economy slowed.', [], 'green');
  return { a, b, growth, prices, wages, floods, slowed };
}

test('queryAnnotations: the whole library, sorted by source order, newest, oldest and tag, paged, with a total', () => withApi(async (api) => {
  const l = await library(api);
  const bySource = await api.queryAnnotations();
  assert.equal(bySource.total, 5);
  assert.deepEqual(bySource.items.map((i) => i.id), [l.growth.id, l.prices.id, l.wages.id, l.floods.id, l.slowed.id],
    'by source title (Alpha before Bravo, though Bravo was imported first), then position');
  assert.equal(bySource.items[0]!.sourceTitle, l.a.title);
  assert.match(bySource.items[0]!.sourceSha256, /^[0-9a-f]{64}$/);
  assert.deepEqual((await api.queryAnnotations({ sort: 'newest' })).items.map((i) => i.id),
    [l.slowed.id, l.floods.id, l.wages.id, l.prices.id, l.growth.id]);
  assert.deepEqual((await api.queryAnnotations({ sort: 'oldest' })).items[0]!.id, l.growth.id);
  assert.deepEqual((await api.queryAnnotations({ sort: 'tag' })).items.map((i) => i.tags[0] ?? null),
    ['economy', 'economy/growth', 'economy/prices', 'weather', null], 'by first tag, untagged last');
  const page = await api.queryAnnotations({ offset: 2, limit: 2 });
  const { next, ...shown } = page;
  assert.deepEqual(shown, { total: 5, offset: 2, items: bySource.items.slice(2, 4) });
  assert.deepEqual((await api.queryAnnotations({ offset: 4, limit: 2, after: next! })).items, bySource.items.slice(4), 'the next page by its cursor');
  await assert.rejects(api.queryAnnotations({ limit: 5000 }), /expected number to be <=1000/, 'a page is bounded');
}));

test('queryAnnotations filters: a tag takes its children (not a namesake prefix), colour, source, collection, text', () => withApi(async (api) => {
  const l = await library(api);
  const ids = async (q: Parameters<Api['queryAnnotations']>[0]) => (await api.queryAnnotations(q)).items.map((i) => i.id);
  assert.deepEqual(await ids({ tag: 'economy' }), [l.growth.id, l.prices.id, l.wages.id], 'economy takes economy/growth and economy/prices');
  assert.deepEqual(await ids({ tag: 'ECONOMY/Prices' }), [l.prices.id], 'case ignored, as tag names are');
  await api.createAnnotation({ sourceId: l.b.id, start: 0, end: 5, tags: ['economyx'] });
  assert.equal((await api.queryAnnotations({ tag: 'economy' })).total, 3, '"economyx" is not a child of "economy"');
  assert.deepEqual(await ids({ colors: ['green'] }), [l.growth.id, l.slowed.id]);
  assert.deepEqual(await ids({ colors: ['green', 'blue'], sourceId: l.b.id }), [l.floods.id, l.slowed.id]);
  const col = await api.createCollection('Bravo only');
  await api.addToCollection(col.id, [l.b.id]);
  assert.equal((await api.queryAnnotations({ collectionId: col.id })).total, 3);
  assert.deepEqual(await ids({ text: 'economy' }), [l.growth.id, l.slowed.id], 'words of the passage');
  assert.deepEqual(await ids({ text: '2019' }), [l.floods.id], 'and of the comment');
  assert.deepEqual(await ids({ text: '"fell behind"' }), [l.wages.id], 'phrases');
  assert.deepEqual(await ids({ text: 'AND (' }), [], 'FTS syntax is only words: no error');
  assert.deepEqual(await ids({ text: '   ' }), (await api.queryAnnotations()).items.map((i) => i.id), 'blank text filters nothing');
  await api.deleteSource(l.b.id);
  assert.equal((await api.queryAnnotations()).total, 3, "a deleted source's annotations are gone from the listing");
  await api.deleteAnnotation(l.wages.id);
  assert.deepEqual(await ids({ tag: 'economy' }), [l.growth.id, l.prices.id]);
}));

test('listCodebook: every tag and parent with counts (a parent counts each passage once) and descriptions', () => withApi(async (api) => {
  const l = await library(api);
  await api.updateAnnotation(l.wages.id, { tags: ['economy', 'economy/growth'] });
  const book = await api.listCodebook();
  assert.deepEqual(book.map((t) => [t.name, t.count, t.total]), [
    ['economy', 1, 3], ['economy/growth', 2, 2], ['economy/prices', 1, 1], ['north', 1, 1], ['weather', 1, 1],
  ]);
  const described = await api.describeTag('weather', 'Storms, floods, droughts');
  assert.equal(described.description, 'Storms, floods, droughts');
  const code = await api.describeTag('method/interview', 'Said in an interview');
  assert.deepEqual([code.count, code.total], [0, 0], 'a code before its first passage');
  const names = (await api.listCodebook()).map((t) => t.name);
  assert.ok(names.includes('method') && names.includes('method/interview'), 'its parent is listed too');
  assert.equal((await api.listCodebook()).find((t) => t.name === 'method')!.id, null, 'a parent only through its children has no id');
  // a described tag is kept though no passage carries it
  await api.updateAnnotation(l.floods.id, { tags: [] });
  assert.equal((await api.listCodebook()).find((t) => t.name === 'weather')?.description, 'Storms, floods, droughts');
  await assert.rejects(api.describeTag('   ', 'x'), /expected string to have >=1 characters/);
  await rejects(api.describeTag('/ /', 'x'), 'invalid-arguments', /needs a name/);
}));

test('renameTag takes the children along; a taken name is refused (merge instead); moveTag re-parents', () => withApi(async (api) => {
  const l = await library(api);
  assert.deepEqual(await api.renameTag('economy', 'Economics'), { tags: 3, annotations: 3 });
  assert.deepEqual((await api.getAnnotation(l.prices.id)).tags, ['Economics/prices', 'north']);
  assert.equal((await api.queryAnnotations({ tag: 'economy' })).total, 0);
  assert.equal((await api.queryAnnotations({ tag: 'economics' })).total, 3);
  await rejects(api.renameTag('north', 'weather'), 'conflict', /already a tag “weather”: merge/);
  await rejects(api.renameTag('Economics', 'Economics/sub'), 'invalid-arguments', /under itself/);
  await rejects(api.renameTag('nothing-here', 'x'), 'not-found');
  assert.deepEqual(await api.renameTag('north', 'North'), { tags: 1, annotations: 1 }, 'a change of case only');
  assert.deepEqual(await api.moveTag('North', 'place'), { tags: 1, annotations: 1 });
  assert.deepEqual((await api.getAnnotation(l.prices.id)).tags, ['Economics/prices', 'place/North']);
  await api.moveTag('Economics/prices', null);
  assert.deepEqual((await api.getAnnotation(l.prices.id)).tags, ['place/North', 'prices']);
  await rejects(api.moveTag('place', 'place/North'), 'invalid-arguments');
}));

test('mergeTags moves every use (children onto children, merged or renamed), keeps one use per passage, and drops the old tag', () => withApi(async (api) => {
  const l = await library(api);
  await api.updateAnnotation(l.floods.id, { tags: ['weather', 'climate'] });
  await api.createAnnotation({ sourceId: l.b.id, start: TEXT_B.indexOf('Schools'), end: TEXT_B.indexOf('Schools') + 7, tags: ['weather/rain'] });
  await api.createAnnotation({ sourceId: l.b.id, start: 0, end: 5, tags: ['climate/rain', 'climate/heat'] });
  await api.describeTag('weather', 'Old description');
  assert.deepEqual(await api.mergeTags('weather', 'climate'), { tags: 2, annotations: 2 });
  assert.deepEqual((await api.getAnnotation(l.floods.id)).tags, ['climate'], 'tagged with both: one use left');
  const book = await api.listCodebook();
  assert.ok(!book.some((t) => t.name.startsWith('weather')), 'weather and weather/rain are gone');
  assert.deepEqual(book.filter((t) => t.name.startsWith('climate')).map((t) => [t.name, t.count]),
    [['climate', 1], ['climate/heat', 1], ['climate/rain', 2]]);
  assert.equal(book.find((t) => t.name === 'climate')!.description, 'Old description', 'taken over: climate had none');
  await api.createAnnotation({ sourceId: l.a.id, start: 0, end: 5, tags: ['tone/negative'] });
  assert.deepEqual(await api.mergeTags('tone', 'north'), { tags: 1, annotations: 1 }, 'tone exists only as the parent of tone/negative');
  assert.deepEqual((await api.listCodebook()).find((t) => t.name === 'north/negative')?.count, 1, 'a child without a namesake is renamed under INTO');
  await rejects(api.mergeTags('climate', 'climate/rain'), 'invalid-arguments');
  assert.deepEqual(await api.mergeTags('climate/rain', 'climate'), { tags: 1, annotations: 2 }, 'a child folds into its parent');
  assert.deepEqual((await api.listCodebook()).filter((t) => t.name.startsWith('climate')).map((t) => [t.name, t.count]),
    [['climate', 3], ['climate/heat', 1]]);
  await rejects(api.mergeTags('climate', 'no-such-tag'), 'not-found');
}));

test('deleteTag: the tag and its children go to the trash (passages stay, untagged); restore brings every use back', () => withApi(async (api, store) => {
  const l = await library(api);
  const items = await api.deleteTag('economy');
  assert.deepEqual(items.map((i) => [i.kind, i.title]).sort(), [['tag', 'economy'], ['tag', 'economy/growth'], ['tag', 'economy/prices']]);
  assert.deepEqual((await api.getAnnotation(l.prices.id)).tags, ['north'], 'the passage stays, without the deleted tag');
  assert.equal((await api.queryAnnotations({ tag: 'economy' })).total, 0);
  assert.ok(!(await api.listTags()).includes('economy'));
  assert.ok(!(await api.listCodebook()).some((t) => t.name.startsWith('economy')));
  assert.equal((await api.listSources({ tag: 'economy' })).length, 0, 'the library filter does not see it either');
  assert.equal((await api.listDeleted()).filter((i) => i.kind === 'tag').length, 3);
  // editing a passage's other tags keeps the deleted tag's use for the undo
  await api.updateAnnotation(l.prices.id, { tags: ['north', 'south'] });
  await api.restore(items.map((i) => i.id));
  assert.deepEqual((await api.getAnnotation(l.prices.id)).tags, ['economy/prices', 'north', 'south']);
  assert.equal((await api.queryAnnotations({ tag: 'economy' })).total, 3);
  // a deleted tag's name used again: the trash copy goes for good, the new tag is a fresh one
  const again = await api.deleteTag('weather');
  await api.createAnnotation({ sourceId: l.a.id, start: 0, end: 5, tags: ['weather'] });
  assert.equal((await api.listCodebook()).find((t) => t.name === 'weather')!.count, 1, 'only the new passage');
  await rejects(api.restore([again[0]!.id]), 'not-found');
  // purging the trash purges tags too
  await api.deleteTag('north');
  assert.equal((await api.purgeDeleted()).tags, 1);
  assert.equal(store.db.prepare("SELECT count(*) FROM tags WHERE name = 'north'").pluck().get(), 0);
}));

test('a tag rename, description and delete reach sync: the tag document carries them', () => withApi(async (api, store) => {
  await library(api);
  const id = (await api.listCodebook()).find((t) => t.name === 'weather')!.id!;
  await api.describeTag('weather', 'Rain and floods');
  await api.renameTag('weather', 'climate');
  assert.deepEqual(store.syncRows.read('tag', id), {
    id, name: 'climate', created: store.syncRows.read('tag', id)!.created, description: 'Rain and floods', deletedAt: null,
  });
  await api.deleteTag('climate');
  assert.ok(store.syncRows.read('tag', id)!.deletedAt);
  assert.equal(store.db.prepare('SELECT count(*) FROM sync_outbox WHERE doc_id = ?').pluck().get(`tag:${id}`), 1, 'queued for the next sync');
}));
