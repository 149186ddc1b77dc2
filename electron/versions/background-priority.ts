// The versions worker runs below the import's priority: on a machine with few
// cores its alignments otherwise take the core the import (or, in the app,
// the main process answering the window) is waiting for. Linux's nice value
// is per thread, so lowering it for the worker's own thread leaves the rest of
// the process as it was. A corpus import with detection here (2 cores): the
// import's thread waited 282 -> 127 ms for a core, speed with detection / without
// 0.79 -> 0.82-0.87 (bench:versions-import); the worker still has the second
// core whenever it is free, so the import's result waits no longer for it.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The worker thread's nice value (0 is normal, 19 the lowest priority). */
export const WORKER_NICE = 10;

/** Lowers the calling thread's priority; elsewhere than Linux (no per-thread nice through /proc) it does nothing. */
export function lowerThisThreadPriority(nice = WORKER_NICE): void {
  if (process.platform !== 'linux') return;
  try {
    // "/proc/thread-self" is "<pid>/task/<tid>"; setpriority() with a thread id applies to that thread alone
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // a sandbox without /proc: detection runs at the normal priority
  }
}
