// Reading a stored or received note doc: checking it against the schema, and
// deciding how this build can open it. A doc that does not parse, or one
// written by a newer version, opens read-only: it is never replaced by
// something it was not (an empty doc, or what this build understood of it).
import { Node as PmNode } from 'prosemirror-model';
import { citationAttrs } from './citation.ts';
import { isPmJson } from './note-doc.ts';
import { sanitizeHref } from './note-links.ts';
import { noteSchema } from './note-schema.ts';
import { NOTE_MIGRATIONS, migrateNoteJson, type NoteMigration } from './note-version.ts';

/** Thrown by parseNoteDoc when a JSON doc does not fit the schema. */
export class NoteDocError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteDocError';
  }
}

/**
 * Parses and checks a stored/received note doc: it must fit the schema, its
 * links must be safe and its citations must name a passage.
 */
export function parseNoteDoc(json: unknown): PmNode {
  let doc: PmNode;
  try {
    doc = PmNode.fromJSON(noteSchema, json as Parameters<typeof PmNode.fromJSON>[1]);
    doc.check();
  } catch (e) {
    throw new NoteDocError(`Not a valid note document: ${(e as Error).message}`);
  }
  if (doc.type !== noteSchema.topNodeType) throw new NoteDocError('Not a valid note document: the top node is not a doc');
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (mark.type === noteSchema.marks.link && !sanitizeHref(mark.attrs.href)) {
        throw new NoteDocError(`Not a valid note document: unsafe link ${JSON.stringify(String(mark.attrs.href).slice(0, 80))}`);
      }
    }
    if (node.type === noteSchema.nodes.citation && !citationAttrs(node.attrs)) {
      throw new NoteDocError('Not a valid note document: a citation does not name a passage');
    }
    return true;
  });
  return doc;
}

/** How a stored note opens: its doc, and why it is read-only (null: editable). */
export interface NoteReading {
  doc: PmNode;
  readOnly: string | null;
}

/** The note's plain text (kept beside its doc) as paragraphs: what is shown of a doc this build cannot read. */
function textDoc(text: string): PmNode {
  const { paragraph } = noteSchema.nodes;
  const paras = text.split('\n').map((line) => paragraph!.create(null, line ? noteSchema.text(line) : null));
  return noteSchema.topNodeType.create(null, paras.length ? paras : [paragraph!.create()]);
}

/**
 * Opens a stored note: a doc of this version or an older one (migrated) is
 * editable; a newer one, or one that does not parse, is read-only, shown as it
 * parses or else as its plain text.
 */
export function readNoteDoc(note: { doc: unknown; schemaVersion: number; text: string }, migrations: readonly NoteMigration[] = NOTE_MIGRATIONS): NoteReading {
  const current = migrations.length + 1;
  const { schemaVersion: version } = note;
  if (!Number.isSafeInteger(version) || version < 1) {
    return { doc: textDoc(note.text), readOnly: `This note has no valid schema version (${String(version)}), so it opens read-only and is not saved.` };
  }
  if (version > current) {
    const why = `This note was written by a newer version of Lectern (note format ${version}; this version reads up to ${current}). It opens read-only so that nothing in it is lost.`;
    try {
      return { doc: parseNoteDoc(note.doc), readOnly: why };
    } catch {
      return { doc: textDoc(note.text), readOnly: `${why} Only its text is shown.` };
    }
  }
  try {
    if (!isPmJson(note.doc)) throw new NoteDocError('Not a valid note document: not a ProseMirror node');
    return { doc: parseNoteDoc(migrateNoteJson(note.doc, version, migrations)), readOnly: null };
  } catch (e) {
    return { doc: textDoc(note.text), readOnly: `This note could not be read (${(e as Error).message}). Its text is shown read-only and nothing is saved over it.` };
  }
}
