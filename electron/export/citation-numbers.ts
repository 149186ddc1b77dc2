// Citations as the note exporters (Markdown, PDF) number and describe them:
// one number per distinct passage in reading order, and what an entry says
// about its source.
import { pageNameAt } from '../../common/pages.ts';
import type { Source } from '../../common/types.ts';
import { citationAttrs, type CitationAttrs } from '../../common/citation.ts';
import type { PmJson } from '../../common/note-doc.ts';
import { citationsOf } from '../../common/note-citations.ts';
import { parseNoteDoc } from '../../common/note-parse.ts';
import { ParagraphIndex } from '../../common/segment.ts';

/** A citation node's attributes (notes are checked against the schema on save, so they name a passage). */
export function citationOf(node: PmJson): CitationAttrs {
  const attrs = citationAttrs(node.attrs ?? {});
  if (!attrs) throw new Error(`a citation in this note names no passage: ${JSON.stringify(node.attrs)}`);
  return attrs;
}

/** Numbers citations in reading order; the same passage cited twice keeps one number. */
export class CitationNumbers {
  readonly list: CitationAttrs[] = [];
  private readonly byKey = new Map<string, number>();
  number(c: CitationAttrs): number {
    const key = `${c.annotationId ?? ''}|${c.sourceId}|${c.start}|${c.end}`;
    let n = this.byKey.get(key);
    if (n === undefined) {
      this.list.push(c);
      n = this.list.length;
      this.byKey.set(key, n);
    }
    return n;
  }
}

/** A note doc's citations, numbered in reading order. */
export function collectCitations(doc: PmJson, numbers = new CitationNumbers()): CitationNumbers {
  for (const { attrs } of citationsOf(parseNoteDoc(doc))) numbers.number(attrs);
  return numbers;
}

/** What a citation entry says about its source: title, date, paragraph, page (a PDF's), sha256. */
export interface CitationInfo {
  title: string;
  published: string | null;
  paragraph: number | null;
  /** "p. 3" in the original file, for a source with pages. */
  page: string | null;
  sha256: string;
  sourceFound: boolean;
}

export function citationInfo(c: CitationAttrs, sources: Map<string, Source>, paragraphIndexes = new Map<string, ParagraphIndex>()): CitationInfo {
  const src = sources.get(c.sourceId);
  if (!src) return { title: c.sourceTitle || 'Unknown source', published: null, paragraph: null, page: null, sha256: c.sha256, sourceFound: false };
  let idx = paragraphIndexes.get(src.id);
  if (!idx) {
    idx = new ParagraphIndex(src.text);
    paragraphIndexes.set(src.id, idx);
  }
  return { title: src.title, published: src.published, paragraph: idx.numberAt(c.start), page: pageNameAt(src.pages, c.start), sha256: c.sha256 || src.sha256, sourceFound: true };
}
