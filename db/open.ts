// Opening a library: read-write and migrated when the file can be written and
// is ours; otherwise read-only, so read commands still work:
// - the file or its folder cannot be written (a read-only share, a copy on a CD);
// - the file was written by a newer Lectern (its schema is above ours);
// - a check found the file damaged (see integrity.ts).
// A read-only WAL library whose folder cannot hold the -shm file, or whose
// schema is older than ours, is read from a copy in memory (migrated there).
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError, type WriteRefusal } from '../common/types.ts';
import { latestVersion, loadMigrations, migrate, newerSchemaMessage, schemaVersion, type Migration, type OnMigrationProgress } from './migrate.ts';
import { damagedMessage, readDamageMarker } from './integrity.ts';
import { registerFtsText } from './fts-text.ts';
import type { Db } from './write.ts';

export type { Db } from './write.ts';

/** How long a write waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;
/** The largest read-only library read from a copy in memory. */
export const MAX_IN_MEMORY_BYTES = 1024 * 1024 * 1024;

export interface OpenOptions {
  /** Open for reading only, even when the file could be written. */
  readOnly?: boolean;
  busyTimeoutMs?: number;
  migrations?: Migration[];
  /** Told how far a long migration step is (a full-text index rebuilt). */
  onMigrationProgress?: OnMigrationProgress;
}

export interface Opened {
  db: Db;
  file: string;
  /** Null when writes are allowed. */
  refusal: WriteRefusal | null;
  schemaVersion: number;
  appSchemaVersion: number;
  inMemory: boolean;
  busyTimeoutMs: number;
}

const errorCode = (err: unknown): string => String((err as { code?: unknown } | null)?.code ?? '');
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const mayWrite = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Whether SQLite can write this library: the file, and its folder for the -wal and -shm files. */
function canWrite(file: string): boolean {
  if (!existsSync(file)) return mayWrite(dirname(file));
  if (!mayWrite(file)) return false;
  return mayWrite(dirname(file)) || (mayWrite(`${file}-wal`) && mayWrite(`${file}-shm`));
}

/**
 * WAL, set once per file. Switching needs a moment of exclusive access, which a
 * process opening the same new file at the same instant may hold: wait for it.
 */
function useWal(db: Db, timeoutMs: number): void {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!/^SQLITE_(BUSY|LOCKED)/.test(errorCode(err)) || Date.now() > until) throw err;
      pause(10);
    }
  }
}

const configure = (db: Db): void => {
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  registerFtsText(db);
};

/** The errors of a read-only file SQLite cannot read in place (no -shm can be made beside it). */
const cannotReadInPlace = (err: unknown): boolean => /^SQLITE_(CANTOPEN|READONLY)/.test(errorCode(err));

const hasContent = (path: string): boolean => existsSync(path) && statSync(path).size > 0;

function openInMemory(file: string, refusal: WriteRefusal, migrations: Migration[], busyTimeoutMs: number): Opened {
  const size = statSync(file).size;
  if (size > MAX_IN_MEMORY_BYTES) {
    throw new Error(`${file} cannot be read where it is (${refusal.message}), and at ${(size / 1024 / 1024).toFixed(0)} MB it is too large to read from a copy in memory; copy it to a folder you can write to`);
  }
  const bytes = readFileSync(file);
  // A WAL file's header says so (bytes 18-19 = 2); the copy in memory has no WAL.
  if (bytes[18] === 2) bytes[18] = bytes[19] = 1;
  const db = new Database(bytes);
  configure(db);
  const version = schemaVersion(db);
  if (version < latestVersion(migrations)) migrate(db, migrations, file);
  const unseen = hasContent(`${file}-wal`) ? ' Changes still in its -wal file are not shown.' : '';
  return {
    db, file, refusal: { ...refusal, message: `${refusal.message}${unseen}` }, schemaVersion: version,
    appSchemaVersion: latestVersion(migrations), inMemory: true, busyTimeoutMs,
  };
}

function openReadOnly(file: string, refusal: WriteRefusal, migrations: Migration[], busyTimeoutMs: number): Opened {
  const ours = latestVersion(migrations);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    const version = schemaVersion(db); // the first read: fails here when no -shm can be made
    if (version >= ours) {
      configure(db);
      return { db, file, refusal, schemaVersion: version, appSchemaVersion: ours, inMemory: false, busyTimeoutMs };
    }
    db.close(); // older than ours: migrate a copy in memory
  } catch (err) {
    db?.close();
    if (!cannotReadInPlace(err)) throw err;
  }
  return openInMemory(file, refusal, migrations, busyTimeoutMs);
}

/** Opens (creating if needed) a Lectern library; migrated when writable, read-only otherwise. */
export function openDatabase(file: string, options: OpenOptions = {}): Opened {
  const migrations = options.migrations ?? loadMigrations();
  const ours = latestVersion(migrations);
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const newer = (version: number): WriteRefusal => ({ code: 'newer-schema', message: newerSchemaMessage(file, version, ours) });

  if (!options.readOnly && canWrite(file)) {
    const db = new Database(file, { timeout: busyTimeoutMs });
    try {
      useWal(db, busyTimeoutMs);
      configure(db);
      const version = schemaVersion(db);
      if (version > ours) {
        db.close();
        return openReadOnly(file, newer(version), migrations, busyTimeoutMs);
      }
      const damage = readDamageMarker(file);
      if (damage) {
        const refusal: WriteRefusal = { code: 'damaged', message: damagedMessage(file, damage) };
        // Nothing is written into a damaged file, migrations included.
        if (version < ours) {
          db.close();
          return openInMemory(file, refusal, migrations, busyTimeoutMs);
        }
        return { db, file, refusal, schemaVersion: version, appSchemaVersion: ours, inMemory: false, busyTimeoutMs };
      }
      migrate(db, migrations, file, options.onMigrationProgress);
      return { db, file, refusal: null, schemaVersion: schemaVersion(db), appSchemaVersion: ours, inMemory: false, busyTimeoutMs };
    } catch (err) {
      if (db.open) db.close();
      // a newer Lectern migrated the file while we waited for the lock
      if (err instanceof ApiError && err.code === 'newer-schema') return openReadOnly(file, { code: 'newer-schema', message: err.message }, migrations, busyTimeoutMs);
      throw err;
    }
  }
  if (!existsSync(file)) {
    throw new Error(options.readOnly ? `There is no library at ${file}` : `Cannot create a library at ${file}: its folder is read-only`);
  }
  const refusal: WriteRefusal = options.readOnly
    ? { code: 'read-only', message: `${file} is open read-only.` }
    : { code: 'read-only', message: `The library ${file} is read-only (the file or its folder cannot be written): it can be read, searched and exported, not changed.` };
  return openReadOnly(file, refusal, migrations, busyTimeoutMs);
}
