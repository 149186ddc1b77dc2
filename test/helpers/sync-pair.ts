// A pouchdb-server for one test file (started before its tests, stopped after)
// and pairs of empty libraries bound to a fresh database on it: two machines.
// `edit` opens one library for changes between syncs (the "offline" work);
// `sync` runs a real `lectern sync` process on it.
import { after, before } from 'node:test';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import type { LecternApi } from '../../common/api.ts';
import { startCouch, teamDatabase, type CouchServer } from './couch-server.ts';
import { tempDir } from './tmp.ts';
import { SYNC_USER, synced } from './sync.ts';

/** Opens a library for changes between syncs (the "offline" work), and closes it. */
export async function editLibrary<T>(file: string, fn: (api: LecternApi, store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(file);
  try {
    return await fn(createApi({ store }), store);
  } finally {
    store.close();
  }
}

export function syncServerForTests(prefix: string) {
  let server: CouchServer;
  let dir = '';
  let cleanup = () => {};
  let n = 0;
  before(async () => {
    ({ dir, cleanup } = tempDir(prefix));
    server = await startCouch(join(dir, 'couch'));
  });
  after(async () => {
    await server.stop();
    cleanup();
  });

  /** Two empty libraries bound to a fresh database. */
  async function pair() {
    const database = `lib${++n}`;
    await teamDatabase(server, database, [SYNC_USER]);
    const files = [join(dir, `${database}-a.db`), join(dir, `${database}-b.db`)] as const;
    const target = { server, database };
    const edit = editLibrary;
    const sync = (file: string, extra: string[] = []) => synced(file, target, extra);
    return { a: files[0], b: files[1], target, edit, sync };
  }
  return { pair, server: () => server };
}
