// The versions worker's thread runs below normal priority (background-priority.ts),
// the thread that started it at the normal one: on Linux, the only place a
// thread's nice value can be read (/proc/self/task/TID/stat, field 19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { WORKER_NICE } from '../../electron/versions/background-priority.ts';
import { startVersionsWorker } from '../../electron/versions/worker-client.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Each thread's nice value, by thread id. */
function niceOfThreads(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) start after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

test('the versions worker runs at a lower priority than the import, the import at its own', { skip: process.platform !== 'linux' }, async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'library.db');
  openStore(file).close();
  const before = niceOfThreads();
  const worker = startVersionsWorker(file);
  try {
    await worker.flush(); // answered: the worker has started and set its priority
    const after = niceOfThreads();
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === WORKER_NICE);
    assert.equal(lowered.length, 1, `one new thread at nice ${WORKER_NICE}: ${JSON.stringify([...after])}`);
    assert.equal(after.get(process.pid), 0, 'the main thread keeps the normal priority');
  } finally {
    await worker.close();
    cleanup();
  }
});
