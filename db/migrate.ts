import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../common/types.ts';
import { createWriter } from './write.ts';

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

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction followed by
 * a foreign-key check. Safe against processes migrating the same file at once
 * (three opening a new library): each migration is decided inside the write
 * lock, after re-reading schema_migrations, so exactly one process applies it
 * and the others see it done. A file already up to date takes no lock.
 */
export function migrate(db: Database.Database, migrations: Migration[] = loadMigrations(), file = 'The library'): number[] {
  const ours = latestVersion(migrations);
  const done = appliedVersions(db);
  if (migrations.every((m) => done.has(m.version))) return [];
  const write = createWriter(db);
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // A migration that rebuilds a table asks for foreign keys off (they cannot be
    // switched inside a transaction); the check below still runs before commit.
    const keysOff = FOREIGN_KEYS_OFF.test(m.sql) && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      const ran = write(() => {
        db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const now = appliedVersions(db);
        const newest = Math.max(0, ...now);
        if (newest > ours) throw new ApiError('newer-schema', newerSchemaMessage(file, newest, ours));
        if (now.has(m.version)) return false; // another process applied it while we waited for the lock
        db.exec(m.sql);
        const problems = db.pragma('foreign_key_check') as unknown[];
        if (problems.length > 0) {
          throw new Error(`migration ${m.version}_${m.name} leaves ${problems.length} foreign-key violations`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
        return true;
      });
      if (ran) applied.push(m.version);
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}
