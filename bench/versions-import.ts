// npm run bench:versions-import — the import of the BBC corpus (2,095 articles)
// with version detection on, against the same import without it, alternated
// round by round so load on the shared machine hits both alike (bench:versions
// prints the same figure among its others).
//
// Printed: the goal's ratio (speed with detection / without, wall time), the
// same in CPU time of all threads (what detection costs when no core is free),
// this thread's CPU time (the import's own work: detection runs in the versions
// worker) and the tail (from the last file stored to the import's result:
// the last batch's detection and the final write). Where this thread's wall
// time went (Linux): running, waiting for a core (contention with the worker,
// V8's helper threads, other processes) and asleep, of which waiting for the
// write lock the worker held is measured apart.
import { join } from 'node:path';
import { tempDir } from '../test/helpers/tmp.ts';
import { median } from './stats.ts';
import { importCorpus, type CorpusImport } from './versions-detection.ts';

const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 5);
const { dir, cleanup } = tempDir('lectern-bench-versions-import-');
try {
  const runs = { without: [] as CorpusImport[], with: [] as CorpusImport[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const detect of [false, true]) {
      const run = await importCorpus(join(dir, `${detect ? 'with' : 'without'}-${r}.db`), detect);
      run.store.close();
      (detect ? runs.with : runs.without).push(run);
      const f = (ms: number) => `${ms.toFixed(0)} ms`;
      const s = run.schedule;
      console.log(`round ${r + 1} ${detect ? 'with   ' : 'without'}: ${f(run.ms)} wall, ${f(run.cpu)} CPU (all threads), ${f(run.threadCpu)} this thread${detect ? `, tail ${f(run.ms - run.storedMs)}, ${run.versions} relations` : ''}`);
      console.log(`  this thread: ${s ? `${f(s.runMs)} running, ${f(s.queuedMs)} waiting for a core, ${f(s.asleepMs)} asleep, of which ` : ''}${f(run.lockWaitMs)} waiting for the write lock`);
    }
  }
  const m = (k: keyof typeof runs, f: (r: CorpusImport) => number) => median(runs[k].map(f));
  const wall = m('without', (r) => r.ms) / m('with', (r) => r.ms);
  const cpu = m('without', (r) => r.cpu) / m('with', (r) => r.cpu);
  console.log(`\nmedians of ${ROUNDS}: without ${m('without', (r) => r.ms).toFixed(0)} ms wall, ${m('without', (r) => r.cpu).toFixed(0)} ms CPU; `
    + `with ${m('with', (r) => r.ms).toFixed(0)} ms wall, ${m('with', (r) => r.cpu).toFixed(0)} ms CPU`);
  console.log(`this thread's CPU: without ${m('without', (r) => r.threadCpu).toFixed(0)} ms, with ${m('with', (r) => r.threadCpu).toFixed(0)} ms; tail ${m('with', (r) => r.ms - r.storedMs).toFixed(0)} ms`);
  if (runs.with[0]?.schedule) {
    const w = (k: keyof typeof runs) => `${m(k, (r) => r.schedule!.queuedMs).toFixed(0)} ms waiting for a core, ${m(k, (r) => r.schedule!.asleepMs).toFixed(0)} ms asleep`;
    console.log(`this thread's waits: without ${w('without')}; with ${w('with')} (the write lock ${m('with', (r) => r.lockWaitMs).toFixed(0)} ms)`);
  }
  console.log(`speed with detection / without = ${wall.toFixed(2)} wall, ${cpu.toFixed(2)} CPU   goal >= 0.8: ${wall >= 0.8 ? 'met' : 'NOT met'}`);
} finally {
  cleanup();
}
