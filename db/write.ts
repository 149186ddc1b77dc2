// The one way to write: every write transaction starts IMMEDIATE, so it takes
// the write lock (waiting busy_timeout for it) before its first read. A
// deferred transaction that reads and then writes cannot wait: when another
// process (the app beside the CLI) committed in between, SQLite fails it at
// once with SQLITE_BUSY. A lint rule (eslint.config.js) flags every other
// `.transaction(` call.
import type Database from 'better-sqlite3';
import { ApiError, type WriteRefusal } from '../common/types.ts';

export type Db = Database.Database;

/** Runs fn in one IMMEDIATE write transaction (a savepoint when already inside one) and returns its result. */
export type Write = <T>(fn: () => T) => T;

const LIBRARY_WIDE = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CORRUPT|NOTADB|NOMEM|CANTOPEN)/;
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;

const sqliteCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * An ApiError for failures of the whole library rather than of one row: the lock
 * could not be had in time, the file cannot be written, the disk is full, the
 * file is damaged. Null for anything else (a constraint, a bad value).
 */
export function libraryFailure(err: unknown, busyTimeoutMs: number): ApiError | null {
  if (err instanceof ApiError) return ['busy', 'read-only', 'newer-schema', 'damaged', 'disk-full'].includes(err.code) ? err : null;
  const code = sqliteCode(err);
  if (!LIBRARY_WIDE.test(code)) return null;
  const detail = (err as Error).message;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new ApiError('busy', `The library is busy: another Lectern process (the app or the CLI) kept it locked for more than ${busyTimeoutMs / 1000} s. Nothing was changed; try again. (${detail})`);
  }
  if (code.startsWith('SQLITE_READONLY')) return new ApiError('read-only', `The library is read-only: ${detail}`);
  if (code.startsWith('SQLITE_FULL')) return new ApiError('disk-full', `The disk is full (or the library reached its size limit); nothing more was written. (${detail})`);
  if (CORRUPT.test(code)) return new ApiError('damaged', `The library file is damaged: ${detail}`);
  return new ApiError('io-error', `The library file could not be written: ${detail}`);
}

export const isCorruption = (err: unknown): boolean => CORRUPT.test(sqliteCode(err));

export interface WriterOptions {
  /** Why writes are refused right now (read-only, newer schema, damaged), or null. Checked before every write. */
  refusal?: () => WriteRefusal | null;
  /** Called when SQLite reports the file damaged during a write. */
  onCorruption?: (message: string) => void;
  busyTimeoutMs?: number;
}

export function createWriter(db: Db, options: WriterOptions = {}): Write {
  const busyTimeoutMs = options.busyTimeoutMs ?? (db.pragma('busy_timeout', { simple: true }) as number);
  return <T>(fn: () => T): T => {
    if (db.inTransaction) return db.transaction(fn).immediate(); // a savepoint: the outer call translates errors
    const refused = options.refusal?.();
    if (refused) throw new ApiError(refused.code, refused.message);
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      if (isCorruption(err)) options.onCorruption?.((err as Error).message);
      throw libraryFailure(err, busyTimeoutMs) ?? err;
    }
  };
}
