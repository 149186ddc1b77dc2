// Backups through SQLite's online backup API (better-sqlite3's db.backup): the
// library stays usable while its pages are copied, and the copy is a
// consistent snapshot even while another process writes. Each backup is written
// beside its destination under a temporary name, checked (quick_check), then
// renamed into place, so a destination is never a half-written file.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { ApiError, type BackupResult } from '../common/types.ts';
import type { Store } from '../db/store.ts';
import { checkIntegrity } from '../db/integrity.ts';

const SIDE_FILES = ['', '-wal', '-shm', '-journal', '-damaged'];

const removeWithSideFiles = (path: string) => { for (const s of SIDE_FILES) rmSync(`${path}${s}`, { force: true }); };

/**
 * Pages per backup step: about a twentieth of the file at a time (the event loop
 * runs between steps), and everything in one step once a write by another
 * process has made SQLite start over, so a busy library is still backed up.
 */
function boundedSteps(): (p: { totalPages: number; remainingPages: number }) => number {
  let lastRemaining = Infinity;
  let restarted = false;
  return ({ totalPages, remainingPages }) => {
    if (remainingPages > lastRemaining) restarted = true;
    lastRemaining = remainingPages;
    return restarted ? totalPages : Math.max(100, Math.ceil(totalPages / 20));
  };
}

/** Copies the library to `dest` (replacing it) and checks the copy. */
export async function backupLibrary(store: Store, dest: string): Promise<BackupResult> {
  const target = resolve(dest);
  const library = resolve(store.file);
  if (SIDE_FILES.some((s) => target === `${library}${s}`)) {
    throw new ApiError('invalid-path', `A backup cannot overwrite the library itself (${target})`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    try {
      await store.db.backup(partial, { progress: boundedSteps() });
    } catch (err) {
      throw new ApiError('backup-failed', `Could not write the backup ${target}: ${(err as Error).message}`);
    }
    // Opened read-write so that closing it folds its WAL back in and leaves one file.
    const copy = new Database(partial, { fileMustExist: true });
    let check;
    try {
      check = checkIntegrity(copy);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, check };
  } finally {
    removeWithSideFiles(partial);
  }
}

const DAILY = /^lectern-(\d{4}-\d{2}-\d{2})\.db$/;
const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day, YYYY-MM-DD. */
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export interface DailyBackupReport {
  /** The backup written today, or null (one existed already, or skipped). */
  created: BackupResult | null;
  /** Why no backup was written, when none was. */
  skipped: string | null;
  /** Older backups removed (beyond the newest `keep`). */
  removed: string[];
}

/**
 * One backup a day in `dir` (lectern-YYYY-MM-DD.db), the newest `keep` kept.
 * A library known to be damaged is not backed up (older good backups must not
 * be rotated out by damaged copies); a copy that fails its check is removed.
 */
export async function dailyBackup({ store, dir, keep = 7, today = new Date() }: {
  store: Store; dir: string; keep?: number; today?: Date;
}): Promise<DailyBackupReport> {
  await mkdir(dir, { recursive: true });
  const name = `lectern-${localDay(today)}.db`;
  const rotate = (): string[] => {
    const all = readdirSync(dir).filter((f) => DAILY.test(f)).sort();
    const old = all.slice(0, Math.max(0, all.length - keep));
    for (const f of old) removeWithSideFiles(join(dir, f));
    return old.map((f) => join(dir, f));
  };
  if (store.status().readOnly?.code === 'damaged') {
    return { created: null, skipped: 'the library is damaged: the older backups are kept as they are', removed: [] };
  }
  if (readdirSync(dir).includes(name)) return { created: null, skipped: `today's backup exists (${join(dir, name)})`, removed: rotate() };
  const created = await backupLibrary(store, join(dir, name));
  if (!created.check.ok) {
    removeWithSideFiles(created.path);
    return { created: null, skipped: `the copy failed its check (${created.check.problems[0]}): removed`, removed: [] };
  }
  return { created, skipped: null, removed: rotate() };
}
