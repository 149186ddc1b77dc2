// What the desktop app does to its library once at start, in the background:
// an integrity check (quick_check in a worker thread), then, if the file is
// sound, the daily backup and emptying the trash of rows deleted long ago.
// The shell calls startupMaintenance once after opening the store and tells the
// researcher when report.check.ok is false (writes are refused from then on).
import { join } from 'node:path';
import type { IntegrityReport, PurgeResult } from '../common/types.ts';
import type { Store } from '../db/store.ts';
import { dailyBackup, type DailyBackupReport } from './backup.ts';

/** Rows stay in the trash (restorable) this many days. */
export const TRASH_DAYS = 30;
/** Daily backups kept in the app's data folder. */
export const BACKUPS_KEPT = 7;

export interface StartupReport {
  check: IntegrityReport;
  backup: DailyBackupReport | null;
  purged: PurgeResult | null;
  /** What went wrong in a step after the check (a backup folder that cannot be written, ...), or null. */
  error: string | null;
}

export async function startupMaintenance({ store, dataDir, now = new Date(), trashDays = TRASH_DAYS, keepBackups = BACKUPS_KEPT }: {
  store: Store; dataDir: string; now?: Date; trashDays?: number; keepBackups?: number;
}): Promise<StartupReport> {
  const check = await store.checkInBackground();
  const report: StartupReport = { check, backup: null, purged: null, error: null };
  if (!check.ok) return report;
  try {
    report.backup = await dailyBackup({ store, dir: join(dataDir, 'backups'), keep: keepBackups, today: now });
    if (store.status().readOnly === null) {
      report.purged = store.trash.purge({ before: new Date(now.getTime() - trashDays * 86_400_000).toISOString() });
    }
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
  }
  return report;
}

/** What the researcher must be told after start-up maintenance, or null when all is well. */
export function startupWarning(report: StartupReport): { message: string; detail: string } | null {
  if (!report.check.ok) {
    return {
      message: 'The library file is damaged',
      detail: [
        'Lectern found problems in its database and will not write to it, so nothing more can be lost.',
        'Your sources and notes can still be read and exported. Restore a backup from the "backups" folder',
        'beside the library (or run `lectern check --full`), then start Lectern again.',
        '',
        ...report.check.problems.slice(0, 5),
      ].join('\n'),
    };
  }
  if (report.error) {
    return { message: 'The daily backup could not be made', detail: report.error };
  }
  return null;
}
