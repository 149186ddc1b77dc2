import { createWriter, type Db, type Write } from './write.ts';
import { DEFAULT_SETTINGS, type Settings } from '../common/types.ts';

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;

export function createSettingsRepo(db: Db, write: Write = createWriter(db)) {
  const allStmt = db.prepare('SELECT key, value FROM settings');
  const upsertStmt = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`);

  const get = (): Settings => {
    const stored: Record<string, unknown> = {};
    for (const { key, value } of allStmt.all() as Array<{ key: string; value: string }>) {
      if (key in DEFAULT_SETTINGS) stored[key] = JSON.parse(value);
    }
    return { ...DEFAULT_SETTINGS, ...stored } as Settings;
  };

  return {
    get,
    update: (patch: Partial<Settings>): Settings => write(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (key in DEFAULT_SETTINGS && value !== undefined) upsertStmt.run(key, JSON.stringify(value));
      }
      return get();
    }),
  };
}
