// What the store writes for a note: its doc checked against this build's note
// schema (safe links, citations that name a passage), its plain text and its
// citation index. The store records the doc as this build's note version.
import { ApiError } from '../common/types.ts';
import { noteText } from '../common/note-doc.ts';
import { citationRef, citationsOf } from '../common/note-citations.ts';
import { parseNoteDoc } from '../common/note-parse.ts';
import type { NoteWrite } from '../db/notes.ts';

export function noteWrite(title: string, doc: unknown): NoteWrite {
  let parsed;
  try { parsed = parseNoteDoc(doc); } catch (e) { throw new ApiError('invalid-note', (e as Error).message); }
  return { title, doc, text: noteText(doc), citations: citationsOf(parsed).map((c) => citationRef(c.attrs)) };
}
