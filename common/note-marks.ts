// The note schema's marks. parseDOM rules describe only what a note can hold,
// so pasted HTML keeps these five marks (and safe links) and nothing else.
import type { MarkSpec } from 'prosemirror-model';
import { sanitizeHref } from './note-links.ts';

export const noteMarks: Record<string, MarkSpec> = {
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
