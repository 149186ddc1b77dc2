// "Cite this version" from the side panel (issue 9.4): the notes citing the
// selected annotation point their citations of it at another version's
// passage instead (cite-in-version.ts: the annotation there, or a new one),
// each note rewritten in the store; Undo points them back. A note this build
// opens read-only is left as it is, and said.
import { Transform } from 'prosemirror-transform';
import type { CitationAttrs } from '../../common/citation.ts';
import { citationsOf } from '../../common/note-citations.ts';
import { readNoteDoc } from '../../common/note-parse.ts';
import { noteSchema } from '../../common/note-schema.ts';
import type { Id, Note, PassageInVersion } from '../../common/types.ts';
import { emit } from '../bus.ts';
import type { ActionUndo } from '../undo.ts';
import { citationInVersion } from './cite-in-version.ts';
import { plural } from '../plural.ts';

export interface CitationSwitch {
  /** Notes rewritten. */
  notes: Id[];
  citations: number;
  /** Notes citing the annotation that were left as they are (read-only here). */
  skipped: string[];
  message: string;
  /** Points the switched citations back; answers the notes rewritten. */
  undo(): Promise<Id[]>;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** A citation's attributes as a chip holds them (every attribute, in the schema's order): what `same` compares. */
const asChip = (attrs: CitationAttrs) => noteSchema.nodes.citation!.create(attrs).attrs as CitationAttrs;

interface Rewritten {
  note: Note;
  /** Which citations (their index in the note, in reading order) were rewritten, and what they were. */
  indices: number[];
  before: CitationAttrs[];
}

/**
 * Gives the citations of one note that `pick` chooses the attributes it
 * answers, and saves the note; null for a note opened read-only here.
 */
async function rewrite(note: Note, pick: (attrs: CitationAttrs, i: number) => CitationAttrs | null): Promise<Rewritten | null> {
  const reading = readNoteDoc(note);
  if (reading.readOnly) return null;
  const tr = new Transform(reading.doc);
  const out: Rewritten = { note, indices: [], before: [] };
  citationsOf(reading.doc).forEach(({ pos, attrs }, i) => {
    const next = pick(attrs, i);
    if (!next || same(next, attrs)) return;
    out.indices.push(i);
    out.before.push(attrs);
    tr.setNodeMarkup(pos, null, next);
  });
  if (out.indices.length) out.note = await window.lectern.updateNote(note.id, { doc: tr.doc.toJSON() });
  return out;
}

/** Points every citation of annotation `citedId` in the notes citing it at `p`, another version's passage. */
export async function switchCitations(citedId: Id, p: PassageInVersion): Promise<CitationSwitch> {
  const citing = await window.lectern.backlinks(citedId);
  if (citing.length === 0) throw new Error('No note cites this passage: there is no citation to point elsewhere');
  const to = asChip(await citationInVersion(p, citedId));
  const done: Rewritten[] = [];
  const skipped: string[] = [];
  for (const b of citing) {
    const r = await rewrite(await window.lectern.getNote(b.noteId), (attrs) => (attrs.annotationId === citedId ? to : null));
    if (!r) skipped.push(b.title || 'Untitled note');
    else if (r.indices.length) done.push(r);
  }
  const citations = done.reduce((n, d) => n + d.indices.length, 0);
  const message = `${plural(citations, 'citation', 'citations')} in ${plural(done.length, 'note', 'notes')} now cite ${p.title}`
    + (skipped.length ? `; left as they were (read-only here): ${skipped.join(', ')}` : '') + '.';
  return {
    notes: done.map((d) => d.note.id), citations, skipped, message,
    async undo() {
      const back: Id[] = [];
      for (const d of done) {
        const now = await window.lectern.getNote(d.note.id);
        // the same citations when the note is as it was written; after an edit, those still citing `to`, in order
        const untouched = now.modified === d.note.modified;
        let k = 0;
        const r = await rewrite(now, (attrs, i) => {
          if (untouched) { const at = d.indices.indexOf(i); return at >= 0 ? d.before[at]! : null; }
          return k < d.before.length && same(attrs, to) ? d.before[k++]! : null;
        });
        if (r?.indices.length) back.push(d.note.id);
      }
      return back;
    },
  };
}

/**
 * switchCitations as the side panel does it: the open note saved first (it is
 * one of those rewritten, and reloads), the app's Undo offered afterwards.
 */
export async function switchCitationsUndoably(citedId: Id, p: PassageInVersion, app: { flush(): Promise<void>; offerUndo(u: ActionUndo): void }): Promise<void> {
  await app.flush();
  const s = await switchCitations(citedId, p);
  emit('changed', { what: 'notes', ids: s.notes });
  app.offerUndo({
    message: s.message,
    run: async () => {
      await app.flush();
      emit('changed', { what: 'notes', ids: await s.undo() });
    },
  });
}
