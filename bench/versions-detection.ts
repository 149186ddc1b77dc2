// bench:versions, finding versions: the import of the BBC corpus with and
// without detection, and the precision and recall of both kinds of relation
// on the pairs labelled in test/fixtures/version-pairs.json, separately on the
// pairs the classifier's rules were set on and on the held-out ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignTexts } from '../common/align/align.ts';
import type { ProgressEvent } from '../common/types.ts';
import { openStore, type Store } from '../db/store.ts';
import { createImportService } from '../electron/import/import-service.ts';
import { classify } from '../electron/versions/classify.ts';
import { createVersionFinder } from '../electron/versions/finder.ts';
import { CORPUS } from '../test/helpers/tmp.ts';
import { readArticle } from '../test/helpers/version-pair.ts';
import { scheduleSince, threadSchedule } from './thread-sched.ts';

export interface LabelledPair {
  a: string;
  b: string;
  label: 'version' | 'shares' | 'neither';
  why: string;
  /** Labelled after the classifier's rules were set, and not used to set them. */
  heldOut?: boolean;
}

export const LABELS: LabelledPair[] = (JSON.parse(readFileSync(new URL('../test/fixtures/version-pairs.json', import.meta.url), 'utf8')) as { pairs: LabelledPair[] }).pairs;

const cpuMs = (since: NodeJS.CpuUsage) => { const c = process.cpuUsage(since); return (c.user + c.system) / 1000; };
const threadCpuMs = () => { const c = process.threadCpuUsage(); return (c.user + c.system) / 1000; };

export interface CorpusImport {
  /** Wall time until the import returned (with detection: until what it found was written). */
  ms: number;
  /** CPU time of all threads (the versions worker's included), and of this thread alone. */
  cpu: number;
  threadCpu: number;
  /** Wall time until the last file was stored (the rest is detection finishing). */
  storedMs: number;
  /** This thread's wall time running, waiting for a core and asleep (Linux only, else null). */
  schedule: { runMs: number; queuedMs: number; asleepMs: number } | null;
  /** Wall time the import's batches waited for the write lock (another connection, the versions worker, held it). */
  lockWaitMs: number;
  store: Store;
  versions: number;
}

/** Imports the corpus into a fresh library at `file`; with detection, through the finder the API uses. */
export async function importCorpus(file: string, detect: boolean): Promise<CorpusImport> {
  const store = openStore(file);
  let lockWaitMs = 0;
  const batch = store.sources.batch;
  // each batch is one IMMEDIATE transaction: from the call to its first statement it waits for the lock
  store.sources.batch = <T>(fn: () => T): T => {
    const called = performance.now();
    return batch(() => { lockWaitMs += performance.now() - called; return fn(); });
  };
  const s0 = threadSchedule();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = threadCpuMs();
  let storedMs = 0;
  const onProgress = (e: ProgressEvent) => { if (e.task === 'import' && e.done === e.total) storedMs = performance.now() - t0; };
  const r = await createImportService(store, onProgress, detect ? { findVersions: () => createVersionFinder(store) } : {}).importPaths([CORPUS]);
  if (r.versionsError) throw new Error(r.versionsError);
  const ms = performance.now() - t0;
  return {
    ms, cpu: cpuMs(c0), threadCpu: threadCpuMs() - m0, storedMs, schedule: scheduleSince(s0, ms), lockWaitMs, store, versions: r.versions.length,
  };
}

type Kind = 'version' | 'shares' | 'neither';

export interface Quality { precision: number; recall: number; tp: number; fp: number; fn: number }

/** Precision and recall of each kind, from (label, found) over the labelled pairs. */
export function quality(results: { label: Kind; found: Kind }[]): Record<'version' | 'shares', Quality> {
  const of = (kind: Kind): Quality => {
    const tp = results.filter((r) => r.label === kind && r.found === kind).length;
    const fp = results.filter((r) => r.label !== kind && r.found === kind).length;
    const fn = results.filter((r) => r.label === kind && r.found !== kind).length;
    return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), tp, fp, fn };
  };
  return { version: of('version'), shares: of('shares') };
}

/** The rows of the pairs the rules were set on, and of the held-out pairs, each with its title. */
export function bySample<T extends { pair: LabelledPair }>(rows: T[]): { title: string; rows: T[] }[] {
  return [
    { title: 'pairs the rules were set on', rows: rows.filter((r) => !r.pair.heldOut) },
    { title: 'held-out pairs', rows: rows.filter((r) => r.pair.heldOut) },
  ];
}

/** What detection stored for each labelled pair in a library holding the whole corpus. */
export function detectedKinds(store: Store): { pair: LabelledPair; found: Kind }[] {
  const byPath = new Map<string, string>(store.db.prepare('SELECT original_path, id FROM live_sources').all()
    .map((r) => [(r as { original_path: string }).original_path, (r as { id: string }).id]));
  return LABELS.map((pair) => {
    const a = byPath.get(join(CORPUS, pair.a))!;
    const b = byPath.get(join(CORPUS, pair.b))!;
    const r = store.relations.get(a, b);
    return { pair, found: r && !r.dismissed && (r.kind === 'version' || r.kind === 'shares') ? r.kind : 'neither' };
  });
}

/** The classifier alone: each labelled pair aligned directly (no candidate index). */
export function classifiedKinds(): { pair: LabelledPair; found: Kind }[] {
  return LABELS.map((pair) => ({ pair, found: classify(alignTexts(readArticle(join(CORPUS, pair.a)), readArticle(join(CORPUS, pair.b)))).kind ?? 'neither' }));
}
