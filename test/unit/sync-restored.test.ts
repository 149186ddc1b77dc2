// A server database restored from an older backup (issue 15, after the first
// stop): its sequence went back, or revisions this library knows it had are
// gone. Sync says so (the report, the CLI line, the status notices), sends
// again what the server lacks, and deletes nothing here because the server
// forgot it. The backup is the server's own files (pouchdb-server's LevelDB),
// copied while it is stopped and put back later: what restoring a real
// server's data directory does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCouch, teamDatabase, type CouchServer } from '../helpers/couch-server.ts';
import { cliProcess } from '../helpers/processes.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';
import { SYNC_USER, snapshot, synced } from '../helpers/sync.ts';
import { editLibrary } from '../helpers/sync-pair.ts';

let dir = '';
let cleanup = () => {};
let server: CouchServer;
before(async () => {
  ({ dir, cleanup } = tempDir('lectern-sync-restored-'));
  server = await startCouch(join(dir, 'couch'));
});
after(async () => {
  await server.stop();
  cleanup();
});

const data = () => join(server.dir, 'data');
async function backup(to: string): Promise<void> {
  await server.stop();
  cpSync(data(), to, { recursive: true });
  server = await startCouch(server.dir, server.port);
}
async function restore(from: string): Promise<void> {
  await server.stop();
  rmSync(data(), { recursive: true, force: true });
  cpSync(from, data(), { recursive: true });
  server = await startCouch(server.dir, server.port);
}

const edit = editLibrary;
const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let n = 0;
/** Libraries a and b bound to a fresh database; a backup of the server taken after their first sync; then more work on a, synced to b. */
async function restoredLater() {
  const database = `restored${++n}`;
  await teamDatabase(server, database, [SYNC_USER]);
  const [a, b, c] = ['a', 'b', 'c'].map((x) => join(dir, `${database}-${x}.db`)) as [string, string, string];
  const sync = (file: string) => synced(file, { server, database });
  const first = await edit(a, async (api) => {
    const [s] = (await api.importPaths([SEED_000])).imported;
    return api.createAnnotation({ sourceId: s!.id, start: 0, end: 12, comment: 'before the backup' });
  });
  await sync(a);
  await sync(b);
  const saved = join(dir, `${database}-backup`);
  await backup(saved);
  // after the backup: a new source with its text and original, an annotation on it, a note, an edit, a delete
  const later = await edit(a, async (api) => {
    const [s] = (await api.importPaths([SEED_001])).imported;
    const ann = await api.createAnnotation({ sourceId: s!.id, start: 5, end: 25, comment: 'after the backup' });
    await api.updateAnnotation(first.id, { comment: 'edited after the backup' });
    const note = await api.createNote({ title: 'Written after the backup', doc: paragraph('only the newer server had this') });
    const doomed = await api.createAnnotation({ sourceId: s!.id, start: 30, end: 40 });
    await api.deleteAnnotation(doomed.id);
    await api.purgeDeleted([doomed.id]);
    return { source: s!.id, annotation: ann.id, note: note.id, doomed: doomed.id };
  });
  await sync(a);
  await sync(b);
  assert.deepEqual(snapshot(b), snapshot(a));
  return { database, a, b, c, sync, saved, later, first };
}

test('a server restored from an older backup is detected and sent again what it lacks; a new machine then gets everything', async () => {
  const { database, a, b, c, sync, saved, later } = await restoredLater();
  const before = snapshot(a);
  await restore(saved);

  // the CLI says it, in words
  const r = await cliProcess(['--db', a, 'sync', '--server', server.url, '--database', database, '--user', SYNC_USER.name],
    { env: { LECTERN_SYNC_PASSWORD: SYNC_USER.password } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /restored from an older backup/i, r.stdout);
  assert.match(r.stdout, /nothing was deleted here/i);
  assert.deepEqual(snapshot(a), before, 'nothing was lost or changed on the machine that noticed');
  const notices = await edit(a, (api) => api.listSyncNotices());
  assert.ok(notices.some((x) => x.kind === 'restored'), JSON.stringify(notices));

  // a machine that starts now gets everything, the text and original of the newer source too
  const rc = await sync(c);
  assert.equal(rc.joined, 'joined');
  assert.deepEqual(snapshot(c), before, 'the server holds everything again');
  assert.ok(snapshot(c).sources.some((s) => (s as { id?: unknown }).id === later.source), 'the source imported after the backup');
  assert.equal(snapshot(c).originals.length, 2, 'both originals travel again');

  // the other machine learns of the restore from the server and loses nothing either
  const rb = await sync(b);
  assert.equal(typeof rb.restored, 'string', JSON.stringify(rb));
  assert.deepEqual(snapshot(b), before);
  // and a second sync is quiet
  const again = await sync(a);
  assert.equal(again.restored, null);
  assert.equal(again.pushed, 0);
});

test('still detected when the server moved on past our checkpoint after the restore (revisions it had are missing)', async () => {
  const { database, a, c, sync, saved } = await restoredLater();
  const before = snapshot(a);
  await restore(saved);
  // others wrote to the restored database: its sequence is now past where this library had read
  const junk = Array.from({ length: 60 }, (_, i) => ({ _id: `other:${i}`, type: 'not-lectern' }));
  const put = await server.admin(`/${database}/_bulk_docs`, { method: 'POST', body: { docs: junk } });
  assert.equal(put.status, 201, JSON.stringify(put.json));

  const ra = await sync(a);
  assert.match(String(ra.restored), /older backup/i, JSON.stringify(ra));
  assert.ok(Number(ra.pushed) > 0, 'what the server lacked went again');
  assert.deepEqual(snapshot(a), before);
  await sync(c);
  assert.deepEqual(snapshot(c), before);
});

test('a machine that only read from the server since the backup notices too', async () => {
  const { database, b, saved } = await restoredLater();
  const before = snapshot(b);
  await restore(saved);
  // b only read from the server since the backup: its checkpoint is past the restored sequence
  const rb = await synced(b, { server, database });
  assert.match(String(rb.restored), /older backup/i);
  assert.deepEqual(snapshot(b), before);
});
