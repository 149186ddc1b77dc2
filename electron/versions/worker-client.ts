// The main thread's side of the versions worker (detect-worker.ts): requests
// as promises, progress passed on, failures as ApiErrors with their code.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError, type FoundRelation, type ProgressEvent, type VersionsRebuild } from '../../common/types.ts';
import type { StoredText } from '../import/import-service.ts';
import type { WorkerReply, WorkerRequest } from './detect-worker.ts';

/** The worker's file: the TypeScript source beside this one, or the bundle's entry beside the built chunks. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./detect-worker.ts', import.meta.url)
  : new URL('./versions-worker.mjs', import.meta.url);

const CLOSE_TIMEOUT_MS = 5000;

/**
 * The worker's young generation (V8's default for a worker is smaller): detection's garbage is short-lived
 * (a pair's units, a text's word lists), and with room for it fewer scavenges run and less of it is promoted
 * and marked later. A corpus import's detection: the worker's own CPU ~0.85 -> ~0.68 s, V8's helper threads
 * ~0.75 -> ~0.57 s (64 MB did no better).
 */
const YOUNG_GENERATION_MB = 32;

/**
 * The worker's compiled code is kept on disk (Node's compile cache; a process that has one set keeps its own),
 * so only the first worker compiles its modules: its start-up ~110-145 -> ~55-70 ms of CPU here, paid by every
 * large import. Node checks each entry against the module's source and ignores the variable where it has no cache.
 */
const COMPILE_CACHE = process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'lectern-compile-cache');

export interface VersionsWorker {
  /** Finds the versions of one batch of an import (written at the next flush, or every few thousand sources). */
  detect(sources: StoredText[]): Promise<FoundRelation[]>;
  /** Writes what the import's detection holds: the new sources' signatures and the relations found. */
  flush(): Promise<void>;
  rebuild(): Promise<VersionsRebuild>;
  /** Stops the worker (requests still running fail). */
  close(): Promise<void>;
}

type Request = WorkerRequest extends infer R ? R extends { id: number } ? Omit<R, 'id'> : never : never;

export function startVersionsWorker(file: string, onProgress?: (e: ProgressEvent) => void): VersionsWorker {
  const worker = new Worker(WORKER_URL, {
    workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }, env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE },
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let ended: Error | null = null;
  const failAll = (err: Error) => {
    ended ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (m: WorkerReply) => {
    if (m.type === 'progress') { onProgress?.(m.event); return; }
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    hold();
    if (m.type === 'done') w?.resolve(m.value);
    else w?.reject(new ApiError(m.code, m.message));
  });
  worker.on('error', (err) => failAll(new ApiError('internal', `finding versions failed: ${err.message}`)));
  worker.on('exit', (code) => failAll(new ApiError('internal', `the versions worker stopped (exit ${code})`)));
  // a worker with requests running keeps the process alive (they are awaited); an idle one never does
  const hold = () => { if (waiting.size > 0) worker.ref(); else worker.unref(); };
  hold();
  const call = <T>(request: Request): Promise<T> => {
    if (ended) return Promise.reject(ended);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      hold();
      worker.postMessage({ ...request, id });
    });
  };
  return {
    detect: (sources) => call<FoundRelation[]>({ type: 'detect', sources }),
    flush: () => call<null>({ type: 'flush' }).then(() => undefined),
    rebuild: () => call<VersionsRebuild>({ type: 'rebuild' }),
    /** Asks the worker to close its connection and end; stops it outright if it has not within a few seconds. */
    async close() {
      if (ended) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ id: next++, type: 'close' } satisfies WorkerRequest);
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
