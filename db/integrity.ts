// Integrity checks, and the marker that remembers a failed one.
//
// quick_check reads every page (O(size), no index cross-checks): about 20 ms
// for the 2,095-article corpus. The app runs it at start in a worker thread,
// `lectern check` on demand (`--full`: integrity_check plus FTS5's check of
// each full-text index against the live rows). A failed check leaves
// `<file>-damaged` beside the library, so every process, the CLI included,
// refuses to write into it until a check passes again.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { IntegrityReport } from '../common/types.ts';
import type { Db } from './write.ts';

const MAX_PROBLEMS = 100;
const FTS_TABLES = ['sources_fts', 'source_titles_fts', 'annotations_fts', 'notes_fts'] as const;

const report = (problems: string[], full: boolean): IntegrityReport => ({
  ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS), full, checkedAt: new Date().toISOString(),
});

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** SQLite's quick_check (or, full, integrity_check and the full-text indexes) on an open connection. */
export function checkIntegrity(db: Db, full = false): IntegrityReport {
  const problems: string[] = [];
  try {
    const lines = db.pragma(`${full ? 'integrity_check' : 'quick_check'}(${MAX_PROBLEMS})`, { simple: false }) as Array<Record<string, string>>;
    for (const row of lines) {
      const line = Object.values(row)[0]!;
      if (line !== 'ok') problems.push(line);
    }
    if (full && problems.length === 0) {
      for (const table of FTS_TABLES) {
        try {
          // rank 1: compare the index with its content (the live rows), not only with itself
          db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
        } catch (err) {
          problems.push(`${table}: ${messageOf(err)}`);
        }
      }
    }
  } catch (err) {
    problems.push(messageOf(err));
  }
  return report(problems, full);
}

// The worker is a string so that it needs no bundle entry of its own: it loads
// better-sqlite3 from the path this module resolves.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.timeout });
  const rows = db.pragma('quick_check(${MAX_PROBLEMS})', { simple: false });
  parentPort.postMessage({ lines: rows.map((r) => Object.values(r)[0]) });
} catch (err) {
  parentPort.postMessage({ error: err && err.message ? err.message : String(err) });
} finally {
  if (db) db.close();
}`;

/** quick_check on its own read-only connection in a worker thread: the calling thread keeps serving. */
export function quickCheckInWorker(file: string, timeoutMs = 10_000): Promise<IntegrityReport> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, timeout: timeoutMs } });
    let settled = false;
    const settle = (r: IntegrityReport) => { if (!settled) { settled = true; resolve(r); } };
    worker.once('message', (m: { lines?: string[]; error?: string }) =>
      settle(report(m.error !== undefined ? [m.error] : m.lines!.filter((l) => l !== 'ok'), false)));
    worker.once('error', (err) => settle(report([messageOf(err)], false)));
    worker.once('exit', (code) => settle(report([`the check stopped (exit ${code})`], false)));
  });
}

export const damageMarkerPath = (file: string): string => `${file}-damaged`;

/** The failed check recorded beside the file, or null. */
export function readDamageMarker(file: string): IntegrityReport | null {
  let text: string;
  try {
    text = readFileSync(damageMarkerPath(file), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as IntegrityReport;
    if (Array.isArray(parsed.problems)) return { ...parsed, ok: false };
  } catch { /* an unreadable marker still marks the file */ }
  return report(['an earlier check found the file damaged'], false);
}

/** Records a failed check beside the file (best effort: a read-only folder keeps the file read-only anyway). */
export function writeDamageMarker(file: string, failed: IntegrityReport): void {
  try {
    writeFileSync(damageMarkerPath(file), `${JSON.stringify(failed, null, 2)}\n`);
  } catch { /* the in-process refusal still holds */ }
}

export function clearDamageMarker(file: string): void {
  rmSync(damageMarkerPath(file), { force: true });
}

export const damagedMessage = (file: string, found: IntegrityReport): string =>
  `${file} is damaged (${found.problems[0] ?? 'integrity check failed'}${found.problems.length > 1 ? `, and ${found.problems.length - 1} more` : ''}). ` +
  'Lectern will not write to it. Read what you can, export or back it up (lectern backup FILE), and restore a backup; ' +
  '`lectern check` clears this once the file passes.';
