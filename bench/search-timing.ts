// Search timed in Node on one library file: ours (store.searchPage, limit 50)
// against a bare FTS5 query on the same database (rank and snippet, LIMIT 50),
// wall and CPU time (the machine is shared: CPU time is what the search
// costs). Used by bench:library and bench:search.
import { loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { openStore } from '../db/store.ts';
import { registerFtsText } from '../db/fts-text.ts';
import { median, quantile } from './stats.ts';

/** The queries bench:library has timed since issue 14 (the commonest words included). */
export const QUERIES = ['the', 'said', 'of the', 'a', 's*', 'th*', 'with*', 'year*', 'comp*', 'the said year', 'blair', 'government',
  'economy', 'mobile phone', 'prime minister', '"world cup"', 'tony blair said', 'oil prices', 'broadband', 'zzzq'];
/** Queries that made FTS5 work hardest when measured: phrases of common words, many common terms, short and long prefixes. */
export const HARD_QUERIES = ['"in the year"', '"the said"', '"of the"', 'the of and to in a is that for it', 't* a* s*', 's* t*', 'th* an*',
  'a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p*', 'inter*', 'gover*', 'blair*', 'prime minister tony blair said the',
  'government minister said', 'year 2004', '"the" "of"'];

export interface Timing { p50: number; p95: number; max: number; cpuP95: number; worst: Array<{ query: string; ms: number }> }
export interface SearchFigures { ours: Timing; bare: Timing; load: [number, number] }

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const toFts = (q: string) => (q.startsWith('"') ? q : q.split(/\s+/).map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' '));

function time(queries: readonly string[], repeats: number, run: (q: string) => unknown): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  const slowest = new Map<string, number>();
  for (const q of queries) run(q); // warm
  for (let r = 0; r < repeats; r++) {
    for (const q of queries) {
      const t = performance.now();
      const c = cpuMs();
      run(q);
      cpu.push(cpuMs() - c);
      const ms = performance.now() - t;
      wall.push(ms);
      slowest.set(q, Math.max(slowest.get(q) ?? 0, ms));
    }
  }
  const worst = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([query, ms]) => ({ query, ms }));
  return { p50: median(wall), p95: quantile(wall, 0.95), max: Math.max(...wall), cpuP95: quantile(cpu, 0.95), worst };
}

export function timeSearches(file: string, queries: readonly string[] = QUERIES, repeats = 5): SearchFigures {
  const store = openStore(file, { readOnly: true });
  const bare = new Database(file, { readonly: true });
  registerFtsText(bare); // snippet() reads the indexes' content views, which call it
  const bareStmt = bare.prepare(`SELECT rowid, snippet(sources_fts, -1, '[', ']', '…', 16) AS snippet FROM sources_fts
    WHERE sources_fts MATCH ? ORDER BY bm25(sources_fts, 10.0, 1.0) LIMIT 50`);
  const load = loadavg()[0]!;
  try {
    const ours = time(queries, repeats, (q) => store.searchPage(q, { limit: 50 }));
    return { ours, bare: time(queries, repeats, (q) => bareStmt.all(toFts(q))), load: [load, loadavg()[0]!] };
  } finally {
    store.close();
    bare.close();
  }
}

export const timingLine = (x: Timing) => `${fmt(x.p50)} / ${fmt(x.p95)} / ${fmt(x.max)}, CPU p95 ${fmt(x.cpuP95)}`;
export const worstLine = (x: Timing) => x.worst.map((w) => `${w.query} ${fmt(w.ms)}`).join(', ');
