// The note schema's nodes. parseDOM rules describe only what a note can hold,
// so pasted HTML keeps text and structure and nothing else (no images,
// scripts, frames or styles). A citation is an inline atom whose attributes
// snapshot the passage; they travel through the clipboard as data attributes.
import type { DOMOutputSpec, NodeSpec } from 'prosemirror-model';
import { citationAttrs, type CitationAttrs } from './citation.ts';
import { citationLabel } from './citation-label.ts';

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

/** The label a citation's snapshot alone supports (the editor's chips know the source and say more). */
const snapshotLabel = (a: CitationAttrs) => citationLabel({ title: a.sourceTitle }, null);

export const noteNodes: Record<string, NodeSpec> = {
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
    toDOM: (node): DOMOutputSpec => ['cite', citationToDom(node.attrs as CitationAttrs), snapshotLabel(node.attrs as CitationAttrs)],
    leafText: (node) => `[${snapshotLabel(node.attrs as CitationAttrs)}]`,
  },
};
