import { join } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { createApi, type ApiDeps } from '../../electron/api.ts';
import type { LecternApi } from '../../common/api.ts';
import { tempDir } from './tmp.ts';

/** Runs fn with the real handler table over a fresh temporary database, then removes it. */
export async function withApi<T>(
  fn: (ctx: { api: LecternApi; store: Store; dir: string }) => Promise<T>,
  deps: Omit<ApiDeps, 'store'> = {},
): Promise<T> {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    return await fn({ api: createApi({ store, ...deps }), store, dir });
  } finally {
    store.close();
    cleanup();
  }
}
