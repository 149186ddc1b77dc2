// One library and one server database: a sync round (handshake, push, pull,
// until nothing is left either way), and continuous sync (a round whenever
// this library changes, by this process or another, or the server does).
import type { Store } from '../../db/store.ts';
import type { SyncReport, SyncState } from '../../common/types.ts';
import { SyncError, createCouch, type CouchTarget } from './couch.ts';
import { checkServerUrl, handshake, remoteKeyOf } from './handshake.ts';
import { createLocal } from './local.ts';
import { createPusher } from './push.ts';
import { createPuller } from './pull.ts';

/** How much text one round of continuous sync sends before it looks for small changes again. */
export const TEXT_BYTES_PER_ROUND = 16 * 1024 * 1024;
const LOCAL_POLL_MS = 200;
const MAX_BACKOFF_MS = 30_000;

export interface ReplicatorOptions {
  join?: boolean;
  allowInsecure?: boolean;
  fetchImpl?: typeof fetch;
}

export interface Progress { state: SyncState; pending: number; message: string | null }

export function createReplicator(store: Store, target: CouchTarget, options: ReplicatorOptions = {}) {
  const { warning } = checkServerUrl(target.server, options.allowInsecure);
  const couch = createCouch(target, options.fetchImpl);
  const local = createLocal(store);
  const pusher = createPusher(store, local, couch);

  /** One round: the handshake (each time: the database may have been replaced), then push and pull until both are done. */
  async function syncOnce(textBudget = Infinity, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<SyncReport> {
    const shake = await handshake(store, couch, { join: options.join });
    const puller = createPuller(store, local, couch, shake.remoteKey);
    const report: SyncReport = {
      pushed: 0, received: 0, applied: 0, merged: 0, conflicts: 0, parked: 0, refused: 0,
      joined: shake.joined, resent: shake.resent, restored: shake.restored, warning, more: false,
    };
    const tell = (message: string) => onProgress?.({ state: 'syncing', pending: store.changes.pendingCount(), message });
    for (let round = 0; ; round++) {
      const pushed = await pusher.push(textBudget, (p) => tell(`sent ${report.pushed + p.sent} changes`));
      report.pushed += pushed.sent;
      const pulled = await puller.pull((n) => tell(`received ${report.received + n} changes`), signal);
      report.received += pulled.received;
      report.applied += pulled.applied;
      report.merged += pulled.merged;
      report.conflicts += pulled.conflicts;
      report.parked += pulled.parked;
      report.refused += pulled.refused;
      report.more = pushed.more;
      // merges made by the pull go out at once; a bounded round leaves the rest for the next
      if (textBudget !== Infinity || store.changes.pendingCount() === 0 || round >= 3) break;
    }
    report.conflicts = store.changes.conflictCount();
    report.parked = store.changes.parkedCount();
    return report;
  }

  /**
   * Continuous sync until `signal` aborts: a round, then wait for a change
   * here (any process's write reaches the outbox) or on the server (long
   * polling), then another. Offline, it retries with growing pauses.
   */
  async function run(signal: AbortSignal, onProgress: (p: Progress) => void, onRound?: (r: SyncReport) => void): Promise<void> {
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        onProgress({ state: 'syncing', pending: store.changes.pendingCount(), message: null });
        const report = await syncOnce(TEXT_BYTES_PER_ROUND, onProgress, signal);
        onRound?.(report);
        backoff = 1000;
        onProgress({ state: 'synced', pending: store.changes.pendingCount(), message: report.restored ?? warning });
        if (report.more) continue;
        await waitForChange(signal, createPuller(store, local, couch, remoteKeyOf(target.server, target.database)));
      } catch (err) {
        if (signal.aborted) return;
        const offline = err instanceof SyncError && err.code === 'sync-unreachable';
        onProgress({ state: offline ? 'offline' : 'error', pending: store.changes.pendingCount(), message: (err as Error).message });
        await pause(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Resolves when this library changed (a new outbox seq) or the server has news. */
  async function waitForChange(signal: AbortSignal, puller: ReturnType<typeof createPuller>): Promise<void> {
    const inner = new AbortController();
    const stop = () => inner.abort();
    signal.addEventListener('abort', stop, { once: true });
    const startSeq = store.changes.lastSeq();
    try {
      await Promise.race([
        (async () => {
          while (!inner.signal.aborted && store.changes.lastSeq() === startSeq) await pause(LOCAL_POLL_MS, inner.signal);
        })(),
        puller.waitForChange(inner.signal).catch((err: unknown) => {
          if (!inner.signal.aborted) throw err;
        }),
      ]);
    } finally {
      inner.abort();
      signal.removeEventListener('abort', stop);
    }
  }

  return { syncOnce, run, warning };
}

const pause = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve) => {
  if (signal.aborted) return resolve();
  const timer = setTimeout(done, ms);
  function done() {
    clearTimeout(timer);
    signal.removeEventListener('abort', done);
    resolve();
  }
  signal.addEventListener('abort', done, { once: true });
});
