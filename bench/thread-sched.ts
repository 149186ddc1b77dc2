// Where a thread's wall time went, from Linux's scheduler statistics
// (/proc/thread-self/schedstat): running, waiting for a core (runnable but not
// running: CPU contention), and the rest, asleep (waiting for a lock, a file,
// a thread pool, a timer). Null elsewhere.
import { readFileSync } from 'node:fs';

export interface ThreadSchedule { runMs: number; queuedMs: number }

export function threadSchedule(): ThreadSchedule | null {
  try {
    const [run, queued] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return run === undefined || queued === undefined ? null : { runMs: run / 1e6, queuedMs: queued / 1e6 };
  } catch {
    return null;
  }
}

/** From `since` (threadSchedule() then) to now over `wallMs`: running, waiting for a core, asleep. */
export function scheduleSince(since: ThreadSchedule | null, wallMs: number): { runMs: number; queuedMs: number; asleepMs: number } | null {
  const now = threadSchedule();
  if (!since || !now) return null;
  const runMs = now.runMs - since.runMs;
  const queuedMs = now.queuedMs - since.queuedMs;
  return { runMs, queuedMs, asleepMs: wallMs - runMs - queuedMs };
}
