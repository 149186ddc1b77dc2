// A server database that was emptied (deleted and made anew) gets everything
// again. That resend forgets the revisions the old database held (the restore
// witnesses, electron/sync/restore.ts): a resend cut short must not make the
// next sync report the server as restored from an older backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../db/store.ts';
import { createReplicator } from '../../electron/sync/replicator.ts';
import { SyncError } from '../../electron/sync/couch.ts';
import { teamDatabase } from '../helpers/couch-server.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { SYNC_USER, snapshot } from '../helpers/sync.ts';
import { syncServerForTests } from '../helpers/sync-pair.ts';

const { pair, server } = syncServerForTests('lectern-sync-resend-');

test('a resend to an emptied server cut short is not reported as a restore from backup next time', async () => {
  const { a, b, target, edit, sync } = await pair();
  await edit(a, async (api) => {
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    for (const s of imported) await api.createAnnotation({ sourceId: s.id, start: 0, end: 12, comment: 'kept', tags: ['codes/place'] });
  });
  await sync(a);

  // the server is emptied: the database deleted and made anew
  await server().admin(`/${target.database}`, { method: 'DELETE' });
  await teamDatabase(server(), target.database, [SYNC_USER]);

  // the resend starts, and the connection is lost after its first request of documents (the records; the sources' texts not yet)
  let bulks = 0;
  const cutAfterFirstBulk: typeof fetch = (input, init) => {
    if (String(input).includes('/_bulk_docs') && ++bulks > 1) return Promise.reject(new TypeError('fetch failed: the connection was lost'));
    return fetch(input, init);
  };
  const store = openStore(a);
  try {
    const replicator = createReplicator(store, { server: server().url, database: target.database, user: SYNC_USER.name, password: SYNC_USER.password },
      { fetchImpl: cutAfterFirstBulk });
    await assert.rejects(replicator.syncOnce(), (err: unknown) => err instanceof SyncError || err instanceof TypeError);
    assert.equal(bulks, 2, 'the records went, the texts did not');
    assert.ok(store.changes.pendingCount() > 0, 'the rest waits in the outbox');
  } finally {
    store.close();
  }

  const again = await sync(a);
  assert.equal(again.restored, null, `not a restore: ${JSON.stringify(again)}`);
  assert.ok(Number(again.pushed) > 0, 'the rest of the resend went');
  const rb = await sync(b);
  assert.equal(rb.restored, null);
  assert.deepEqual(snapshot(b).sources.length, 2);
  const { sources, annotations, tags, originals } = snapshot(a);
  const got = snapshot(b);
  assert.deepEqual({ sources: got.sources, annotations: got.annotations, tags: got.tags, originals: got.originals },
    { sources, annotations, tags, originals }, 'the server holds everything again');
});
