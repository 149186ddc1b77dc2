// The versions worker: finds versions on its own connection to the library,
// in a worker thread, so a large import goes on storing batches (and the app
// keeps answering) while the alignments run. Messages in: {id, type:
// 'detect', ids} | {id, type: 'rebuild'} | {type: 'close'}; out: {type: 'progress', event} |
// {id, type: 'done', value} | {id, type: 'failed', code, message}.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError, type ProgressEvent } from '../../common/types.ts';
import { openStore } from '../../db/store.ts';
import { detectVersions, rebuildVersions } from './detect.ts';

export type WorkerRequest = { id: number; type: 'detect'; ids: string[] } | { id: number; type: 'rebuild' } | { id: number; type: 'close' };
export type WorkerReply =
  | { type: 'progress'; event: ProgressEvent }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'failed'; code: string; message: string };

const port = parentPort!;
const store = openStore((workerData as { file: string }).file);
const progress = (event: ProgressEvent) => port.postMessage({ type: 'progress', event } satisfies WorkerReply);

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'close') {
    store.close();
    port.close(); // nothing left to run: the thread ends
    return;
  }
  try {
    const value = m.type === 'detect' ? detectVersions(store, m.ids, progress) : rebuildVersions(store, progress);
    port.postMessage({ id: m.id, type: 'done', value } satisfies WorkerReply);
  } catch (err) {
    const shape = store.libraryFailure(err) ?? (err instanceof ApiError ? err : null);
    port.postMessage({
      id: m.id, type: 'failed', code: shape?.code ?? 'internal', message: err instanceof Error ? err.message : String(err),
    } satisfies WorkerReply);
  }
});
