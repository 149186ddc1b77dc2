// The versions worker: finds versions on its own connection to the library,
// in a worker thread, so a large import goes on storing batches (and the app
// keeps answering) while the alignments run. Messages in: {id, type:
// 'detect', sources} (one import's batches, in a detection session) | {id,
// type: 'flush'} (write what the session holds) | {id, type: 'rebuild'} |
// {type: 'close'}; out: {type: 'progress', event} |
// {id, type: 'done', value} | {id, type: 'failed', code, message}.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError, type ProgressEvent } from '../../common/types.ts';
import { openVersionIndexStore } from '../../db/version-index-store.ts';
import type { StoredText } from '../import/import-service.ts';
import { lowerThisThreadPriority } from './background-priority.ts';
import { rebuildVersions } from './detect.ts';
import { createDetectionSession } from './detect-session.ts';

export type WorkerRequest =
  | { id: number; type: 'detect'; sources: StoredText[] }
  | { id: number; type: 'flush' }
  | { id: number; type: 'rebuild' }
  | { id: number; type: 'close' };
export type WorkerReply =
  | { type: 'progress'; event: ProgressEvent }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'failed'; code: string; message: string };

const port = parentPort!;
lowerThisThreadPriority();
const store = openVersionIndexStore((workerData as { file: string }).file);
/** The batches of the one import this worker serves: written at a flush (asked for when the import ends) and, in a very large import, every few thousand sources. */
const session = createDetectionSession(store);
/** Progress is passed on at most this often, and at the end of each request (a message per source was about a tenth of detecting the corpus). */
const PROGRESS_EVERY_MS = 100;
let lastProgress = 0;
const progress = (event: ProgressEvent) => {
  const now = Date.now();
  if (event.done !== 0 && event.done !== event.total && now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  port.postMessage({ type: 'progress', event } satisfies WorkerReply);
};

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'close') {
    store.close();
    port.close(); // nothing left to run: the thread ends
    return;
  }
  try {
    const value = m.type === 'detect' ? session.detect(m.sources, progress)
      : m.type === 'flush' ? (session.flush(), null)
        : rebuildVersions(store, progress);
    port.postMessage({ id: m.id, type: 'done', value } satisfies WorkerReply);
  } catch (err) {
    const shape = store.libraryFailure(err) ?? (err instanceof ApiError ? err : null);
    port.postMessage({
      id: m.id, type: 'failed', code: shape?.code ?? 'internal', message: err instanceof Error ? err.message : String(err),
    } satisfies WorkerReply);
  }
});
