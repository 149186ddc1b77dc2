// Two machines, one pouchdb-server, real `lectern sync` processes: edits made
// offline on both sides are never lost. A note edited on both keeps both texts
// (a conflict, listed on both machines, until merged); annotation edits to
// different fields merge; a delete against an edit keeps the edit and says so;
// deletes travel as tombstones and an undo after a synced delete restores on
// both; the same tag made on both machines becomes one; continuous sync
// brings a change over without being asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliProcess } from '../helpers/processes.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { snapshot, startSync, waitFor } from '../helpers/sync.ts';
import { syncServerForTests } from '../helpers/sync-pair.ts';

const { pair } = syncServerForTests('lectern-sync-conflicts-');

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

test('a note edited on both machines keeps both texts, on both, until merged; the merge reaches both', async () => {
  const { a, b, edit, sync } = await pair();
  const note = await edit(a, (api) => api.createNote({ title: 'Findings', doc: paragraph('first draft') }));
  await sync(a);
  await sync(b);
  await edit(a, (api) => api.updateNote(note.id, { doc: paragraph('written on the laptop') }));
  await edit(b, (api) => api.updateNote(note.id, { doc: paragraph('written on the desktop') }));
  await sync(a);
  const rb = await sync(b);
  await sync(a);
  assert.equal(rb.conflicts, 1);

  const texts = async (file: string) => edit(file, async (api) => {
    const conflicts = await api.listSyncConflicts();
    return { mine: (await api.getNote(note.id)).text, conflicts };
  });
  const [onA, onB] = [await texts(a), await texts(b)];
  assert.equal(onA.mine, 'written on the laptop', 'each machine keeps its own text in place');
  assert.equal(onB.mine, 'written on the desktop');
  for (const [side, other] of [[onA, 'written on the desktop'], [onB, 'written on the laptop']] as const) {
    assert.equal(side.conflicts.length, 1, 'the note is listed as edited on two machines');
    assert.deepEqual(side.conflicts[0]!.fields, ['doc']);
    assert.deepEqual(side.conflicts[0]!.theirs.map((t) => (t.record.doc as ReturnType<typeof paragraph>).content[0]!.content[0]!.text), [other], 'the other text survives');
  }
  const status = JSON.parse((await cliProcess(['--db', a, 'sync', 'status', '--json'])).stdout) as { conflicts: number; notices: { kind: string }[] };
  assert.equal(status.conflicts, 1);
  assert.ok(status.notices.some((x) => x.kind === 'conflict'), 'and said so');

  // the researcher merges on b: both texts in one
  await edit(b, (api) => api.resolveSyncConflict(`note:${note.id}`, { merged: { doc: paragraph('laptop and desktop, merged') } }));
  await sync(b);
  await sync(a);
  for (const f of [a, b]) {
    const after = await texts(f);
    assert.equal(after.mine, 'laptop and desktop, merged');
    assert.deepEqual(after.conflicts, [], 'the conflict is gone on both machines');
  }
  assert.deepEqual(snapshot(a), snapshot(b));
});

test('annotation edits to different fields merge; to the same field, both are kept; a delete against an edit keeps the edit', async () => {
  const { a, b, edit, sync } = await pair();
  const ids = await edit(a, async (api) => {
    const { imported: [s] } = await api.importPaths([SEED_000]);
    const one = await api.createAnnotation({ sourceId: s!.id, start: 0, end: 10, comment: 'original' });
    const two = await api.createAnnotation({ sourceId: s!.id, start: 20, end: 30, comment: 'original' });
    const three = await api.createAnnotation({ sourceId: s!.id, start: 40, end: 50, comment: 'to be deleted' });
    return { source: s!.id, one: one.id, two: two.id, three: three.id };
  });
  await sync(a);
  await sync(b);
  await edit(a, async (api) => {
    await api.updateAnnotation(ids.one, { color: 'green' });
    await api.updateAnnotation(ids.two, { comment: 'laptop' });
    await api.deleteAnnotation(ids.three);
    await api.updateSource(ids.source, { publisher: 'Laptop Press' });
  });
  await edit(b, async (api) => {
    await api.updateAnnotation(ids.one, { comment: 'desktop comment', tags: ['codes/x'] });
    await api.updateAnnotation(ids.two, { comment: 'desktop' });
    await api.updateAnnotation(ids.three, { comment: 'edited, not deleted' });
    await api.updateSource(ids.source, { title: 'Desktop title' });
  });
  await sync(a);
  await sync(b);
  await sync(a);

  for (const f of [a, b]) {
    await edit(f, async (api) => {
      const one = await api.getAnnotation(ids.one);
      assert.deepEqual([one.color, one.comment, one.tags], ['green', 'desktop comment', ['codes/x']], `${f}: fields merged`);
      const three = await api.getAnnotation(ids.three);
      assert.equal(three.comment, 'edited, not deleted', `${f}: the edit won over the delete`);
      const source = await api.getSource(ids.source);
      assert.deepEqual([source.title, source.publisher], ['Desktop title', 'Laptop Press'], `${f}: metadata merged field by field`);
      const conflicts = await api.listSyncConflicts();
      assert.deepEqual(conflicts.map((c) => [c.docId, c.fields]), [[`annotation:${ids.two}`, ['comment']]], `${f}: the same field changed on both is for review`);
    });
  }
  const notices = await edit(b, (api) => api.listSyncNotices());
  assert.ok(notices.some((x) => x.kind === 'kept-edit' && x.docId === `annotation:${ids.three}`), 'the kept edit is said');
  assert.ok(notices.some((x) => x.kind === 'merged'));
  const { annotations: annA } = snapshot(a);
  const { annotations: annB } = snapshot(b);
  assert.deepEqual(annA.filter((x) => (x as { id: string }).id !== ids.two), annB.filter((x) => (x as { id: string }).id !== ids.two));

  // resolving with the other machine's version, from the CLI
  const list = JSON.parse((await cliProcess(['--db', a, 'sync', 'conflicts', '--json'])).stdout) as { docId: string; theirs: { rev: string }[] }[];
  const r = await cliProcess(['--db', a, 'sync', 'resolve', '--json', list[0]!.docId, '--theirs', list[0]!.theirs[0]!.rev]);
  assert.equal(r.code, 0, r.stderr);
  await sync(a);
  await sync(b);
  assert.deepEqual(snapshot(a), snapshot(b));
  assert.equal(await edit(a, async (api) => (await api.getAnnotation(ids.two)).comment), 'desktop');
});

test('deletes travel as tombstones; an undo after a synced delete restores on both; a purge removes on both', async () => {
  const { a, b, edit, sync } = await pair();
  const ids = await edit(a, async (api) => {
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    const ann = await api.createAnnotation({ sourceId: imported[0]!.id, start: 0, end: 10 });
    const note = await api.createNote({ title: 'kept' });
    return { s0: imported[0]!.id, s1: imported[1]!.id, ann: ann.id, note: note.id };
  });
  await sync(a);
  await sync(b);
  await edit(a, async (api) => {
    await api.deleteSource(ids.s0);
    await api.deleteNote(ids.note);
  });
  await sync(a);
  await sync(b);
  await edit(b, async (api) => {
    assert.deepEqual((await api.listSources()).map((s) => s.id), [ids.s1], 'the delete reached b');
    assert.deepEqual(await api.listNotes(), []);
    assert.deepEqual((await api.listDeleted()).map((t) => t.id).sort(), [ids.s0, ids.note].sort(), 'into its trash, restorable');
    await api.restore([ids.s0, ids.note]); // undo, on the other machine
  });
  await sync(b);
  await sync(a);
  await edit(a, async (api) => {
    assert.equal((await api.listSources()).length, 2, 'the undo reached a');
    assert.equal((await api.listAnnotations(ids.s0)).length, 1, 'with the annotations the source took along');
    assert.equal((await api.getNote(ids.note)).title, 'kept');
    await api.deleteNote(ids.note);
    await api.purgeDeleted([ids.note]);
  });
  await sync(a);
  await sync(b);
  await edit(b, async (api, store) => {
    await assert.rejects(api.getNote(ids.note), /No note/);
    assert.deepEqual(await api.listDeleted(), [], 'the purge reached b: gone for good');
    assert.equal(store.syncRows.read('note', ids.note), undefined);
  });
  assert.deepEqual(snapshot(a), snapshot(b));
});

test('the same tag made on two machines becomes one tag on both', async () => {
  const { a, b, edit, sync } = await pair();
  const source = await edit(a, async (api) => (await api.importPaths([SEED_000])).imported[0]!.id);
  await sync(a);
  await sync(b);
  await edit(a, (api) => api.createAnnotation({ sourceId: source, start: 0, end: 5, tags: ['Economy'] }));
  await edit(b, (api) => api.createAnnotation({ sourceId: source, start: 10, end: 15, tags: ['economy'] }));
  await sync(a);
  await sync(b); // b keeps its tag (the smaller id); a's annotation waits for a to move it over
  await sync(a); // a merges its tag into b's and sends the annotation moved over
  await sync(b);
  const sa = snapshot(a);
  assert.deepEqual(sa, snapshot(b));
  assert.equal(sa.tags.length, 1, 'one tag');
  assert.equal(sa.annotations.length, 2);
  for (const ann of sa.annotations as { tags: string }[]) assert.equal(JSON.parse(ann.tags).length, 1, 'both annotations carry it');
});

test('continuous sync (lectern sync --watch) brings another machine\'s change over without being asked', async () => {
  const { a, b, target, edit, sync } = await pair();
  const ids = await edit(a, async (api) => {
    const { imported: [s] } = await api.importPaths([SEED_000]);
    return { ann: (await api.createAnnotation({ sourceId: s!.id, start: 0, end: 10 })).id };
  });
  await sync(a);
  await sync(b);
  const watching = startSync(b, target, ['--watch']);
  try {
    await edit(a, (api) => api.updateAnnotation(ids.ann, { comment: 'live' }));
    await sync(a);
    await waitFor('the comment in library b', () => {
      try {
        return (snapshot(b).annotations as { comment: string }[])[0]?.comment === 'live';
      } catch {
        return false;
      }
    }, 60_000, 50);
  } finally {
    watching.child.kill('SIGTERM');
    await watching.done;
  }
});
