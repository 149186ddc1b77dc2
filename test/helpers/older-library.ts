// A library as an older Lectern left it, for the tests of a migration that
// fills something in for existing libraries (annotation-order.test.ts: 0019,
// tag-counts.test.ts: 0021): made through today's store and API, then taken
// back to before the migration (its tables, views and triggers dropped, its
// record removed), so that the migration has real rows to work on.
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import type { LecternApi } from '../../common/api.ts';
import type { Annotation } from '../../common/types.ts';

export interface LibraryPlan {
  /** One source per title, of 200 words each. */
  titles: string[];
  /** The annotations' tags, by turns. */
  tagSets: string[][];
  /** How many annotations (default 40), spread over the sources by turns. */
  annotations?: number;
}

/**
 * Makes the library at `file`: the plan's sources and annotations, then
 * `edit` (renames, deletes…); returns what `measure` reads from the store
 * before it is closed (the figures the migration must give again).
 */
export async function makeLibrary<T>(file: string, plan: LibraryPlan,
  edit: (api: LecternApi, made: { sources: string[]; annotations: Annotation[] }) => Promise<void>, measure: (store: Store) => T): Promise<T> {
  const store = openStore(file);
  try {
    const api = validated(createApi({ store }));
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const { imported } = await api.importFiles(plan.titles.map((t) => ({ name: `${t}.txt`, bytes: new TextEncoder().encode(`${t}\n\n${words}\n`) })));
    const sources = imported.map((i) => i.id);
    const annotations: Annotation[] = [];
    for (let i = 0; i < (plan.annotations ?? 40); i++) {
      annotations.push(await api.createAnnotation({ sourceId: sources[i % sources.length]!, start: 10 + i * 3, end: 15 + i * 3, tags: plan.tagSets[i % plan.tagSets.length]! }));
    }
    await edit(api, { sources, annotations });
    return measure(store);
  } finally { store.close(); }
}

/**
 * Takes the library at `file` back to before migration `version`: drops its
 * `tables` and the views and triggers whose names `objects` selects (an SQL
 * condition on sqlite_master's `name`), and the migration's record. Returns
 * the open connection (for migrate(); the caller closes it).
 */
export function takeBackBefore(file: string, version: number, drop: { tables: string[]; objects: string }): Database.Database {
  const db = new Database(file);
  const drops = db.prepare(`SELECT 'DROP ' || upper(type) || ' ' || name FROM sqlite_master
    WHERE type IN ('trigger', 'view') AND (${drop.objects})`).pluck().all() as string[];
  db.exec([...drops, ...drop.tables.map((t) => `DROP TABLE ${t}`), `DELETE FROM schema_migrations WHERE version = ${version}`].join(';'));
  return db;
}
