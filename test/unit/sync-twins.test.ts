// The same file imported on two machines before their first sync (issue 15):
// two sources with one sha256 become one, the one with the smaller id on both
// machines, with the annotations, tags, notes' citations and collection
// memberships of both. Real `lectern sync` processes, one pouchdb-server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { snapshot } from '../helpers/sync.ts';
import { syncServerForTests } from '../helpers/sync-pair.ts';
import type { LecternApi } from '../../common/api.ts';
import { checkIntegrity } from '../../db/integrity.ts';

const { pair } = syncServerForTests('lectern-sync-twins-');
const SHA = createHash('sha256').update(readFileSync(SEED_000)).digest('hex');

const citing = (a: { id: string; sourceId: string; start: number; end: number; exact: string }) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, {
    type: 'citation', attrs: { sourceId: a.sourceId, annotationId: a.id, start: a.start, end: a.end, exact: a.exact, sha256: SHA },
  }] }],
});

/** One machine's work on its own copy of the file: an annotation with a tag, a note citing it, a collection. */
async function work(api: LecternApi, who: string, withSecondSeed: boolean) {
  const { imported } = await api.importPaths(withSecondSeed ? [SEED_000, SEED_001] : [SEED_000]);
  const source = imported.find((i) => i.path === SEED_000)!.id;
  const ann = await api.createAnnotation({ sourceId: source, start: who === 'a' ? 0 : 40, end: who === 'a' ? 12 : 60, comment: `by ${who}`, tags: [`codes/${who}`] });
  const note = await api.createNote({ title: `Note by ${who}`, doc: citing(ann) });
  const collection = await api.createCollection(`Reading of ${who}`);
  await api.addToCollection(collection.id, [source]);
  return { source, ann: ann.id, note: note.id, collection: collection.id };
}

for (const order of ['the machine whose copy goes', 'the machine whose copy stays'] as const) {
test(`the same file imported on two machines before their first sync becomes one source on both, keeping everything of both (${order} syncs first)`, async () => {
  const { a, b, edit, sync } = await pair();
  const onA = await edit(a, (api) => work(api, 'a', true));
  const onB = await edit(b, (api) => work(api, 'b', false));
  const kept = onA.source < onB.source ? onA.source : onB.source;
  // the goner's machine first: its records reach the other still naming its copy (pointed at the kept one there);
  // the keeper's first: the other merges before it sends anything
  const goneFirst = order === 'the machine whose copy goes';
  const [first, second] = (onA.source > onB.source) === goneFirst ? [a, b] : [b, a];
  await sync(first);
  await sync(second, ['--join']);
  await sync(first);
  await sync(second);

  for (const file of [a, b]) {
    await edit(file, async (api, store) => {
      const copies = store.db.prepare('SELECT id FROM sources WHERE sha256 = ?').pluck().all(SHA);
      assert.deepEqual(copies, [kept], `${file}: one source for the file, the one with the smaller id`);
      for (const id of [onA.ann, onB.ann]) assert.equal((await api.getAnnotation(id))?.sourceId, kept, 'both annotations are on it');
      const tags = (await api.listAnnotations(kept)).flatMap((x) => x.tags).sort();
      assert.deepEqual(tags, ['codes/a', 'codes/b']);
      for (const id of [onA.note, onB.note]) {
        const cites = store.db.prepare('SELECT source_id FROM citations WHERE note_id = ?').pluck().all(id);
        assert.deepEqual(cites, [kept], 'each note cites the source kept');
      }
      const members = (await api.listCollections()).map((c) => [c.name, c.sourceCount]).sort();
      assert.deepEqual(members, [['Reading of a', 1], ['Reading of b', 1]]);
      const status = await api.syncStatus();
      assert.equal(status.waiting, 0, 'nothing waits ("delete one of them" is gone)');
      assert.equal(status.conflicts, 0);
      // the machine whose copy went says so (the other says so too when that copy had reached it)
      const goner = onA.source > onB.source ? a : b;
      if (file === goner) assert.ok((await api.listSyncNotices()).some((n) => n.kind === 'merged-twin'), 'and it says so');
      assert.deepEqual(checkIntegrity(store.db, true).problems, []);
    });
  }
  const [sa, sb] = [snapshot(a), snapshot(b)];
  assert.deepEqual(sa, sb, 'both libraries are identical');
  assert.equal(sa.originals.filter((o) => (o as unknown as { source_id: string }).source_id === kept).length, 1, 'the kept source has its original file');
});
}

test('a file read with another encoding on each machine is not merged: it waits, and says why', async () => {
  const { a, b, edit, sync } = await pair();
  const sa = await edit(a, async (api) => (await api.importPaths([SEED_000])).imported[0]!.id);
  const sb = await edit(b, async (api) => {
    const id = (await api.importPaths([SEED_000])).imported[0]!.id;
    await api.reencodeSource(id, 'iso-8859-1');
    return id;
  });
  await sync(a);
  await sync(b, ['--join']);
  await sync(a);
  await edit(b, async (api, store) => {
    const here = store.db.prepare('SELECT id FROM sources WHERE sha256 = ?').pluck().all(SHA);
    assert.deepEqual(here, [sb], 'nothing merged into another text');
    const notice = (await api.listSyncNotices()).find((n) => n.docId === `source:${sa}`) ?? null;
    const waiting = store.db.prepare('SELECT reason FROM sync_parked WHERE doc_id = ?').pluck().get(`source:${sa}`);
    assert.match(String(waiting ?? notice?.message), /another encoding|reopen one with the other's encoding/i);
  });
});
