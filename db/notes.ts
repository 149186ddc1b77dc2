import { createWriter, type Db, type Write } from './write.ts';
import type { Backlink, CitationRef, Note, NoteSummary } from '../common/types.ts';
import { NOTE_SCHEMA_VERSION } from '../common/note-version.ts';
import { newId, now } from './ids.ts';

interface NoteRow { id: string; title: string; doc: string; text: string; author: string; schema_version: number; created: string; modified: string }

const toNote = (r: NoteRow): Note => ({
  id: r.id, title: r.title, doc: JSON.parse(r.doc) as unknown, text: r.text, author: r.author, schemaVersion: r.schema_version,
  created: r.created, modified: r.modified,
});

export interface NoteWrite {
  title: string;
  doc: unknown;
  text: string;
  citations: CitationRef[];
  /** Who made it (only a new note takes it). */
  author?: string;
}

export type NoteRepo = ReturnType<typeof createNoteRepo>;

export function createNoteRepo(db: Db, write: Write = createWriter(db)) {
  const getStmt = db.prepare('SELECT * FROM live_notes WHERE id = ?');
  const listStmt = db.prepare(`SELECT n.id, n.title, n.modified,
      (SELECT count(*) FROM citations c WHERE c.note_id = n.id) AS citation_count
    FROM live_notes n ORDER BY n.modified DESC, n.seq DESC`);
  const insertStmt = db.prepare(`INSERT INTO notes (id, title, doc, text, author, schema_version, created, modified)
    VALUES (@id, @title, @doc, @text, @author, @schemaVersion, @created, @modified)`);
  // Docs are written in this build's note schema (the API checks them against it).
  // Never over a note written in a newer one: its doc holds what this build cannot read.
  const updateStmt = db.prepare(`UPDATE notes SET title = @title, doc = @doc, text = @text, schema_version = @schemaVersion, modified = @modified
    WHERE id = @id AND deleted_at IS NULL AND schema_version <= @schemaVersion`);
  const trashStmt = db.prepare('UPDATE notes SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const clearCitationsStmt = db.prepare('DELETE FROM citations WHERE note_id = ?');
  const insertCitationStmt = db.prepare(`INSERT INTO citations (note_id, ord, annotation_id, source_id, start_cp, end_cp, exact)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const citationsStmt = db.prepare(`SELECT annotation_id AS annotationId, source_id AS sourceId, start_cp AS start,
    end_cp AS end, exact FROM citations WHERE note_id = ? ORDER BY ord`);
  const backlinksStmt = db.prepare(`SELECT DISTINCT n.id AS noteId, n.title AS title FROM citations c
    JOIN live_notes n ON n.id = c.note_id WHERE c.annotation_id = @id OR c.source_id = @id ORDER BY n.modified DESC`);

  const writeCitations = (noteId: string, citations: CitationRef[]): void => {
    clearCitationsStmt.run(noteId);
    citations.forEach((c, i) => insertCitationStmt.run(noteId, i, c.annotationId, c.sourceId, c.start, c.end, c.exact));
  };

  const get = (id: string): Note | undefined => {
    const r = getStmt.get(id) as NoteRow | undefined;
    return r && toNote(r);
  };

  return {
    get,
    list(): NoteSummary[] {
      return (listStmt.all() as Array<{ id: string; title: string; modified: string; citation_count: number }>)
        .map((r) => ({ id: r.id, title: r.title, modified: r.modified, citationCount: r.citation_count }));
    },
    insert: (w: NoteWrite, keep?: { id: string; created: string; modified: string }): Note => write(() => {
      const at = now();
      const id = keep?.id ?? newId();
      insertStmt.run({ id, title: w.title, doc: JSON.stringify(w.doc), text: w.text, author: w.author ?? '', schemaVersion: NOTE_SCHEMA_VERSION,
        created: keep?.created ?? at, modified: keep?.modified ?? at });
      writeCitations(id, w.citations);
      return get(id)!;
    }),
    /** The updated note; undefined when there is no live one, or it is written in a newer note schema than this build's (then nothing changes). */
    update: (id: string, w: NoteWrite): Note | undefined => write(() => {
      const row = { id, title: w.title, doc: JSON.stringify(w.doc), text: w.text, schemaVersion: NOTE_SCHEMA_VERSION, modified: now() };
      if (updateStmt.run(row).changes === 0) return undefined;
      writeCitations(id, w.citations);
      return get(id);
    }),
    /** Moves a note to the trash; returns it as it was. */
    delete: (id: string): Note | undefined => write(() => {
      const existing = get(id);
      if (existing) trashStmt.run(now(), id);
      return existing;
    }),
    citations(noteId: string): CitationRef[] {
      return citationsStmt.all(noteId) as CitationRef[];
    },
    /** Notes citing an annotation or a source (by either id). */
    backlinks(id: string): Backlink[] {
      return backlinksStmt.all({ id }) as Backlink[];
    },
  };
}
