// Where a source stands among the files of one revision chain (the same file
// imported again, changed: relations of kind 'revision', earlier → later):
// "revision 2 of 3". The library's rows and the Annotations view's rows show
// it, since a file and its revision keep one title. The walk goes through
// trashed files too (a chain with a trashed middle is still one chain) but
// counts only live ones.
import type { RevisionPlace } from '../common/types.ts';
import type { Db } from './write.ts';

/** Rows one walk may visit (a bound no real chain meets). */
const MAX_WALK = 10_000;

const walk = (name: string, from: string, to: string) => `${name}(root, id) AS (
    SELECT value, value FROM json_each(@ids) j WHERE EXISTS (SELECT 1 FROM source_relations r WHERE r.${from} = j.value AND r.kind = 'revision')
    UNION SELECT ${name}.root, r.${to} FROM ${name} JOIN source_relations r ON r.${from} = ${name}.id AND r.kind = 'revision'
    LIMIT ${MAX_WALK}
  )`;

/** Live files of the chain before (earlier) and after (later) each root, itself not counted. */
const LIVE = (table: string) => `SELECT w.root, count(DISTINCT w.id) AS n FROM ${table} w
  JOIN sources s INDEXED BY sources_live_ids ON s.id = w.id AND s.deleted_at IS NULL WHERE w.id <> w.root GROUP BY w.root`;

export function createRevisionPlaces(db: Db) {
  const stmt = db.prepare(`WITH RECURSIVE ${walk('back', 'b_id', 'a_id')}, ${walk('fwd', 'a_id', 'b_id')}
    SELECT root, sum(earlier) AS earlier, sum(later) AS later FROM (
      SELECT root, n AS earlier, 0 AS later FROM (${LIVE('back')}) UNION ALL SELECT root, 0, n FROM (${LIVE('fwd')})
    ) GROUP BY root`);
  /** The place of each of these sources that is one of two or more live files of a revision chain (the others are left out). */
  return (ids: readonly string[]): Map<string, RevisionPlace> => {
    const places = new Map<string, RevisionPlace>();
    if (ids.length === 0) return places;
    for (const r of stmt.all({ ids: JSON.stringify(ids) }) as Array<{ root: string; earlier: number; later: number }>) {
      places.set(r.root, { n: r.earlier + 1, of: r.earlier + r.later + 1 });
    }
    return places;
  };
}
