// The citations of a note into one source, in a note doc's JSON: read them
// and give them new places. A citation carries its passage's range and quote
// (common/citation.ts), not only its annotation, so when a source's text is
// replaced every citation into it must follow its passage itself.
import type { PmJson } from '../../../common/note-doc.ts';

export interface CitedRange { start: number; end: number; exact: string }

export interface CitationAt extends CitedRange {
  annotationId: string | null;
}

const citedAt = (a: Record<string, unknown>): CitationAt => ({
  start: Number(a.start), end: Number(a.end), exact: String(a.exact ?? ''),
  annotationId: typeof a.annotationId === 'string' && a.annotationId ? a.annotationId : null,
});

function walk(node: PmJson, sourceId: string, fn: (attrs: Record<string, unknown>) => Record<string, unknown> | null): PmJson {
  let attrs = node.attrs;
  if (node.type === 'citation' && attrs && attrs.sourceId === sourceId) attrs = fn(attrs) ?? attrs;
  const content = node.content?.map((c) => walk(c, sourceId, fn));
  return { ...node, ...(attrs ? { attrs } : {}), ...(content ? { content } : {}) };
}

/** The citations of `sourceId` in a doc, in reading order. */
export function citationsInto(doc: PmJson, sourceId: string): CitationAt[] {
  const out: CitationAt[] = [];
  walk(doc, sourceId, (a) => {
    out.push(citedAt(a));
    return null;
  });
  return out;
}

/** The doc with the k-th citation of `sourceId` given place(k, its range) (null: left as it is). */
export function replaceCitations(doc: PmJson, sourceId: string, place: (k: number, was: CitationAt) => CitedRange | null): PmJson {
  let k = 0;
  return walk(doc, sourceId, (a) => {
    const next = place(k++, citedAt(a));
    return next ? { ...a, start: next.start, end: next.end, exact: next.exact } : null;
  });
}
