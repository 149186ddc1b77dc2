// The one walk over a note's citations: the store's citation index, the
// exporters' numbering, the editor's "reveal the citation of X" and the
// chips' labels all read a note's citations through it.
import type { Node as PmNode } from 'prosemirror-model';
import type { CitationAttrs } from './citation.ts';
import type { CitationRef } from './types.ts';
import { noteSchema } from './note-schema.ts';
import { parseNoteDoc } from './note-parse.ts';

export interface PlacedCitation {
  /** Position of the citation node in the doc. */
  pos: number;
  attrs: CitationAttrs;
}

/** Every citation of a note, in reading order, with its position. */
export function citationsOf(doc: PmNode): PlacedCitation[] {
  const out: PlacedCitation[] = [];
  const citation = noteSchema.nodes.citation!;
  doc.descendants((node, pos) => {
    if (node.type === citation) out.push({ pos, attrs: node.attrs as CitationAttrs });
    return node.isBlock;
  });
  return out;
}

/** Position of the first citation citing `id` (an annotation or source id), or -1. */
export function findCitation(doc: PmNode, id: string): number {
  return citationsOf(doc).find(({ attrs }) => attrs.annotationId === id || attrs.sourceId === id)?.pos ?? -1;
}

/** A citation as the store indexes it (for backlinks). */
export const citationRef = ({ annotationId, sourceId, start, end, exact }: CitationAttrs): CitationRef => ({ annotationId, sourceId, start, end, exact });

/** The citations of a stored doc (JSON, which must fit the schema) as the store indexes them. */
export function noteCitations(json: unknown): CitationRef[] {
  return citationsOf(parseNoteDoc(json)).map(({ attrs }) => citationRef(attrs));
}
