// The one undo model: soft delete, restore(ids), purge. Deleted rows are hidden
// everywhere; each full-text index equals the live rows after every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIntegrity } from '../../db/integrity.ts';
import type { Store } from '../../db/store.ts';
import type { LecternApi } from '../../common/api.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

const indexesMatchLiveRows = (store: Store, when: string) =>
  assert.deepEqual(checkIntegrity(store.db, true).problems, [], `full-text indexes equal the live rows ${when}`);

const citingDoc = (a: { id: string; sourceId: string; start: number; end: number; exact: string }, sha256: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, {
    type: 'citation', attrs: { sourceId: a.sourceId, annotationId: a.id, start: a.start, end: a.end, exact: a.exact, sha256 },
  }] }],
});

async function library(api: LecternApi) {
  const { imported } = await api.importPaths([SEED_000, SEED_001]);
  const [s0, s1] = [imported.find((i) => i.path === SEED_000)!, imported.find((i) => i.path === SEED_001)!];
  const kept = await api.createAnnotation({ sourceId: s1.id, start: 0, end: 6, comment: 'zebra kept', tags: ['codes/kept'] });
  const early = await api.createAnnotation({ sourceId: s1.id, start: 10, end: 20, comment: 'zebra early', tags: ['codes/early'] });
  const note = await api.createNote({ title: 'Zebra findings', doc: citingDoc(kept, s1.sha256) });
  return { s0, s1, kept, early, note };
}

test('a deleted source, annotation or note is hidden everywhere: lists, counts, tags, search, backlinks', () => withApi(async ({ api, store }) => {
  const { s0, s1, kept, early, note } = await library(api);
  indexesMatchLiveRows(store, 'at the start');

  await api.deleteAnnotation(early.id);
  assert.deepEqual((await api.listAnnotations(s1.id)).map((a) => a.id), [kept.id]);
  assert.equal((await api.listSources()).find((s) => s.id === s1.id)!.annotationCount, 1);
  assert.deepEqual(await api.listTags(), ['codes/kept'], 'a tag only the deleted annotation used is not listed');
  assert.deepEqual((await api.search('early')).map((h) => h.id), []);
  indexesMatchLiveRows(store, 'after an annotation delete');

  await api.deleteNote(note.id);
  assert.deepEqual(await api.listNotes(), []);
  await assert.rejects(api.getNote(note.id), /No note/);
  assert.deepEqual(await api.backlinks(kept.id), [], 'a deleted note cites nothing');
  assert.deepEqual((await api.search('findings')).map((h) => h.id), []);
  indexesMatchLiveRows(store, 'after a note delete');

  await api.deleteSource(s1.id);
  assert.deepEqual((await api.listSources()).map((s) => s.id), [s0.id]);
  await assert.rejects(api.listAnnotations(s1.id), /No source/);
  await assert.rejects(api.updateAnnotation(kept.id, { comment: 'x' }), /No annotation/, 'an annotation of a deleted source is gone too');
  assert.deepEqual(await api.search('zebra'), [], 'its annotations leave the index with it');
  assert.deepEqual(await api.listTags(), []);
  indexesMatchLiveRows(store, 'after a source delete');

  const trash = await api.listDeleted();
  assert.deepEqual(trash.map((i) => [i.kind, i.id]), [['source', s1.id], ['note', note.id], ['annotation', early.id]]);
  assert.equal(trash[0]!.annotations, 1, 'the source took its one live annotation along');
  assert.equal(trash[2]!.sourceId, s1.id);
  assert.ok(trash.every((i) => /^\d{4}-\d\d-\d\dT/.test(i.deletedAt)));
}));

test('restore puts back exactly what each delete took; together or refused whole', () => withApi(async ({ api, store }) => {
  const { s1, kept, early, note } = await library(api);
  const before = await api.listAnnotations(s1.id);
  await api.deleteAnnotation(early.id);
  await api.deleteSource(s1.id);

  await assert.rejects(api.restore([early.id]), /deleted source.*restore the source first/);
  await assert.rejects(api.restore([s1.id, 'ffffffff-ffff-4fff-8fff-ffffffffffff']), /Nothing to undo/);
  assert.deepEqual(await api.listDeleted().then((t) => t.map((i) => i.id).sort()), [s1.id, early.id].sort(), 'a refused restore changes nothing');

  await api.restore([s1.id]);
  assert.deepEqual((await api.listAnnotations(s1.id)).map((a) => a.id), [kept.id], 'the annotation deleted before the source stays deleted');
  indexesMatchLiveRows(store, 'after the source came back');
  await api.restore([early.id]);
  assert.deepEqual(await api.listAnnotations(s1.id), before);
  assert.deepEqual(await api.listTags(), ['codes/early', 'codes/kept']);

  // both at once, in any order
  await api.deleteAnnotation(early.id);
  await api.deleteSource(s1.id);
  const back = await api.restore([early.id, s1.id]);
  assert.deepEqual(back.map((i) => i.kind), ['source', 'annotation']);
  assert.deepEqual(await api.listAnnotations(s1.id), before);
  assert.deepEqual(await api.backlinks(kept.id), [{ noteId: note.id, title: 'Zebra findings' }]);
  assert.equal((await api.search('zebra')).length, 3, 'both annotations and the note are searchable again');
  indexesMatchLiveRows(store, 'after restoring everything');
}));

test('a deleted file imported again is a new source; the old one then cannot come back beside it', () => withApi(async ({ api, store }) => {
  const { s1 } = await library(api);
  await api.deleteSource(s1.id);
  const again = await api.importPaths([SEED_001]);
  assert.equal(again.imported.length, 1, 'not reported as a duplicate of a deleted source');
  assert.notEqual(again.imported[0]!.id, s1.id);
  await assert.rejects(api.restore([s1.id]), /imported again in the meantime/);
  await api.deleteSource(again.imported[0]!.id);
  await api.restore([s1.id]);
  assert.deepEqual((await api.listSources()).map((s) => s.id).includes(s1.id), true);
  indexesMatchLiveRows(store, 'after swapping the twins');
}));

test('W3C import of an annotation whose id is in the trash keeps the trash intact and gets a new id', () => withApi(async ({ api, store }) => {
  const { s1, early } = await library(api);
  await api.deleteAnnotation(early.id);
  const json = JSON.stringify({ id: `urn:uuid:${early.id}`, type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: early.exact } } });
  const r = await api.importAnnotations(s1.id, json);
  assert.equal(r.imported.length, 1);
  assert.notEqual(r.imported[0]!.id, early.id);
  await api.restore([early.id]);
  assert.equal((await api.listAnnotations(s1.id)).length, 3);
  indexesMatchLiveRows(store, 'after the import');
}));

test('purge removes trash rows for good, leaves tombstones, prunes tags; live rows are untouched', () => withApi(async ({ api, store }) => {
  const { s0, s1, kept, early, note } = await library(api);
  await api.deleteAnnotation(early.id);
  await api.deleteSource(s1.id);
  await api.deleteNote(note.id);
  const stamp = store.db.prepare('SELECT deleted_at FROM sources WHERE id = ?').pluck();
  const sourceDeletedAt = stamp.get(s1.id) as string;

  // by date: nothing is older than a day ago
  assert.deepEqual(store.trash.purge({ before: new Date(Date.now() - 86_400_000).toISOString() }), { sources: 0, annotations: 0, notes: 0, collections: 0, tags: 0 });
  await assert.rejects(api.purgeDeleted([s0.id]), /not in the trash/, 'a live source is never purged');

  assert.deepEqual(await api.purgeDeleted([s1.id]), { sources: 1, annotations: 2, notes: 0, collections: 0, tags: 0 });
  const tombstones = store.db.prepare('SELECT id, kind, deleted_at AS deletedAt FROM purged ORDER BY kind, id').all() as Array<{ id: string; kind: string; deletedAt: string }>;
  assert.deepEqual(tombstones.map((t) => [t.kind, t.id]).sort(), [['annotation', early.id], ['annotation', kept.id], ['source', s1.id]].sort());
  assert.equal(tombstones.find((t) => t.id === kept.id)!.deletedAt, sourceDeletedAt, 'an annotation purged with its source carries the source\'s deletion time');
  assert.equal(store.db.prepare('SELECT count(*) FROM tags').pluck().get(), 0, 'tags nobody uses any more are gone');
  await assert.rejects(api.restore([s1.id]), /Nothing to undo/);

  assert.deepEqual(await api.purgeDeleted(), { sources: 0, annotations: 0, notes: 1, collections: 0, tags: 0 }, 'without ids: empties the trash');
  assert.equal(store.db.prepare('SELECT count(*) FROM citations').pluck().get(), 0, 'a purged note takes its citations');
  assert.deepEqual(await api.listDeleted(), []);
  assert.deepEqual((await api.listSources()).map((s) => s.id), [s0.id]);
  assert.deepEqual(store.db.pragma('foreign_key_check'), []);
  indexesMatchLiveRows(store, 'after purging');
}));
