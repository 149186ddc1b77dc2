import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

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

/** Applies pending migrations, each in one transaction followed by a foreign-key check. */
export function migrate(db: Database.Database, migrations: Migration[] = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // A migration that rebuilds a table asks for foreign keys off (they cannot be
    // switched inside a transaction); the check below still runs before commit.
    const keysOff = FOREIGN_KEYS_OFF.test(m.sql) && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        const problems = db.pragma('foreign_key_check') as unknown[];
        if (problems.length > 0) {
          throw new Error(`migration ${m.version}_${m.name} leaves ${problems.length} foreign-key violations`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      })();
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
