// The note schema (versioned). Environment-free: it is used by the renderer's
// editor, by the back end to validate docs on save, and by the CLI's Markdown
// import. parseDOM rules only describe what the schema can hold, so pasted HTML
// keeps text, structure and the five marks, and nothing else: no images,
// scripts, frames, styles or unsafe links survive a paste.
import { Schema, Node as PmNode, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';
import { citationAttrs, type CitationAttrs } from './citation.ts';

export { citationAttrs };
import { OffsetMap, sliceCodePoints } from './offsets.ts';
import { ParagraphIndex } from './segment.ts';

/** Bump when a change to the schema needs a migration of stored docs. */
export const NOTE_SCHEMA_VERSION = 1;

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'lectern:']);

/**
 * A link target we are willing to keep: http(s), mailto and lectern: URLs only.
 * Returns the trimmed href, or null (javascript:, data:, relative, malformed...).
 */
export function sanitizeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  // Browsers ignore control characters and whitespace inside schemes ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const cleaned = href.trim().replace(/[\u0000-\u001f\u007f]/g, '');
  if (!cleaned || cleaned.length > 4000) return null;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!m || !SAFE_SCHEMES.has(m[1]!.toLowerCase() + ':')) return null;
  return cleaned;
}

/** Data attributes carrying a citation through the clipboard (and HTML export). */
function citationToDom(a: CitationAttrs): Record<string, string> {
  const out: Record<string, string> = {
    'data-lectern-citation': '', 'data-source-id': a.sourceId, 'data-start': String(a.start), 'data-end': String(a.end),
    'data-exact': a.exact, 'data-sha256': a.sha256, 'data-source-title': a.sourceTitle, class: 'lectern-citation',
  };
  if (a.annotationId) out['data-annotation-id'] = a.annotationId;
  return out;
}

function citationFromDom(el: HTMLElement): CitationAttrs | false {
  const get = (name: string) => el.getAttribute(name);
  return citationAttrs({
    sourceId: get('data-source-id'), start: get('data-start'), end: get('data-end'), exact: get('data-exact'),
    sha256: get('data-sha256'), annotationId: get('data-annotation-id'), sourceTitle: get('data-source-title'),
  }) ?? false;
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*', group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 1, validate: (v: unknown) => { if (v !== 1 && v !== 2 && v !== 3) throw new RangeError(`heading level ${String(v)}`); } } },
    content: 'inline*', group: 'block', defining: true,
    parseDOM: [
      { tag: 'h1', attrs: { level: 1 } }, { tag: 'h2', attrs: { level: 2 } }, { tag: 'h3', attrs: { level: 3 } },
      // deeper headings from pasted pages become level 3
      { tag: 'h4', attrs: { level: 3 } }, { tag: 'h5', attrs: { level: 3 } }, { tag: 'h6', attrs: { level: 3 } },
    ],
    toDOM: (node) => [`h${node.attrs.level as number}`, 0],
  },
  /** A quoted passage: its text followed by its citation. */
  quote: {
    content: 'inline*', group: 'block', defining: true,
    parseDOM: [{ tag: 'blockquote[data-lectern-quote]', priority: 60 }],
    toDOM: () => ['blockquote', { 'data-lectern-quote': '', class: 'lectern-quote' }, 0],
  },
  blockquote: {
    content: 'block+', group: 'block', defining: true,
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', 0],
  },
  horizontal_rule: {
    group: 'block',
    parseDOM: [{ tag: 'hr' }],
    toDOM: () => ['hr'],
  },
  bullet_list: {
    content: 'list_item+', group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: () => ['ul', 0],
  },
  ordered_list: {
    attrs: { order: { default: 1, validate: 'number' } },
    content: 'list_item+', group: 'block',
    parseDOM: [{
      tag: 'ol',
      getAttrs: (dom: HTMLElement) => {
        const n = Number(dom.getAttribute('start') ?? 1);
        return { order: Number.isSafeInteger(n) ? n : 1 };
      },
    }],
    toDOM: (node) => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: String(node.attrs.order) }, 0]),
  },
  list_item: {
    content: 'paragraph block*', defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: () => ['li', 0],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true, group: 'inline', selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
  citation: {
    inline: true, group: 'inline', atom: true, selectable: true, draggable: true,
    attrs: {
      sourceId: { validate: 'string' },
      start: { validate: 'number' },
      end: { validate: 'number' },
      exact: { default: '', validate: 'string' },
      sha256: { default: '', validate: 'string' },
      annotationId: { default: null, validate: 'string|null' },
      sourceTitle: { default: '', validate: 'string' },
    },
    parseDOM: [{ tag: 'cite[data-lectern-citation]', priority: 60, getAttrs: citationFromDom }],
    toDOM: (node): DOMOutputSpec => {
      const a = node.attrs as CitationAttrs;
      return ['cite', citationToDom(a), citationLabel(a)];
    },
    leafText: (node) => `[${citationLabel(node.attrs as CitationAttrs)}]`,
  },
};

const marks: Record<string, MarkSpec> = {
  link: {
    attrs: { href: { validate: 'string' } },
    inclusive: false,
    parseDOM: [{
      tag: 'a[href]',
      getAttrs: (dom: HTMLElement) => {
        const href = sanitizeHref(dom.getAttribute('href'));
        return href ? { href } : false;
      },
    }],
    toDOM: (mark) => {
      const href = sanitizeHref(mark.attrs.href);
      return ['a', href ? { href, rel: 'noopener noreferrer nofollow' } : {}, 0];
    },
  },
  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }],
    toDOM: () => ['em', 0],
  },
  strong: {
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps whole documents in <b style="font-weight:normal">
      { tag: 'b', getAttrs: (node: HTMLElement) => node.style.fontWeight !== 'normal' && null },
    ],
    toDOM: () => ['strong', 0],
  },
  underline: {
    parseDOM: [{ tag: 'u' }],
    toDOM: () => ['u', 0],
  },
  code: {
    parseDOM: [{ tag: 'code' }],
    toDOM: () => ['code', 0],
  },
};

export const noteSchema = new Schema({ nodes, marks });

/** The label a citation shows: the source's short title. */
export function citationLabel(a: Pick<CitationAttrs, 'sourceTitle'>, paragraph?: number | null): string {
  const title = shortTitle(a.sourceTitle || 'Source');
  return paragraph ? `${title} ¶${paragraph}` : title;
}

/** A title cut at a word boundary to at most `max` characters, with an ellipsis. */
export function shortTitle(title: string, max = 32): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if ([...t].length <= max) return t;
  const cut = [...t].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/** Paragraph numbers: the one definition of paragraph lives in segment.ts. */
export { ParagraphIndex };

/** The 1-based paragraph number of code point `start` of a source text. */
export function paragraphNumber(text: string, start: number): number {
  return new ParagraphIndex(text).numberAt(start);
}

/** The citation of [start, end) code points of a source (an annotation's or a reader selection's). */
export function citationFor(
  source: { id: string; text: string; sha256: string; title: string },
  start: number, end: number, annotationId: string | null = null, map: OffsetMap = new OffsetMap(source.text),
): CitationAttrs {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end)) || start < 0 || end < start || end > map.codePoints) {
    throw new RangeError(`Range ${start}-${end} is outside the source (${map.codePoints} characters)`);
  }
  return {
    sourceId: source.id, start, end, exact: sliceCodePoints(source.text, start, end, map), sha256: source.sha256,
    annotationId, sourceTitle: source.title,
  };
}

/** Whether a citation's snapshot still matches its source text (same file, same passage). */
export function citationMatches(a: CitationAttrs, source: { text: string; sha256: string }): boolean {
  if (a.sha256 && source.sha256 && a.sha256 !== source.sha256) return false;
  const map = new OffsetMap(source.text);
  return a.end <= map.codePoints && sliceCodePoints(source.text, a.start, a.end, map) === a.exact;
}

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

/** A quote block: the passage text followed by its citation. */
export function quoteNode(a: CitationAttrs): PmNode {
  const { quote, citation } = noteSchema.nodes;
  const text = a.exact.replace(/\s+/g, ' ').trim();
  return quote!.create(null, [...(text ? [noteSchema.text(`${text} `)] : []), citation!.create(a)]);
}

/** A citation node. */
export function citationNode(a: CitationAttrs): PmNode {
  return noteSchema.nodes.citation!.create(a);
}
