// The trash: rows deleted (deleted_at set) and not yet purged. restore() puts
// them back exactly as they were; purge() removes them for good, leaving a
// line each in `purged` (see migration 0004).
import { ApiError, type Id, type PurgeResult, type TrashItem, type TrashKind } from '../common/types.ts';
import { createWriter, type Db, type Write } from './write.ts';
import { PRUNE_TAGS } from './annotations.ts';

const TITLE_CHARS = 200;

const TRASH = `
  SELECT 'source' AS kind, s.id, s.title, NULL AS source_id, s.deleted_at,
         (SELECT count(*) FROM annotations a WHERE a.source_id = s.id AND a.deleted_at IS NULL) AS annotations
    FROM sources s WHERE s.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'annotation', a.id, substr(a.exact, 1, ${TITLE_CHARS + 1}), a.source_id, a.deleted_at, 0
    FROM annotations a WHERE a.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'note', n.id, n.title, NULL, n.deleted_at, 0 FROM notes n WHERE n.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'collection', c.id, c.name, NULL, c.deleted_at, 0 FROM collections c WHERE c.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'tag', t.id, t.name, NULL, t.deleted_at,
         (SELECT count(*) FROM annotation_tags at JOIN live_annotations a ON a.id = at.annotation_id WHERE at.tag_id = t.id)
    FROM tags t WHERE t.deleted_at IS NOT NULL`;

interface TrashRow { kind: TrashKind; id: string; title: string; source_id: string | null; deleted_at: string; annotations: number }

const toItem = (r: TrashRow): TrashItem => ({
  kind: r.kind, id: r.id, sourceId: r.source_id, deletedAt: r.deleted_at, annotations: r.annotations,
  title: [...r.title].length > TITLE_CHARS ? `${[...r.title].slice(0, TITLE_CHARS - 1).join('')}…` : r.title,
});

const ORDER = { source: 0, annotation: 1, note: 2, collection: 3, tag: 4 } as const;

export type TrashRepo = ReturnType<typeof createTrashRepo>;

export function createTrashRepo(db: Db, write: Write = createWriter(db)) {
  const listStmt = db.prepare(`${TRASH} ORDER BY deleted_at DESC`);
  const oneStmt = db.prepare(`SELECT * FROM (${TRASH}) WHERE id = ?`);
  const liveTwinStmt = db.prepare('SELECT id FROM live_sources WHERE sha256 = (SELECT sha256 FROM sources WHERE id = ?)').pluck();
  const liveSourceStmt = db.prepare('SELECT 1 FROM live_sources WHERE id = ?').pluck();
  const restoreStmts = {
    source: db.prepare('UPDATE sources SET deleted_at = NULL WHERE id = ?'),
    annotation: db.prepare('UPDATE annotations SET deleted_at = NULL WHERE id = ?'),
    note: db.prepare('UPDATE notes SET deleted_at = NULL WHERE id = ?'),
    collection: db.prepare('UPDATE collections SET deleted_at = NULL WHERE id = ?'),
    tag: db.prepare('UPDATE tags SET deleted_at = NULL WHERE id = ?'),
  };
  const liveNamesakeStmt = db.prepare(`SELECT name FROM live_collections
    WHERE name = (SELECT name FROM collections WHERE id = ?) COLLATE NOCASE`).pluck();
  // a purged source's annotations are stamped with its deletion time, so their `purged` lines carry it
  const stampAnnotationsStmt = db.prepare(`UPDATE annotations SET deleted_at = (SELECT deleted_at FROM sources WHERE id = @id)
    WHERE source_id = @id AND deleted_at IS NULL`);
  const countAnnotationsStmt = db.prepare('SELECT count(*) FROM annotations WHERE source_id = ?').pluck();
  const purgeStmts = {
    source: db.prepare('DELETE FROM sources WHERE id = ? AND deleted_at IS NOT NULL'),
    annotation: db.prepare('DELETE FROM annotations WHERE id = ? AND deleted_at IS NOT NULL'),
    note: db.prepare('DELETE FROM notes WHERE id = ? AND deleted_at IS NOT NULL'),
    collection: db.prepare('DELETE FROM collections WHERE id = ? AND deleted_at IS NOT NULL'),
    tag: db.prepare('DELETE FROM tags WHERE id = ? AND deleted_at IS NOT NULL'),
  };
  const pruneTagsStmt = db.prepare(PRUNE_TAGS);

  const inTrash = (ids: readonly Id[]): TrashItem[] => ids.map((id) => {
    const row = oneStmt.get(id) as TrashRow | undefined;
    if (!row) throw new ApiError('not-found', `Nothing to undo for ${id}: it is not in the trash (never deleted, restored already, or purged)`);
    return toItem(row);
  }).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);

  const purgeItems = (items: TrashItem[]): PurgeResult => {
    const result: PurgeResult = { sources: 0, annotations: 0, notes: 0, collections: 0, tags: 0 };
    for (const item of items) {
      if (item.kind === 'source') {
        stampAnnotationsStmt.run({ id: item.id });
        result.annotations += countAnnotationsStmt.get(item.id) as number;
      }
      // an annotation already gone with its source's purge changes nothing here
      result[`${item.kind}s`] += purgeStmts[item.kind].run(item.id).changes;
    }
    pruneTagsStmt.run();
    return result;
  };

  return {
    /** One row in the trash, or undefined. */
    item(id: Id): TrashItem | undefined {
      const row = oneStmt.get(id) as TrashRow | undefined;
      return row && toItem(row);
    },
    /** Everything in the trash, most recently deleted first. */
    list(): TrashItem[] {
      return (listStmt.all() as TrashRow[]).map(toItem);
    },
    /**
     * Puts the named rows back, all or none: sources first (with the annotations
     * they took along), so an annotation and its source can be restored together.
     */
    restore(ids: readonly Id[]): TrashItem[] {
      return write(() => {
        const items = inTrash([...new Set(ids)]);
        for (const item of items) {
          if (item.kind === 'source') {
            const twin = liveTwinStmt.get(item.id) as string | undefined;
            if (twin) throw new ApiError('conflict', `The same file was imported again in the meantime (source ${twin}); delete that one first to restore this`);
          }
          if (item.kind === 'collection') {
            const namesake = liveNamesakeStmt.get(item.id) as string | undefined;
            if (namesake !== undefined) throw new ApiError('conflict', `There is a collection named “${namesake}” again; rename it to restore this one`);
          }
          if (item.kind === 'annotation' && !liveSourceStmt.get(item.sourceId)) {
            throw new ApiError('conflict', `Annotation ${item.id} belongs to a deleted source (${item.sourceId}); restore the source first`);
          }
          restoreStmts[item.kind].run(item.id);
        }
        return items;
      });
    },
    /** Removes the named rows (or, without ids, everything deleted before `before`, or all) for good. */
    purge(options: { ids?: readonly Id[]; before?: string } = {}): PurgeResult {
      return write(() => {
        const items = options.ids ? inTrash([...new Set(options.ids)])
          : (listStmt.all() as TrashRow[]).map(toItem).filter((i) => options.before === undefined || i.deletedAt < options.before!);
        return purgeItems(items);
      });
    },
  };
}
