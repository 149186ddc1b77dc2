// npm run bench:import
//
// Imports the BBC corpus (2,095 articles) into a fresh database through the
// real import service, and in the same run times a bare better-sqlite3 loop
// that reads the same files and inserts them into one FTS5 table in one
// transaction. Prints both times and the ratio bare/ours (goal >= 0.5).
// Then search latency (median, p95) over a fixed query list: ours
// (store.search) against a bare FTS5 MATCH on the bare table (goal ours <= 1.5x).

import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../db/store.ts';
import { createImportService } from '../electron/import/import-service.ts';
import { CORPUS, tempDir } from '../test/helpers/tmp.ts';
import { quantile } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERIES = [
  'economy', 'government', 'election', 'film', 'music', 'football', 'mobile phone', 'internet',
  'tax', 'oil prices', 'chelsea', 'labour', 'blair', 'microsoft', 'games', 'award', 'bank', 'market',
  'court', 'police', '"prime minister"', '"world cup"', 'record*', 'tech*', 'growth rate', 'shares',
  'broadband', 'oscar', 'champion', 'europe',
];
const SEARCH_REPEATS = 20;

const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => join(e.parentPath, e.name))
  .sort();

async function ours(dbFile: string): Promise<{ ms: number; imported: number; failed: number }> {
  const store = openStore(dbFile);
  const t0 = performance.now();
  const result = await createImportService(store).importPaths([CORPUS]);
  const ms = performance.now() - t0;
  store.close();
  return { ms, imported: result.imported.length, failed: result.failed.length };
}

async function bare(dbFile: string): Promise<{ ms: number; inserted: number }> {
  const t0 = performance.now();
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO docs(title, text) VALUES (?, ?)');
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  db.transaction(() => {
    for (const text of texts) insert.run(text.slice(0, text.indexOf('\n')), text);
  })();
  const ms = performance.now() - t0;
  db.close();
  return { ms, inserted: texts.length };
}

const stats = (samples: number[]): { median: number; p95: number } => ({ median: quantile(samples, 0.5), p95: quantile(samples, 0.95) });

function timeQueries(run: (q: string) => unknown): number[] {
  const samples: number[] = [];
  for (const q of QUERIES) run(q); // warm up
  for (let r = 0; r < SEARCH_REPEATS; r++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      run(q);
      samples.push(performance.now() - t0);
    }
  }
  return samples;
}

const { dir, cleanup } = tempDir('lectern-bench-');
try {
  console.log(`corpus: ${files.length} .txt files in ${CORPUS}`);
  const oursTimes: number[] = [];
  const bareTimes: number[] = [];
  // Alternate the two so neither gets a systematically warmer cache.
  for (let round = 0; round < ROUNDS; round++) {
    const b = await bare(join(dir, `bare-${round}.db`));
    const o = await ours(join(dir, `ours-${round}.db`));
    if (o.failed !== 1 || o.imported !== files.length + 1) {
      throw new Error(`unexpected import result: ${o.imported} imported, ${o.failed} failed`);
    }
    bareTimes.push(b.ms);
    oursTimes.push(o.ms);
    console.log(`round ${round + 1}: ours ${o.ms.toFixed(0)} ms (${o.imported} imported), bare ${b.ms.toFixed(0)} ms (${b.inserted} rows)`);
  }
  const oursMs = stats(oursTimes).median;
  const bareMs = stats(bareTimes).median;
  const ratio = bareMs / oursMs;
  console.log(`\nimport (median of ${ROUNDS}): ours ${oursMs.toFixed(0)} ms, bare ${bareMs.toFixed(0)} ms`);
  console.log(`ratio bare/ours = ${ratio.toFixed(2)}  (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);

  // Searches issued while an import runs: each waits for the batch in progress.
  {
    const store = openStore(join(dir, 'during.db'));
    const latencies: number[] = [];
    let importing = true;
    const importDone = createImportService(store).importPaths([CORPUS]).finally(() => { importing = false; });
    let q = 0;
    while (importing) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => setImmediate(() => { store.search(QUERIES[q++ % QUERIES.length]!, 50); resolve(); }));
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    await importDone;
    store.close();
    const s = stats(latencies);
    const max = Math.max(...latencies);
    console.log(`\nsearch during the corpus import (${latencies.length} searches): median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${max.toFixed(1)} ms  (goal: each answers within 200 ms: ${max <= 200 ? 'met' : 'NOT met'})`);
  }

  // Search latency on the last round's databases.
  const last = ROUNDS - 1;
  const store = openStore(join(dir, `ours-${last}.db`));
  const bareDb = new Database(join(dir, `bare-${last}.db`), { readonly: true });
  const bareStmt = bareDb.prepare(
    `SELECT rowid, title, snippet(docs, -1, '[', ']', '…', 16) AS snippet FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 1.0) LIMIT 50`,
  );
  // The bare query gets the FTS5 syntax directly; ours gets the user's text and quotes it itself.
  const toFts = (q: string) => (q.startsWith('"') || q.endsWith('*') ? q : q.split(' ').map((w) => `"${w}"`).join(' '));
  const oursSearch = stats(timeQueries((q) => store.search(q, 50)));
  const bareSearch = stats(timeQueries((q) => bareStmt.all(toFts(q))));
  const sRatio = oursSearch.median / bareSearch.median;
  const fmt = (s: { median: number; p95: number }) => `median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms`;
  console.log(`\nsearch (${QUERIES.length} queries x ${SEARCH_REPEATS}, limit 50):`);
  console.log(`  ours: ${fmt(oursSearch)}`);
  console.log(`  bare: ${fmt(bareSearch)}`);
  console.log(`ratio ours/bare (median) = ${sRatio.toFixed(2)}, p95 ${(oursSearch.p95 / bareSearch.p95).toFixed(2)}  (goal <= 1.5: ${sRatio <= 1.5 ? 'met' : 'NOT met'})`);
  store.close();
  bareDb.close();
} finally {
  cleanup();
}
