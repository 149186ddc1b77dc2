// Collections: named groups of sources (a source can be in several). Deleting
// one moves it to the trash (db/trash.ts restores it); its sources stay.
import { ApiError, type Collection, type CollectionChange, type Id } from '../common/types.ts';
import { createWriter, type Db, type Write } from './write.ts';
import { newId, now } from './ids.ts';

interface CollectionRow { id: string; name: string; created: string; modified: string; n: number }

const SELECT = `SELECT c.id, c.name, c.created, c.modified,
    (SELECT count(*) FROM collection_sources cs JOIN sources s INDEXED BY sources_live_ids ON s.id = cs.source_id
      WHERE cs.collection_id = c.id AND s.deleted_at IS NULL) AS n
  FROM live_collections c`;

const toCollection = (r: CollectionRow): Collection => ({ id: r.id, name: r.name, sourceCount: r.n, created: r.created, modified: r.modified });

/** A name as stored: trimmed, inner runs of white space made one space. */
export const collectionName = (name: string): string => name.trim().replace(/\s+/gu, ' ');

export type CollectionRepo = ReturnType<typeof createCollectionRepo>;

export function createCollectionRepo(db: Db, write: Write = createWriter(db)) {
  const listStmt = db.prepare(`${SELECT} ORDER BY c.name COLLATE NOCASE, c.seq`);
  const getStmt = db.prepare(`${SELECT} WHERE c.id = ?`);
  const byNameStmt = db.prepare(`${SELECT} WHERE c.name = ? COLLATE NOCASE`);
  const ofSourceStmt = db.prepare(`${SELECT} WHERE c.id IN (SELECT collection_id FROM collection_sources WHERE source_id = ?)
    ORDER BY c.name COLLATE NOCASE, c.seq`);
  const insertStmt = db.prepare('INSERT INTO collections (id, name, created, modified) VALUES (?, ?, ?, ?)');
  const renameStmt = db.prepare('UPDATE collections SET name = ?, modified = ? WHERE id = ? AND deleted_at IS NULL');
  const touchStmt = db.prepare('UPDATE collections SET modified = ? WHERE id = ?');
  const trashStmt = db.prepare('UPDATE collections SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const missingSourcesStmt = db.prepare(`SELECT value FROM json_each(?) WHERE value NOT IN
    (SELECT id FROM sources INDEXED BY sources_live_ids WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?)))`).pluck();
  const addStmt = db.prepare(`INSERT OR IGNORE INTO collection_sources (collection_id, source_id, added_at)
    SELECT ?, value, ? FROM json_each(?)`);
  const removeStmt = db.prepare('DELETE FROM collection_sources WHERE collection_id = ? AND source_id IN (SELECT value FROM json_each(?))');

  const get = (id: Id): Collection | undefined => {
    const r = getStmt.get(id) as CollectionRow | undefined;
    return r && toCollection(r);
  };
  const existing = (id: Id): Collection => {
    const c = get(id);
    if (!c) throw new ApiError('not-found', `No collection ${id}`);
    return c;
  };
  const nameFree = (name: string, except?: Id) => {
    const other = byNameStmt.get(name) as CollectionRow | undefined;
    if (other && other.id !== except) throw new ApiError('conflict', `There is already a collection named “${other.name}”`);
  };
  const validName = (name: string): string => {
    const n = collectionName(name);
    if (!n) throw new ApiError('invalid-arguments', 'A collection needs a name');
    return n;
  };

  return {
    list(): Collection[] {
      return (listStmt.all() as CollectionRow[]).map(toCollection);
    },
    get,
    byName(name: string): Collection | undefined {
      const r = byNameStmt.get(collectionName(name)) as CollectionRow | undefined;
      return r && toCollection(r);
    },
    /** The collections a source is in. */
    ofSource(sourceId: Id): Collection[] {
      return (ofSourceStmt.all(sourceId) as CollectionRow[]).map(toCollection);
    },
    create(name: string): Collection {
      const n = validName(name);
      return write(() => {
        nameFree(n);
        const id = newId();
        const at = now();
        insertStmt.run(id, n, at, at);
        return existing(id);
      });
    },
    rename(id: Id, name: string): Collection {
      const n = validName(name);
      return write(() => {
        existing(id);
        nameFree(n, id);
        renameStmt.run(n, now(), id);
        return existing(id);
      });
    },
    /** Moves a collection to the trash; its sources are not touched. */
    delete(id: Id): boolean {
      return write(() => trashStmt.run(now(), id).changes > 0);
    },
    /** Adds sources (all or none: every id must be a live source). */
    add(id: Id, sourceIds: readonly Id[]): CollectionChange {
      const ids = JSON.stringify([...new Set(sourceIds)]);
      return write(() => {
        existing(id);
        const missing = missingSourcesStmt.all(ids, ids) as string[];
        if (missing.length > 0) {
          throw new ApiError('not-found', `No source ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}: nothing was added`);
        }
        const changed = addStmt.run(id, now(), ids).changes;
        if (changed > 0) touchStmt.run(now(), id);
        return { collection: existing(id), changed };
      });
    },
    /** Takes sources out of a collection (the sources themselves stay in the library). */
    remove(id: Id, sourceIds: readonly Id[]): CollectionChange {
      return write(() => {
        existing(id);
        const changed = removeStmt.run(id, JSON.stringify([...new Set(sourceIds)])).changes;
        if (changed > 0) touchStmt.run(now(), id);
        return { collection: existing(id), changed };
      });
    },
  };
}
