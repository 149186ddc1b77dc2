// Where carried annotations came from (annotations.carried_from, migration
// 0006): a copy's lineage leads back to the original passage it was copied
// from, through copies of copies. One original has at most one copy on a
// source, so carrying again, or onward and back, never doubles it.
import type { AnnotationPlace, Id } from '../common/types.ts';
import { now } from './ids.ts';
import type { Db } from './write.ts';

/** How deep a chain of copies is followed (a copy of a copy of …). */
const MAX_LINEAGE = 64;

export interface AnnotationLineage {
  id: Id;
  sourceId: Id;
  /** The original this annotation descends from (itself when it was not carried; a purged original's id stays). */
  root: Id;
  /** In the trash (itself, or with its source). */
  deleted: boolean;
}

export type CarriedRepo = ReturnType<typeof createCarriedRepo>;

export function createCarriedRepo(db: Db) {
  const lineageStmt = db.prepare(`WITH RECURSIVE up(id, node, depth) AS (
      SELECT id, id, 0 FROM annotations WHERE source_id IN (@a, @b)
      UNION ALL
      SELECT up.id, x.carried_from, up.depth + 1 FROM up JOIN annotations x ON x.id = up.node
       WHERE x.carried_from IS NOT NULL AND up.depth < ${MAX_LINEAGE}
    ), roots AS (SELECT id, node AS root, max(depth) FROM up GROUP BY id)
    SELECT a.id, a.source_id, roots.root, (a.deleted_at IS NOT NULL OR s.deleted_at IS NOT NULL) AS deleted
      FROM roots JOIN annotations a ON a.id = roots.id JOIN sources s ON s.id = a.source_id ORDER BY a.seq`);

  const placeStmt = db.prepare(`UPDATE annotations SET start_cp = @start, end_cp = @end, exact = @exact, prefix = @prefix,
    suffix = @suffix, status = @status, score = @score, modified = @modified WHERE id = @id AND deleted_at IS NULL`);

  return {
    /** Puts a live annotation at `at` with its verdict (a review decision, or its undo); false when it is not live. */
    setPlace(id: Id, at: AnnotationPlace): boolean {
      return placeStmt.run({ id, ...at, modified: now() }).changes === 1;
    },
    /** Every annotation of the two sources (live and in the trash) with the original it descends from. */
    lineage(a: Id, b: Id): AnnotationLineage[] {
      return (lineageStmt.all({ a, b }) as Array<{ id: string; source_id: string; root: string; deleted: number }>)
        .map((r) => ({ id: r.id, sourceId: r.source_id, root: r.root, deleted: r.deleted === 1 }));
    },
  };
}
