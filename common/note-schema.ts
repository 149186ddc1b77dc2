// The note schema: the nodes (note-nodes.ts) and marks (note-marks.ts) every
// process agrees on, and constructors for the nodes the app creates itself.
// Its version and the reading of stored docs are in note-version.ts and note-parse.ts.
import { Schema, type Node as PmNode } from 'prosemirror-model';
import type { CitationAttrs } from './citation.ts';
import { noteMarks } from './note-marks.ts';
import { noteNodes } from './note-nodes.ts';

export const noteSchema = new Schema({ nodes: noteNodes, marks: noteMarks });

/** A citation node. */
export function citationNode(a: CitationAttrs): PmNode {
  return noteSchema.nodes.citation!.create(a);
}

/** A quote block: the passage text (whitespace folded) followed by its citation. */
export function quoteNode(a: CitationAttrs): PmNode {
  const { quote } = noteSchema.nodes;
  const text = a.exact.replace(/\s+/g, ' ').trim();
  return quote!.create(null, [...(text ? [noteSchema.text(`${text} `)] : []), citationNode(a)]);
}
