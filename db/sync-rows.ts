// The rows of one synced record, read whole (trash state included) and
// written back exactly as another machine sent them: what a sync turns into a
// CouchDB document and back. Derived data (full-text indexes, a note's text
// and citations) is rebuilt here from what arrives, never taken from it.
import type { AnnotationColor, AnnotationStatus } from '../common/types.ts';
import { noteText } from '../common/note-doc.ts';
import { noteCitations } from '../common/note-citations.ts';
import { createHash } from 'node:crypto';
import type { Db } from './write.ts';
import { sortTitle } from './sort-title.ts';
import { createSyncOriginals } from './sync-originals.ts';
import { createSyncTwins } from './sync-twins.ts';

/** The sha256 of a source's text as stored (its original file's is `sha256`). */
export const textSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface SourceRecord {
  id: string; title: string; published: string | null; publisher: string | null; url: string | null; byline: string | null;
  originalPath: string | null; originalName: string; sha256: string; encoding: string; chars: number;
  importedAt: string; updatedAt: string; deletedAt: string | null;
  /** Which text the source has: it changes when the file is reopened with another encoding. */
  textSha256: string;
}
export interface TagRecord { id: string; name: string; created: string; description: string; deletedAt: string | null }
export interface AnnotationRecord {
  id: string; sourceId: string; start: number; end: number; exact: string; prefix: string; suffix: string;
  color: AnnotationColor; comment: string; status: AnnotationStatus; score: number | null;
  /** Tag ids, sorted. */
  tags: string[];
  author: string; created: string; modified: string; deletedAt: string | null;
  /** The annotation this one was carried (copied) from, on a version of its source. */
  carriedFrom: string | null;
}
export interface NoteRecord {
  id: string; title: string; doc: unknown; author: string; created: string; modified: string; deletedAt: string | null;
}

export interface CollectionRecord {
  id: string; name: string; created: string; modified: string; deletedAt: string | null;
  /** Member source ids, sorted. */
  sources: string[];
}
/** A version relation; its id is its pair of sources (relationId in db/sync-tables.ts). */
export interface RelationRecord {
  id: string; a: string; b: string; kind: 'version' | 'shares' | 'revision';
  similarity: number | null; aInB: number | null; bInA: number | null; passages: number | null;
  origin: 'detected' | 'manual'; dismissed: boolean; created: string; updated: string;
}

export interface SyncRecords {
  source: SourceRecord;
  tag: TagRecord;
  annotation: AnnotationRecord;
  note: NoteRecord;
  collection: CollectionRecord;
  relation: RelationRecord;
}

export type SyncRows = ReturnType<typeof createSyncRows>;

export function createSyncRows(db: Db) {
  /** Sources inserted and not yet full-text indexed: indexed together by indexNewSources (see migration 0002). */
  let unindexed: number[] = [];
  const originals = createSyncOriginals(db);
  const twins = createSyncTwins(db);
  const s = {
    source: db.prepare(`SELECT id, title, published, publisher, url, byline, original_path AS originalPath,
      original_name AS originalName, sha256, encoding, length AS chars, imported_at AS importedAt,
      updated_at AS updatedAt, deleted_at AS deletedAt FROM sources WHERE id = ?`),
    sourceText: db.prepare('SELECT text FROM sources WHERE id = ?').pluck(),
    liveSourceBySha: db.prepare('SELECT id FROM sources WHERE sha256 = ? AND deleted_at IS NULL AND id <> ?').pluck(),
    insertSource: db.prepare(`INSERT INTO sources (id, title, published, publisher, url, byline, original_path, original_name,
      sha256, encoding, text, length, imported_at, updated_at, deleted_at, sort_title)
      VALUES (@id, @title, @published, @publisher, @url, @byline, @originalPath, @originalName, @sha256, @encoding, @text,
      @chars, @importedAt, @updatedAt, @deletedAt, @sortTitle)`),
    // both full-text indexes of sources (migration 0008 added the title-only one)
    indexSources: [
      db.prepare(`INSERT INTO sources_fts (rowid, title, text)
        SELECT seq, lectern_fts_text(title), lectern_fts_text(text) FROM sources WHERE seq IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`),
      db.prepare(`INSERT INTO source_titles_fts (rowid, title)
        SELECT seq, lectern_fts_text(title) FROM sources WHERE seq IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`),
    ],
    updateSource: db.prepare(`UPDATE sources SET title = @title, published = @published, publisher = @publisher, url = @url,
      byline = @byline, original_path = @originalPath, original_name = @originalName, imported_at = @importedAt,
      updated_at = @updatedAt, deleted_at = @deletedAt, sort_title = @sortTitle WHERE id = @id`),
    purgeSource: db.prepare('DELETE FROM sources WHERE id = ?'),
    replaceText: db.prepare('UPDATE sources SET text = @text, length = @chars, encoding = @encoding WHERE id = @id'),
    tag: db.prepare('SELECT id, name, created, description, deleted_at AS deletedAt FROM tags WHERE id = ?'),
    tagByName: db.prepare('SELECT id FROM tags WHERE name = ? AND id <> ?').pluck(),
    upsertTag: db.prepare(`INSERT INTO tags (id, name, created, description, deleted_at) VALUES (@id, @name, @created, @description, @deletedAt)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, created = excluded.created, description = excluded.description,
        deleted_at = excluded.deleted_at`),
    retag: db.prepare('UPDATE OR IGNORE annotation_tags SET tag_id = @to WHERE tag_id = @from'),
    purgeTag: db.prepare('DELETE FROM tags WHERE id = ?'),
    tagInUse: db.prepare('SELECT 1 FROM annotation_tags WHERE tag_id = ? LIMIT 1').pluck(),
    annotation: db.prepare(`SELECT id, source_id AS sourceId, start_cp AS start, end_cp AS end, exact, prefix, suffix, color,
      comment, status, score, author, created, modified, deleted_at AS deletedAt, carried_from AS carriedFrom,
      (SELECT json_group_array(tag_id) FROM (SELECT tag_id FROM annotation_tags WHERE annotation_id = a.id ORDER BY tag_id)) AS tags
      FROM annotations a WHERE id = ?`),
    sourceExists: db.prepare('SELECT 1 FROM sources WHERE id = ?').pluck(),
    tagExists: db.prepare('SELECT 1 FROM tags WHERE id = ?').pluck(),
    upsertAnnotation: db.prepare(`INSERT INTO annotations
      (id, source_id, start_cp, end_cp, exact, prefix, suffix, color, comment, status, score, author, created, modified, deleted_at, carried_from)
      VALUES (@id, @sourceId, @start, @end, @exact, @prefix, @suffix, @color, @comment, @status, @score, @author, @created, @modified, @deletedAt, @carriedFrom)
      ON CONFLICT(id) DO UPDATE SET source_id = excluded.source_id, start_cp = excluded.start_cp, end_cp = excluded.end_cp,
        exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix, color = excluded.color,
        comment = excluded.comment, status = excluded.status, score = excluded.score, author = excluded.author,
        created = excluded.created, modified = excluded.modified, deleted_at = excluded.deleted_at, carried_from = excluded.carried_from`),
    clearTags: db.prepare('DELETE FROM annotation_tags WHERE annotation_id = ?'),
    linkTag: db.prepare('INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)'),
    purgeAnnotation: db.prepare('DELETE FROM annotations WHERE id = ?'),
    note: db.prepare(`SELECT id, title, doc, author, created, modified, deleted_at AS deletedAt FROM notes WHERE id = ?`),
    upsertNote: db.prepare(`INSERT INTO notes (id, title, doc, text, author, created, modified, deleted_at)
      VALUES (@id, @title, @doc, @text, @author, @created, @modified, @deletedAt)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, doc = excluded.doc, text = excluded.text, author = excluded.author,
        created = excluded.created, modified = excluded.modified, deleted_at = excluded.deleted_at`),
    clearCitations: db.prepare('DELETE FROM citations WHERE note_id = ?'),
    insertCitation: db.prepare(`INSERT INTO citations (note_id, ord, annotation_id, source_id, start_cp, end_cp, exact)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    purgeNote: db.prepare('DELETE FROM notes WHERE id = ?'),
    collection: db.prepare(`SELECT id, name, created, modified, deleted_at AS deletedAt,
      (SELECT json_group_array(source_id) FROM (SELECT source_id FROM collection_sources WHERE collection_id = c.id ORDER BY source_id)) AS sources
      FROM collections c WHERE id = ?`),
    liveCollectionNamed: db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id <> ?').pluck(),
    upsertCollection: db.prepare(`INSERT INTO collections (id, name, created, modified, deleted_at)
      VALUES (@id, @name, @created, @modified, @deletedAt)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, created = excluded.created, modified = excluded.modified,
        deleted_at = excluded.deleted_at`),
    renameCollection: db.prepare('UPDATE collections SET name = ? WHERE id = ?'),
    dropMembers: db.prepare(`DELETE FROM collection_sources WHERE collection_id = ?
      AND source_id NOT IN (SELECT value FROM json_each(?))`),
    addMembers: db.prepare(`INSERT OR IGNORE INTO collection_sources (collection_id, source_id, added_at)
      SELECT ?, value, ? FROM json_each(?)`),
    purgeCollection: db.prepare('DELETE FROM collections WHERE id = ?'),
    wasPurged: db.prepare('SELECT 1 FROM purged WHERE id = ?').pluck(),
    relation: db.prepare(`SELECT a_id AS a, b_id AS b, kind, similarity, a_in_b AS aInB, b_in_a AS bInA, passages, origin,
      dismissed, created, updated FROM source_relations WHERE min(a_id, b_id) = @lo AND max(a_id, b_id) = @hi`),
    purgeRelation: db.prepare('DELETE FROM source_relations WHERE min(a_id, b_id) = @lo AND max(a_id, b_id) = @hi'),
    insertRelation: db.prepare(`INSERT INTO source_relations
      (a_id, b_id, kind, similarity, a_in_b, b_in_a, passages, origin, dismissed, created, updated)
      VALUES (@a, @b, @kind, @similarity, @aInB, @bInA, @passages, @origin, @dismissed, @created, @updated)`),
  };

  /** A relation id's two sources, in the order the id names them. */
  const pair = (id: string) => {
    const [lo = '', hi = ''] = id.split('~');
    return { lo, hi };
  };

  const read = {
    source: (id: string): SourceRecord | undefined => {
      const r = s.source.get(id) as Omit<SourceRecord, 'textSha256'> | undefined;
      return r && { ...r, textSha256: textSha256(s.sourceText.get(id) as string) };
    },
    tag: (id: string) => s.tag.get(id) as TagRecord | undefined,
    annotation: (id: string): AnnotationRecord | undefined => {
      const r = s.annotation.get(id) as (Omit<AnnotationRecord, 'tags'> & { tags: string }) | undefined;
      return r && { ...r, tags: JSON.parse(r.tags) as string[] };
    },
    note: (id: string): NoteRecord | undefined => {
      const r = s.note.get(id) as (Omit<NoteRecord, 'doc'> & { doc: string }) | undefined;
      return r && { ...r, doc: JSON.parse(r.doc) as unknown };
    },
    collection: (id: string): CollectionRecord | undefined => {
      const r = s.collection.get(id) as (Omit<CollectionRecord, 'sources'> & { sources: string }) | undefined;
      return r && { ...r, sources: JSON.parse(r.sources) as string[] };
    },
    relation: (id: string): RelationRecord | undefined => {
      const r = s.relation.get(pair(id)) as (Omit<RelationRecord, 'id' | 'dismissed'> & { dismissed: number }) | undefined;
      return r && { id, ...r, dismissed: r.dismissed === 1 };
    },
  };

  return {
    read<K extends keyof SyncRecords>(kind: K, id: string): SyncRecords[K] | undefined {
      return (read[kind] as (id: string) => SyncRecords[K] | undefined)(id);
    },
    sourceText: (id: string) => s.sourceText.get(id) as string | undefined,
    /** Sources' original files and page maps. */
    originals,
    /** Sources merged into their twin (the same file imported on two machines). */
    twins,
    /** Another live source with the same file (the unique sha256 among live sources). */
    liveTwin: (sha256: string, id: string) => s.liveSourceBySha.get(sha256, id) as string | undefined,
    sourceExists: (id: string) => s.sourceExists.get(id) !== undefined,
    tagExists: (id: string) => s.tagExists.get(id) !== undefined,
    /** Another tag with this name (names are unique, case-insensitively). */
    tagNamed: (name: string, id: string) => s.tagByName.get(name, id) as string | undefined,
    tagInUse: (id: string) => s.tagInUse.get(id) !== undefined,

    /**
     * Inserts a source from another machine (with its text), or updates its
     * metadata and trash state. A new source is searchable after
     * indexNewSources, in the same transaction.
     */
    writeSource(rec: SourceRecord, text: string | undefined): void {
      const { textSha256: _text, ...row } = rec;
      const sorted = { ...row, sortTitle: sortTitle(rec.title) };
      if (s.sourceExists.get(rec.id) !== undefined) {
        s.updateSource.run(sorted);
        // a text reopened with another encoding on the other machine (the full-text index follows by its trigger)
        if (text !== undefined) s.replaceText.run({ id: rec.id, text, chars: rec.chars, encoding: rec.encoding });
        return;
      }
      if (text === undefined) throw new Error(`source ${rec.id}: its text is needed to insert it`);
      unindexed.push(Number(s.insertSource.run({ ...sorted, text }).lastInsertRowid));
      // its original file, if it has one, is fetched after this batch (electron/sync/originals.ts)
      originals.want(rec.id);
    },
    /** Full-text indexes the live sources writeSource inserted, in one statement. */
    indexNewSources(): void {
      if (unindexed.length > 0) for (const index of s.indexSources) index.run(JSON.stringify(unindexed));
      unindexed = [];
    },
    /** Forgets sources inserted by a transaction that rolled back. */
    resetIndexQueue(): void { unindexed = []; },
    writeTag(rec: TagRecord): void { s.upsertTag.run(rec); },
    /** Moves every annotation's use of one tag to another (two machines made the same tag). */
    retag(from: string, to: string): void {
      s.retag.run({ from, to });
      s.purgeTag.run(from);
    },
    writeAnnotation(rec: AnnotationRecord): void {
      s.upsertAnnotation.run(rec);
      s.clearTags.run(rec.id);
      for (const tag of rec.tags) s.linkTag.run(rec.id, tag);
    },
    writeNote(rec: NoteRecord): void {
      s.upsertNote.run({ ...rec, doc: JSON.stringify(rec.doc), text: noteText(rec.doc) });
      s.clearCitations.run(rec.id);
      noteCitations(rec.doc).forEach((c, i) => s.insertCitation.run(rec.id, i, c.annotationId, c.sourceId, c.start, c.end, c.exact));
    },
    /** Whether a record was purged here (a member or relation naming it waits for nothing). */
    wasPurged: (id: string) => s.wasPurged.get(id) !== undefined,
    /** Another live collection with this name (live names are unique, case-insensitively). */
    collectionNamed: (name: string, id: string) => s.liveCollectionNamed.get(name, id) as string | undefined,
    renameCollection(id: string, name: string): void { s.renameCollection.run(name, id); },
    /** A collection with exactly these members (members this library does not have are left out by the caller). */
    writeCollection(rec: CollectionRecord): void {
      const { sources, ...row } = rec;
      s.upsertCollection.run(row);
      const members = JSON.stringify(sources);
      s.dropMembers.run(rec.id, members);
      s.addMembers.run(rec.id, rec.modified, members);
    },
    /** A relation as sent, whichever way round this library had the pair. */
    writeRelation(rec: RelationRecord): void {
      s.purgeRelation.run(pair(rec.id));
      const { id: _id, ...row } = rec;
      s.insertRelation.run({ ...row, dismissed: rec.dismissed ? 1 : 0 });
    },
    /** Removes a record for good (a tombstone from another machine); true when there was one. */
    purge(kind: keyof SyncRecords, id: string): boolean {
      if (kind === 'relation') return s.purgeRelation.run(pair(id)).changes > 0;
      const stmt = { source: s.purgeSource, tag: s.purgeTag, annotation: s.purgeAnnotation, note: s.purgeNote, collection: s.purgeCollection }[kind];
      return stmt.run(id).changes > 0;
    },
  };
}
