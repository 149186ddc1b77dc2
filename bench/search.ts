// npm run bench:search [-- --sizes 2000,100000] [--rounds 3]
//
// Search in Node alone (no browser): each library size (generated, shared
// with bench:library: bench/library-cache.ts), the 20 queries bench:library
// times and 15 harder ones (bench/search-timing.ts), ours against a bare FTS5
// query on the same database, wall and CPU time, several rounds, each with
// the load average (the machine is shared: wall time follows the load, CPU
// time much less). Goal: p95 < 200 ms at 100,000 for any query. Not a test:
// nothing asserts.
import { generatedLibrary } from './library-cache.ts';
import { HARD_QUERIES, QUERIES, fmt, timeSearches, timingLine, worstLine } from './search-timing.ts';

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const SIZES = (option('sizes') ?? '2000,100000').split(',').map(Number);
const ROUNDS = Number(option('rounds') ?? 3);

const files = SIZES.map((s) => generatedLibrary(s));
for (const [name, queries] of [['bench:library\'s 20 queries', QUERIES], ['15 harder queries', HARD_QUERIES], ['all 35', [...QUERIES, ...HARD_QUERIES]]] as const) {
  console.log(`\n${name}, x5 each, limit 50 (wall p50 / p95 / max, CPU p95):`);
  for (const [i, file] of files.entries()) {
    for (let r = 0; r < ROUNDS; r++) {
      const s = timeSearches(file, queries);
      console.log(`  ${SIZES[i]!.toLocaleString().padStart(7)} round ${r + 1} (load ${s.load.map((l) => l.toFixed(1)).join(' -> ')}): ours ${timingLine(s.ours)}   bare FTS5 ${timingLine(s.bare)}`);
      console.log(`          slowest: ${worstLine(s.ours)}${i === files.length - 1 ? `; p95 < 200 ms: ${s.ours.p95 < 200 ? 'met' : 'NOT met'} (wall ${fmt(s.ours.p95)})` : ''}`);
    }
  }
}
