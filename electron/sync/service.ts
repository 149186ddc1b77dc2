// Sync as the handler table sees it: the configuration (per machine, in
// sync_state; the password never: the shell keeps it in the OS keychain, the
// CLI takes it from $LECTERN_SYNC_PASSWORD or a prompt), a sync now,
// continuous sync while the app is open, the status line, conflicts.
import type { Store } from '../../db/store.ts';
import {
  type SyncConfig, type SyncConfigInput, type SyncConflict, type SyncNotice, type SyncReport, type SyncResolution,
  type SyncStatus, type SyncTestResult,
} from '../../common/types.ts';
import { SyncError, createCouch } from './couch.ts';
import { checkServerUrl } from './handshake.ts';
import { LIBRARY_DOC_ID, SYNC_SCHEMA } from './kinds.ts';
import { createReplicator, type Progress } from './replicator.ts';
import { listConflicts, resolveConflict } from './conflicts.ts';

/** Where the password lives: the OS keychain in the app, nowhere in the CLI (env or prompt). */
export interface SyncCredentials {
  get(): Promise<string | null>;
  /** Whether there is one, without asking for it. */
  has(): Promise<boolean>;
  /** null forgets it. */
  set(password: string | null): Promise<void>;
}

type StoredConfig = Omit<SyncConfig, 'hasPassword'>;

export interface SyncServiceOptions {
  store: Store;
  credentials?: SyncCredentials;
  onStatus?: (status: SyncStatus) => void;
  fetchImpl?: typeof fetch;
}

export type SyncService = ReturnType<typeof createSyncService>;

export function createSyncService({ store, credentials, onStatus, fetchImpl }: SyncServiceOptions) {
  const { changes } = store;
  let progress: Progress | null = null;
  let running: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let busy: Promise<SyncReport> | null = null;

  const stored = (): StoredConfig | null => {
    const raw = changes.state('config');
    return raw ? (JSON.parse(raw) as StoredConfig) : null;
  };

  const status = (): SyncStatus => {
    const config = stored();
    const lastSyncAt = changes.state('last_sync_at') ?? null;
    return {
      state: config ? (progress?.state ?? (changes.pendingCount() > 0 ? 'syncing' : 'synced')) : 'off',
      pending: changes.pendingCount(),
      conflicts: changes.conflictCount(),
      waiting: changes.parkedCount(),
      lastSyncAt,
      message: progress?.message ?? null,
      continuous: config?.continuous ?? false,
    };
  };
  const tell = (p: Progress | null) => {
    progress = p;
    onStatus?.(status());
  };

  async function target(config: StoredConfig, password?: string) {
    const pw = password ?? (await credentials?.get()) ?? null;
    if (config.user && pw === null) {
      throw new SyncError('sync-config', `No password for "${config.user}": enter it in Settings › Sync (the CLI reads $LECTERN_SYNC_PASSWORD)`);
    }
    return { server: config.server, database: config.database, user: config.user, password: pw ?? '' };
  }

  const required = (): StoredConfig => {
    const config = stored();
    if (!config) throw new SyncError('sync-config', 'Sync is not set up: give a server, database and user (Settings › Sync, or lectern sync --server URL --database NAME --user NAME)');
    return config;
  };

  const validate = (input: SyncConfigInput): StoredConfig => {
    const server = input.server.trim().replace(/\/+$/, '');
    checkServerUrl(server, input.allowInsecure ?? false);
    // CouchDB's rule for database names
    if (!/^[a-z][a-z0-9_$()+/-]*$/.test(input.database)) {
      throw new SyncError('sync-config', `"${input.database}" is not a CouchDB database name: lower-case letters, digits and _$()+-/, starting with a letter`);
    }
    return { server, database: input.database, user: input.user.trim(), allowInsecure: input.allowInsecure ?? false, continuous: input.continuous ?? true };
  };

  async function once(options: { join?: boolean } = {}): Promise<SyncReport> {
    const config = required();
    const replicator = createReplicator(store, await target(config), { ...options, allowInsecure: config.allowInsecure, fetchImpl });
    tell({ state: 'syncing', pending: changes.pendingCount(), message: null });
    try {
      const report = await replicator.syncOnce(Infinity, (p) => tell(p));
      changes.setState('last_sync_at', new Date().toISOString());
      tell({ state: 'synced', pending: changes.pendingCount(), message: report.restored ?? report.warning });
      return report;
    } catch (err) {
      tell({ state: err instanceof SyncError && err.code === 'sync-unreachable' ? 'offline' : 'error', pending: changes.pendingCount(), message: (err as Error).message });
      throw err;
    }
  }

  return {
    status,
    async config(): Promise<SyncConfig | null> {
      const config = stored();
      return config && { ...config, hasPassword: (await credentials?.has().catch(() => false)) ?? false };
    },
    async setConfig(input: SyncConfigInput | null): Promise<SyncConfig | null> {
      this.stop();
      if (input === null) {
        changes.dropState('config');
        await credentials?.set(null);
        tell(null);
        return null;
      }
      const config = validate(input);
      changes.setState('config', JSON.stringify(config));
      if (input.password !== undefined) await credentials?.set(input.password);
      tell(null);
      return this.config();
    },
    /** Reaches the server and the database, read-only: nothing is created or written. */
    async test(input?: SyncConfigInput): Promise<SyncTestResult> {
      const config = input ? validate(input) : required();
      const { warning } = checkServerUrl(config.server, config.allowInsecure);
      const couch = createCouch(await target(config, input?.password), fetchImpl);
      const root = await couch.json<{ couchdb?: string; version?: string; vendor?: { name?: string; version?: string } }>({ path: '/' });
      const serverName = root.vendor?.name ? `${root.vendor.name} ${root.vendor.version ?? ''}`.trim() : `CouchDB ${root.version ?? ''}`.trim();
      const info = await couch.json<{ error?: string; db_name?: string }>({ path: '', allow: [404] });
      if (info.error === 'not_found') {
        return { server: serverName, database: config.database, databaseExists: false, libraryId: null, sameLibrary: false, warning };
      }
      const marker = await couch.json<{ error?: string; libraryId?: string; syncSchema?: number }>({ path: encodeURIComponent(LIBRARY_DOC_ID), allow: [404] });
      if (typeof marker.syncSchema === 'number' && marker.syncSchema > SYNC_SCHEMA) {
        throw new SyncError('sync-refused', `${config.server}/${config.database} holds a library written by a newer Lectern (sync format ${marker.syncSchema}; this one knows ${SYNC_SCHEMA}): update Lectern`);
      }
      const libraryId = marker.error === 'not_found' ? null : (marker.libraryId ?? null);
      return { server: serverName, database: config.database, databaseExists: true, libraryId, sameLibrary: libraryId === changes.state('library_id'), warning };
    },
    /** A sync now (while continuous sync runs, it waits for the round in progress). */
    async syncNow(options: { join?: boolean } = {}): Promise<SyncReport> {
      busy ??= once(options).finally(() => { busy = null; });
      return busy;
    },
    /** Continuous sync until stop(). */
    start(onRound?: (r: SyncReport) => void): void {
      if (running) return;
      const config = required();
      running = new AbortController();
      const signal = running.signal;
      loop = (async () => {
        let replicator;
        try {
          replicator = createReplicator(store, await target(config), { allowInsecure: config.allowInsecure, fetchImpl });
        } catch (err) {
          tell({ state: 'error', pending: changes.pendingCount(), message: (err as Error).message });
          return;
        }
        await replicator.run(signal, (p) => tell(p), (r) => {
          changes.setState('last_sync_at', new Date().toISOString());
          onRound?.(r);
        });
      })();
    },
    stop(): Promise<void> {
      running?.abort();
      running = null;
      const done = loop ?? Promise.resolve();
      loop = null;
      return done;
    },
    conflicts: (): SyncConflict[] => listConflicts(store),
    resolve(docId: string, resolution: SyncResolution): SyncConflict[] {
      const left = resolveConflict(store, docId, resolution);
      tell(progress);
      return left;
    },
    notices: (limit = 100): SyncNotice[] => changes.notices(limit).map(({ docId, kind, message, at }) => ({ docId, kind, message, at })),
  };
}

