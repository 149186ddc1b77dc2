// Finding the versions of what an import stores, batch by batch. A small
// import finds them here, after each batch; a large one in the versions
// worker, beside the import (the next batches are stored while earlier ones
// are aligned), which writes what it found when the import ends (and every few
// thousand sources: detect-session.ts). Either way the import result lists
// them all at the end, once they are written.
import type { FoundRelation, ProgressEvent } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import type { StoredText, VersionFinder } from '../import/import-service.ts';
import { tooLargeToAlign } from './align-sources.ts';
import { detectVersions } from './detect.ts';
import { startVersionsWorker, type VersionsWorker } from './worker-client.ts';

/** Imports of more sources than this find their versions in the worker thread. */
export const WORKER_FROM_SOURCES = 20;

export function createVersionFinder(store: Store, onProgress?: (e: ProgressEvent) => void): VersionFinder {
  let worker: VersionsWorker | null = null;
  const pending: Promise<FoundRelation[]>[] = [];
  /** Kept for finish(); handled at once, so a failure is not an unhandled rejection while the import goes on. */
  const keep = (p: Promise<FoundRelation[]>) => { p.catch(() => undefined); pending.push(p); };
  let told = 0;
  /** Sources of the requests already answered (the worker answers them in order). */
  let answered = 0;
  // one running count across batches: done of all sources told so far (events of one request count its own sources)
  const progress = (e: ProgressEvent) => {
    if (e.current === '' || e.done === 0) return;
    onProgress?.({ task: 'versions', done: answered + e.done, total: told, current: e.current });
  };
  const counted = (n: number, p: Promise<FoundRelation[]>) => p.finally(() => { answered += n; });
  const startWorker = () => { worker ??= startVersionsWorker(store.file, progress); };
  const tooLarge: { id: string; reason: string }[] = [];
  return {
    /** A large import starts the worker at once, so its start-up (0.1–0.2 s of loading here) overlaps reading the first batch. */
    starting(files: number) {
      if (files > WORKER_FROM_SOURCES && !store.status().inMemory) startWorker();
    },
    stored(sources: StoredText[]) {
      if (sources.length === 0) return;
      for (const s of sources) {
        const why = tooLargeToAlign(s.text);
        if (why) tooLarge.push({ id: s.id, reason: `too large to compare for versions (${why})` });
      }
      told += sources.length;
      if (!worker && told > WORKER_FROM_SOURCES && !store.status().inMemory) startWorker();
      if (worker) { keep(counted(sources.length, worker.detect(sources))); return; }
      try {
        keep(counted(sources.length, Promise.resolve(detectVersions(store, sources, progress))));
      } catch (err) {
        keep(Promise.reject(err as Error));
      }
    },
    notLookedFor: () => tooLarge,
    async finish() {
      try {
        const settled = await Promise.allSettled(pending);
        // what the worker holds is written even when a batch failed: the sources stored are indexed
        await worker?.flush();
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
        return settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      } finally {
        await worker?.close();
      }
    },
  };
}
