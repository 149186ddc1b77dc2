// The codebook: tags as codes, nestable as `parent/child`. Renaming or moving
// a tag takes its children along; merging moves every use of one tag (and of
// its children) onto another; deleting moves a tag and its children to the
// trash (db/trash.ts restores them with their uses). Names are unique among
// all tags, case ignored; a deleted tag whose name is wanted again is purged
// from the trash first (claimTagName).
import { ApiError, MAX_TAG_NAME, type CodebookTag, type TagChange, type TagMergeUndone, type TrashItem } from '../common/types.ts';
import { createWriter, type Db, type Write } from './write.ts';
import { newId, now } from './ids.ts';
import { isWithin, leafOf } from '../common/tag-path.ts';
import { createTagMergeUndo } from './tag-merge-undo.ts';

/** Normalises a researcher's tag: trimmed, `parent/child` segments trimmed, empty segments dropped. */
export function normaliseTag(tag: string): string {
  return tag.split('/').map((s) => s.trim()).filter(Boolean).join('/');
}

/** SQL: the tag row `t` is @tag or one of its children (case ignored, as names are). */
export const TAG_OR_CHILD = `(t.name = @tag OR substr(t.name, 1, length(@tag) + 1) = @tag || '/' COLLATE NOCASE)`;

const lower = (s: string) => s.toLowerCase();
/** SQLite's NOCASE (ASCII letters only): how tag names and paths are told apart. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface TagRow { id: string; name: string; description: string; deleted_at: string | null }

/**
 * The id of the live tag with this name, made when there is none. A tag in the
 * trash with the name is purged first: the name is the researcher's again.
 */
export function createTagIds(db: Db) {
  const byNameStmt = db.prepare('SELECT id, name, description, deleted_at FROM tags WHERE name = ?');
  const purgeStmt = db.prepare('DELETE FROM tags WHERE id = ?');
  const insertStmt = db.prepare('INSERT INTO tags (id, name, created, description) VALUES (?, ?, ?, ?)');
  /** Frees a name held by a tag in the trash; returns the live tag with the name, if any. */
  const claim = (name: string): TagRow | undefined => {
    const row = byNameStmt.get(name) as TagRow | undefined;
    if (row && row.deleted_at !== null) {
      purgeStmt.run(row.id);
      return undefined;
    }
    return row;
  };
  return {
    claim,
    idFor(name: string, description = ''): string {
      const live = claim(name);
      if (live) return live.id;
      const id = newId();
      insertStmt.run(id, name, now(), description);
      return id;
    },
  };
}

const validName = (raw: string, what: string): string => {
  const name = normaliseTag(raw);
  if (!name) throw new ApiError('invalid-arguments', `${what} needs a name (it was empty)`);
  if ([...name].length > MAX_TAG_NAME) throw new ApiError('invalid-arguments', `${what} is longer than ${MAX_TAG_NAME} characters`);
  return name;
};

export type TagRepo = ReturnType<typeof createTagRepo>;

export function createTagRepo(db: Db, write: Write = createWriter(db)) {
  const tagIds = createTagIds(db);
  const mergeUndo = createTagMergeUndo(db);
  const liveStmt = db.prepare('SELECT id, name, description, deleted_at FROM live_tags ORDER BY name COLLATE NOCASE');
  const subtreeStmt = db.prepare(`SELECT id, name, description, deleted_at FROM live_tags t WHERE ${TAG_OR_CHILD}
    ORDER BY length(name) DESC`);
  const liveByNameStmt = db.prepare('SELECT id, name, description, deleted_at FROM live_tags WHERE name = ?');
  /** The stored counts of every tag path (migration 0021 keeps them; prepared when first read, so a store opens at an older schema). */
  let countsStmt: { iterate(): IterableIterator<unknown> } | undefined;
  /** Live annotations tagged with any of these tag ids, each once. */
  const usesStmt = db.prepare(`SELECT count(DISTINCT at.annotation_id) FROM annotation_tags at
    JOIN annotations a ON a.id = at.annotation_id JOIN sources s INDEXED BY sources_live_ids ON s.id = a.source_id
    WHERE at.tag_id IN (SELECT value FROM json_each(?)) AND a.deleted_at IS NULL AND s.deleted_at IS NULL`).pluck();
  const renameStmt = db.prepare('UPDATE tags SET name = ? WHERE id = ?');
  const describeStmt = db.prepare('UPDATE tags SET description = ? WHERE id = ?');
  const moveUsesStmt = db.prepare(`INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)
    SELECT annotation_id, @to FROM annotation_tags WHERE tag_id = @from`);
  const dropStmt = db.prepare('DELETE FROM tags WHERE id = ?');
  const trashStmt = db.prepare('UPDATE tags SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');

  const subtree = (name: string): TagRow[] => subtreeStmt.all({ tag: name }) as TagRow[];
  const liveNamed = (name: string) => liveByNameStmt.get(name) as TagRow | undefined;
  const existing = (name: string): TagRow[] => {
    const rows = subtree(name);
    if (rows.length === 0) throw new ApiError('not-found', `No tag “${name}” (lectern tags lists them)`);
    return rows;
  };
  const uses = (rows: TagRow[]): number => usesStmt.get(JSON.stringify(rows.map((r) => r.id))) as number;
  /** `row`'s name with the `from` prefix replaced by `to`. */
  const renamed = (row: TagRow, from: string, to: string) => `${to}${row.name.slice(from.length)}`;

  function list(): CodebookTag[] {
    const rows = liveStmt.all() as TagRow[];
    const byName = new Map<string, CodebookTag>();
    const add = (name: string, row?: TagRow) => {
      const key = nocase(name);
      if (byName.has(key) && !row) return;
      byName.set(key, { id: row?.id ?? null, name: row?.name ?? name, description: row?.description ?? '', count: 0, total: 0 });
    };
    for (const row of rows) {
      add(row.name, row);
      // the parents of a nested tag are in the codebook even without a row of their own
      const parts = row.name.split('/');
      for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join('/'));
    }
    countsStmt ??= db.prepare('SELECT path, uses, total FROM tag_counts WHERE total > 0');
    for (const c of countsStmt.iterate() as Iterable<{ path: string; uses: number; total: number }>) {
      const e = byName.get(nocase(c.path));
      if (e) { e.count = c.uses; e.total = c.total; }
    }
    return [...byName.values()].sort((a, b) => lower(a.name) < lower(b.name) ? -1 : lower(a.name) > lower(b.name) ? 1 : 0);
  }

  const entry = (name: string): CodebookTag => list().find((t) => lower(t.name) === lower(name))!;

  /** Renames `from` (and its children, under the new name) to `to`: refused when a name is taken. */
  function rename(rawFrom: string, rawTo: string): TagChange {
    const from = validName(rawFrom, 'The tag to rename');
    const to = validName(rawTo, 'The new tag');
    return write(() => {
      const rows = existing(from);
      if (from === to) return { tags: 0, annotations: 0 };
      if (lower(from) !== lower(to) && isWithin(to, from)) {
        throw new ApiError('invalid-arguments', `“${to}” is inside “${from}”: a tag cannot go under itself`);
      }
      for (const row of rows) {
        const taken = liveNamed(renamed(row, from, to));
        if (taken && taken.id !== row.id) {
          throw new ApiError('conflict', `There is already a tag “${taken.name}”: merge “${from}” into “${to}” instead (lectern tag merge)`);
        }
      }
      for (const row of rows) {
        const name = renamed(row, from, to);
        if (lower(name) !== lower(row.name)) tagIds.claim(name);
        renameStmt.run(name, row.id);
      }
      return { tags: rows.length, annotations: uses(rows) };
    });
  }

  return {
    list,
    rename,
    /** Puts `name` (with its children) under `parent`, or at the top when parent is null. */
    move(rawName: string, parent: string | null): TagChange {
      const name = validName(rawName, 'The tag to move');
      const under = parent === null ? '' : validName(parent, 'The parent tag');
      return rename(name, under ? `${under}/${leafOf(name)}` : leafOf(name));
    },
    /**
     * Moves every use of `from` onto `into` (a child `from/x` onto `into/x`,
     * merged when that exists, renamed when not); `from` is gone afterwards.
     * `into` keeps its description (or takes from's when it had none).
     * undoMerge(from, into) takes it back.
     */
    merge(rawFrom: string, rawInto: string): TagChange {
      const from = validName(rawFrom, 'The tag to merge');
      const into = validName(rawInto, 'The tag to merge into');
      return write(() => {
        const rows = existing(from);
        existing(into);
        // a child may fold into its parent; a tag cannot merge into its own child
        if (isWithin(into, from)) throw new ApiError('invalid-arguments', `“${into}” is inside “${from}”: a tag cannot merge into its own child`);
        const annotations = uses(rows);
        const undo = mergeUndo.begin(from, into, rows.at(-1)!.name);
        for (const row of rows.slice().reverse()) {
          const name = renamed(row, from, into);
          const target = liveNamed(name);
          if (!target) {
            undo.renamed(row.id, name);
            tagIds.claim(name);
            renameStmt.run(name, row.id);
            continue;
          }
          undo.folded(row.id, target);
          moveUsesStmt.run({ from: row.id, to: target.id });
          if (!target.description && row.description) describeStmt.run(row.description, target.id);
          dropStmt.run(row.id);
        }
        undo.done();
        return { tags: rows.length, annotations };
      });
    },
    /**
     * Takes back the latest merge of `from` into `into` (kept in the library, migration 0022): the merged tag is back with
     * exactly its uses, description and parent; `name` is its name; what changed since the merge stays and is said in notRestored.
     */
    undoMerge(rawFrom: string, rawInto: string): TagMergeUndone {
      const from = validName(rawFrom, 'The merged tag');
      const into = validName(rawInto, 'The tag it was merged into');
      return write(() => mergeUndo.undo(from, into));
    },
    /** Sets a tag's description (a tag not yet used is made: a code before its first passage). */
    describe(rawName: string, description: string): CodebookTag {
      const name = validName(rawName, 'The tag to describe');
      return write(() => {
        const row = liveNamed(name);
        if (row) describeStmt.run(description, row.id);
        else tagIds.idFor(name, description);
        return entry(name);
      });
    },
    /** Moves a tag and its children to the trash; their ids undo it with restore(ids). */
    delete(rawName: string, trashItem: (id: string) => TrashItem | undefined): TrashItem[] {
      const name = validName(rawName, 'The tag to delete');
      return write(() => {
        const rows = existing(name);
        const at = now();
        for (const row of rows) trashStmt.run(at, row.id);
        return rows.map((r) => trashItem(r.id)!).reverse();
      });
    },
  };
}
