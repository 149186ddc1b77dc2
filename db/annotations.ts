import { createWriter, type Db, type Write } from './write.ts';
import type { Annotation, AnnotationColor, AnnotationPatch, AnnotationStatus } from '../common/types.ts';
import { newId, now } from './ids.ts';
import { createTagIds, normaliseTag } from './tags.ts';

export { normaliseTag } from './tags.ts';

export interface NewAnnotationRow {
  id?: string;
  sourceId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  color: AnnotationColor;
  comment: string;
  tags: string[];
  status?: AnnotationStatus;
  score?: number | null;
  /** The annotation this one is a copy of (carried onto a version). */
  carriedFrom?: string | null;
  author?: string;
  created?: string;
  modified?: string;
}

export interface AnnotationRow {
  id: string; source_id: string; start_cp: number; end_cp: number; exact: string; prefix: string; suffix: string;
  /** Only API-validated colours are ever written. */
  color: AnnotationColor; comment: string; status: AnnotationStatus; score: number | null; carried_from: string | null;
  author: string; created: string; modified: string; tags: string;
}

/** An annotation's live tags' names, as a JSON array (a tag in the trash is not shown). */
export const TAGS_OF_A = `(SELECT json_group_array(t.name) FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
  WHERE at.annotation_id = a.id AND t.deleted_at IS NULL)`;

const SELECT = `SELECT a.*, ${TAGS_OF_A} AS tags FROM live_annotations a`;

export const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id, sourceId: r.source_id, start: r.start_cp, end: r.end_cp, exact: r.exact, prefix: r.prefix,
  suffix: r.suffix, color: r.color, comment: r.comment, tags: (JSON.parse(r.tags) as string[]).sort(),
  status: r.status, score: r.score, carriedFrom: r.carried_from, author: r.author, created: r.created, modified: r.modified,
});

/** Drops live tags nothing uses (live or in the trash) and nobody described: a described tag is a code kept in the codebook. */
export const PRUNE_TAGS = `DELETE FROM tags WHERE deleted_at IS NULL AND description = ''
  AND id NOT IN (SELECT tag_id FROM annotation_tags)`;

export type AnnotationRepo = ReturnType<typeof createAnnotationRepo>;

export function createAnnotationRepo(db: Db, write: Write = createWriter(db)) {
  const insertStmt = db.prepare(`INSERT INTO annotations
    (id, source_id, start_cp, end_cp, exact, prefix, suffix, color, comment, status, score, carried_from, author, created, modified)
    VALUES (@id, @sourceId, @start, @end, @exact, @prefix, @suffix, @color, @comment, @status, @score, @carriedFrom, @author, @created, @modified)`);
  const getStmt = db.prepare(`${SELECT} WHERE a.id = ?`);
  const bySourceStmt = db.prepare(`${SELECT} WHERE a.source_id = ? ORDER BY a.start_cp, a.end_cp, a.seq`);
  const trashStmt = db.prepare('UPDATE annotations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const tagIds = createTagIds(db);
  // a tag in the trash keeps its uses, so restoring it gives the passage its tag back
  const clearTagsStmt = db.prepare(`DELETE FROM annotation_tags WHERE annotation_id = ?
    AND tag_id IN (SELECT id FROM tags WHERE deleted_at IS NULL)`);
  const linkTagStmt = db.prepare('INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)');
  // the tags live annotations use (a tag goes for good when the last annotation using it is purged)
  // per tag, stop at its first live use (a join over every use took 110-300 ms at 50,000 annotations, and the app reads this on every change)
  const listTagsStmt = db.prepare(`SELECT t.name FROM live_tags t WHERE EXISTS (SELECT 1 FROM annotation_tags at
    JOIN live_annotations a ON a.id = at.annotation_id WHERE at.tag_id = t.id) ORDER BY t.name COLLATE NOCASE`);
  const pruneTagsStmt = db.prepare(PRUNE_TAGS);

  const setTags = (annotationId: string, tags: string[]): void => {
    clearTagsStmt.run(annotationId);
    for (const raw of tags) {
      const name = normaliseTag(raw);
      if (!name) continue;
      linkTagStmt.run(annotationId, tagIds.idFor(name));
    }
  };

  const get = (id: string): Annotation | undefined => {
    const r = getStmt.get(id) as AnnotationRow | undefined;
    return r && toAnnotation(r);
  };

  return {
    get,
    listBySource(sourceId: string): Annotation[] {
      return (bySourceStmt.all(sourceId) as AnnotationRow[]).map(toAnnotation);
    },
    insert: (row: NewAnnotationRow): Annotation => write(() => {
      const at = now();
      const id = row.id ?? newId();
      insertStmt.run({
        id, sourceId: row.sourceId, start: row.start, end: row.end, exact: row.exact, prefix: row.prefix,
        suffix: row.suffix, color: row.color, comment: row.comment, status: row.status ?? 'anchored',
        score: row.score ?? null, carriedFrom: row.carriedFrom ?? null, author: row.author ?? '', created: row.created ?? at, modified: row.modified ?? at,
      });
      setTags(id, row.tags);
      return get(id)!;
    }),
    update: (id: string, patch: AnnotationPatch): Annotation | undefined => write(() => {
      if (!get(id)) return undefined;
      const sets = ['modified = @modified'];
      if (patch.color !== undefined) sets.push('color = @color');
      if (patch.comment !== undefined) sets.push('comment = @comment');
      db.prepare(`UPDATE annotations SET ${sets.join(', ')} WHERE id = @id AND deleted_at IS NULL`)
        .run({ id, modified: now(), color: patch.color ?? null, comment: patch.comment ?? null });
      if (patch.tags !== undefined) {
        setTags(id, patch.tags);
        pruneTagsStmt.run();
      }
      return get(id);
    }),
    /** Moves an annotation to the trash; returns it as it was. */
    delete: (id: string): Annotation | undefined => write(() => {
      const existing = get(id);
      if (!existing) return undefined;
      trashStmt.run(now(), id);
      return existing;
    }),
    /** Removes tags no annotation (live or in the trash) uses any more. */
    pruneTags(): void {
      write(() => pruneTagsStmt.run());
    },
    listTags(): string[] {
      return listTagsStmt.pluck().all() as string[];
    },
  };
}
