import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { ApiError } from '../common/types.ts';
import { registerFtsText } from './fts-text.ts';
import { readDamageMarker } from './integrity.ts';
import { libraryFailure } from './write.ts';

/** db/migrations in the source tree; dist/electron/migrations in the bundle (the build copies them). */
export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

const FOREIGN_KEYS_OFF = /^-- lectern: foreign_keys=off$/m;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

export const latestVersion = (migrations: Migration[] = loadMigrations()): number =>
  Math.max(0, ...migrations.map((m) => m.version));

const hasMigrationsTable = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;

function appliedVersions(db: Database.Database): Set<number> {
  if (!hasMigrationsTable(db)) return new Set();
  return new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
}

/** The newest migration recorded in the file (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  if (!hasMigrationsTable(db)) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number);
}

export const newerSchemaMessage = (file: string, version: number, ours: number): string =>
  `${file} was written by a newer Lectern (schema version ${version}; this Lectern knows versions up to ${ours}). ` +
  'It is open read-only: update Lectern to change it.';

/** How far a long step of a migration is (a full-text index rebuilt from its content, row by row). */
export interface MigrationProgress {
  version: number;
  name: string;
  /** What is being done, for a person. */
  task: string;
  done: number;
  total: number;
}
export type OnMigrationProgress = (progress: MigrationProgress) => void;

/** The progress as a person reads it: "Updating the search index… 40%". */
export const progressText = (p: MigrationProgress): string => `${p.task}… ${Math.floor((100 * p.done) / Math.max(1, p.total))}%`;

/** Rows a full-text index is rebuilt with at a time (about 0.3 s of work at most); progress is reported after each. */
export const REBUILD_CHUNK = 1_000;

/** A statement `INSERT INTO t(t) VALUES ('rebuild')` on a line of its own: rebuilt in chunks, with progress. */
const REBUILD = /^[ \t]*INSERT\s+INTO\s+(\w+)\s*\(\s*\1\s*\)\s*VALUES\s*\(\s*'rebuild'\s*\)\s*;[ \t]*$/gim;

type Step = { sql: string } | { rebuild: string };

/** A migration's SQL cut at its full-text index rebuilds. */
function stepsOf(sql: string): Step[] {
  const steps: Step[] = [];
  let at = 0;
  for (const m of sql.matchAll(REBUILD)) {
    steps.push({ sql: sql.slice(at, m.index) }, { rebuild: m[1]! });
    at = m.index + m[0].length;
  }
  steps.push({ sql: sql.slice(at) });
  return steps;
}

/** FTS5 arguments split at top-level commas (a quoted value may hold one). */
function ftsArguments(sql: string): string[] {
  const inner = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  const args: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of inner) {
    if (quote) { if (ch === quote) quote = null; }
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') { args.push(current.trim()); current = ''; continue; }
    current += ch;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}

/** An external-content FTS5 table's content table, rowid column and indexed columns; null for any other table. */
function externalContent(db: Database.Database, table: string): { content: string; rowid: string; columns: string[] } | null {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  if (!sql || !/USING\s+fts5\s*\(/i.test(sql)) return null;
  const options = new Map<string, string>();
  const columns: string[] = [];
  for (const arg of ftsArguments(sql)) {
    const option = /^(\w+)\s*=\s*'((?:[^']|'')*)'$/.exec(arg);
    if (option) options.set(option[1]!.toLowerCase(), option[2]!.replaceAll("''", "'"));
    else columns.push(arg.split(/\s+/)[0]!);
  }
  const content = options.get('content');
  if (!content || !columns.every((c) => /^\w+$/.test(c)) || !/^\w+$/.test(content)) return null;
  const rowid = options.get('content_rowid') ?? 'rowid';
  return /^\w+$/.test(rowid) ? { content, rowid, columns } : null;
}

/**
 * FTS5's 'rebuild' of an external-content table, in chunks of rowids (the
 * index holds the same rows once done), yielding after each so a caller can
 * show progress and let other work run. Inside the migration's transaction: an
 * interrupted rebuild leaves nothing, and the next open starts it again.
 */
function* rebuildIndex(db: Database.Database, table: string, report: (done: number, total: number) => void): Generator<void, void> {
  const spec = externalContent(db, table);
  if (!spec) {
    db.exec(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`);
    return;
  }
  const { content, rowid, columns } = spec;
  const cols = columns.join(', ');
  db.exec(`INSERT INTO ${table}(${table}) VALUES ('delete-all')`);
  const total = db.prepare(`SELECT count(*) FROM ${content}`).pluck().get() as number;
  const lastOfChunk = db.prepare(`SELECT max(r) FROM (SELECT ${rowid} AS r FROM ${content} WHERE ${rowid} > ? ORDER BY ${rowid} LIMIT ${REBUILD_CHUNK})`).pluck();
  const insert = db.prepare(`INSERT INTO ${table}(rowid, ${cols}) SELECT ${rowid}, ${cols} FROM ${content}
    WHERE ${rowid} > ? AND ${rowid} <= ? ORDER BY ${rowid}`);
  let done = 0;
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const last = lastOfChunk.get(after) as number | null;
    if (last === null) break;
    insert.run(after, last);
    done = Math.min(total, done + REBUILD_CHUNK);
    after = last;
    if (total > REBUILD_CHUNK) report(done, total);
    yield;
  }
}

/** What a rebuild is called for a person. */
const rebuildTask = (table: string): string => (/fts/.test(table) ? 'Updating the search index' : `Rebuilding ${table}`);

/**
 * The pending migrations, each in its own IMMEDIATE transaction followed by a
 * foreign-key check, yielding inside one whenever a long step (a full-text
 * index rebuild) has done a chunk. Returns the versions applied.
 */
function* migrationRun(db: Database.Database, migrations: Migration[], file: string, onProgress?: OnMigrationProgress): Generator<void, number[]> {
  registerFtsText(db); // the index triggers and content views call it (migration 0023)
  const ours = latestVersion(migrations);
  const done = appliedVersions(db);
  if (migrations.every((m) => done.has(m.version))) return [];
  const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // A migration that rebuilds a table asks for foreign keys off (they cannot be
    // switched inside a transaction); the check below still runs before commit.
    const keysOff = FOREIGN_KEYS_OFF.test(m.sql) && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const now = appliedVersions(db);
        const newest = Math.max(0, ...now);
        if (newest > ours) throw new ApiError('newer-schema', newerSchemaMessage(file, newest, ours));
        if (!now.has(m.version)) { // else another process applied it while we waited for the lock
          for (const step of stepsOf(m.sql)) {
            if ('sql' in step) db.exec(step.sql);
            else {
              const task = rebuildTask(step.rebuild);
              yield* rebuildIndex(db, step.rebuild, (n, total) => onProgress?.({ version: m.version, name: m.name, task, done: n, total }));
            }
          }
          const problems = db.pragma('foreign_key_check') as unknown[];
          if (problems.length > 0) {
            throw new Error(`migration ${m.version}_${m.name} leaves ${problems.length} foreign-key violations`);
          }
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(m.version, m.name, new Date().toISOString());
          applied.push(m.version);
        }
        db.exec('COMMIT');
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw libraryFailure(err, busyTimeoutMs) ?? err;
      }
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction followed by
 * a foreign-key check. Safe against processes migrating the same file at once
 * (three opening a new library): each migration is decided inside the write
 * lock, after re-reading schema_migrations, so exactly one process applies it
 * and the others see it done. A file already up to date takes no lock. A long
 * step (a full-text index rebuilt) reports its progress to onProgress.
 */
export function migrate(db: Database.Database, migrations: Migration[] = loadMigrations(), file = 'The library', onProgress?: OnMigrationProgress): number[] {
  const run = migrationRun(db, migrations, file, onProgress);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/** As migrate, letting the event loop run between chunks of a long step (so a window can show its progress). */
export async function migrateGradually(db: Database.Database, migrations: Migration[], file: string, onProgress: OnMigrationProgress): Promise<number[]> {
  const run = migrationRun(db, migrations, file, onProgress);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

/**
 * Brings a library file's schema up to date before the app opens it, with
 * progress, on a connection of its own; then opening it finds nothing to do.
 * Does nothing to a new file, a damaged one (nothing is written into it) or
 * one already up to date; a failure (read-only, newer, busy) is left for the
 * open to report.
 */
export async function migrateFileGradually(file: string, onProgress: OnMigrationProgress, options: { busyTimeoutMs: number; migrations?: Migration[] }): Promise<number[]> {
  const migrations = options.migrations ?? loadMigrations();
  if (!existsSync(file) || readDamageMarker(file)) return [];
  const db = new Database(file, { timeout: options.busyTimeoutMs, fileMustExist: true });
  try {
    if (schemaVersion(db) >= latestVersion(migrations)) return [];
    db.pragma('foreign_keys = ON');
    return await migrateGradually(db, migrations, file, onProgress);
  } finally {
    db.close();
  }
}
