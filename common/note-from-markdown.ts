// Markdown -> note doc (headings, lists, emphasis, quotes, links, code), where
// `[@ANNOTATION_ID]` (or `[@ID1; @ID2]`) references become citation nodes.
// Environment-free: the caller resolves ids to citation snapshots beforehand.
import MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';
import { Fragment, type Mark, type Node as PmNode } from 'prosemirror-model';
import type { CitationAttrs } from './citation.ts';
import { ApiError } from './types.ts';
import { sanitizeHref } from './note-links.ts';
import { noteSchema } from './note-schema.ts';

const CITE_RE = /^\[@([A-Za-z0-9_-]+)((?:\s*;\s*@[A-Za-z0-9_-]+)*)\]/;

function citationRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x40 /* @ */) return false;
  const m = CITE_RE.exec(state.src.slice(state.pos, state.posMax));
  if (!m) return false;
  if (!silent) {
    const ids = [m[1]!, ...m[2]!.split(';').map((s) => s.trim().replace(/^@/, '')).filter(Boolean)];
    for (const id of ids) {
      const token = state.push('lectern_citation', '', 0);
      token.meta = { id };
    }
  }
  state.pos += m[0].length;
  return true;
}

/**
 * Longest Markdown read into a note, in characters (and bytes of a file): the
 * parse holds a token per mark, so 1 MB of `*a*` takes ~0.6 GB and 3 s; 2M
 * pairs (8 MB) took 3 GB. Nesting is bounded by markdown-it (maxNesting).
 */
export const MAX_MARKDOWN = 1_000_000;

function parse(source: string): Token[] {
  if (source.length > MAX_MARKDOWN) throw new ApiError('too-large', `Markdown of ${source.length} characters is longer than the limit of ${MAX_MARKDOWN}`);
  return markdown().parse(source, {});
}

function markdown() {
  // html: false keeps raw HTML as literal text; no linkify, no typographer.
  const md = new MarkdownIt('commonmark', { html: false });
  md.inline.ruler.before('link', 'lectern_citation', citationRule);
  return md;
}

/** Every annotation id cited in a Markdown text, in order of first appearance. */
export function citationIdsInMarkdown(source: string): string[] {
  const ids = new Set<string>();
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'lectern_citation') ids.add((t.meta as { id: string }).id);
      if (t.children) visit(t.children);
    }
  };
  visit(parse(source));
  return [...ids];
}

/** Markdown citing ids the resolver does not know. */
export class UnknownCitationError extends Error {
  readonly ids: string[];
  constructor(ids: string[]) {
    super(`Unknown annotation id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`);
    this.ids = ids;
    this.name = 'UnknownCitationError';
  }
}

interface Frame { type: string; attrs: Record<string, unknown> | null; content: PmNode[] }

/**
 * Parses Markdown into a note doc. `resolve` maps a cited annotation id to its
 * citation snapshot (or null when unknown: then UnknownCitationError names every unknown id).
 */
export function markdownToNoteDoc(source: string, resolve: (id: string) => CitationAttrs | null): PmNode {
  const tokens = parse(source);
  const unknown: string[] = [];
  const s = noteSchema;
  const stack: Frame[] = [{ type: 'doc', attrs: null, content: [] }];
  const top = () => stack[stack.length - 1]!;
  const open = (type: string, attrs: Record<string, unknown> | null = null) => stack.push({ type, attrs, content: [] });
  const close = () => {
    const f = stack.pop()!;
    let content = f.content;
    if ((f.type === 'list_item') && content[0]?.type !== s.nodes.paragraph) content = [s.nodes.paragraph!.create(), ...content];
    if ((f.type === 'blockquote') && content.length === 0) content = [s.nodes.paragraph!.create()];
    top().content.push(s.nodes[f.type]!.create(f.attrs, Fragment.fromArray(content)));
  };

  const inline = (children: Token[], base: readonly Mark[] = []): PmNode[] => {
    const out: PmNode[] = [];
    let marks: readonly Mark[] = base;
    const text = (t: string, extra?: Mark) => {
      if (t) out.push(s.text(t, extra ? extra.addToSet(marks) : marks));
    };
    const toggle = (name: string, on: boolean, attrs?: Record<string, unknown>) => {
      const type = s.marks[name]!;
      marks = on ? type.create(attrs).addToSet(marks) : type.removeFromSet(marks);
    };
    for (const t of children) {
      switch (t.type) {
        case 'text': text(t.content); break;
        case 'softbreak': text(' '); break;
        case 'hardbreak': out.push(s.nodes.hard_break!.create()); break;
        case 'strong_open': toggle('strong', true); break;
        case 'strong_close': toggle('strong', false); break;
        case 'em_open': toggle('em', true); break;
        case 'em_close': toggle('em', false); break;
        case 'code_inline': text(t.content, s.marks.code!.create()); break;
        case 'link_open': {
          const href = sanitizeHref(t.attrGet('href'));
          if (href) toggle('link', true, { href });
          break;
        }
        case 'link_close': toggle('link', false); break;
        case 'image': text(t.content); break; // images are not part of notes: keep their alt text
        case 'html_inline': text(t.content); break;
        case 'lectern_citation': {
          const id = (t.meta as { id: string }).id;
          const attrs = resolve(id);
          if (attrs) out.push(s.nodes.citation!.create(attrs));
          else if (!unknown.includes(id)) unknown.push(id);
          break;
        }
        default: break;
      }
    }
    return out;
  };

  for (const t of tokens) {
    switch (t.type) {
      case 'paragraph_open': open('paragraph'); break;
      case 'heading_open': open('heading', { level: Math.min(3, Number(t.tag.slice(1))) }); break;
      case 'blockquote_open': open('blockquote'); break;
      case 'bullet_list_open': open('bullet_list'); break;
      case 'ordered_list_open': open('ordered_list', { order: Number(t.attrGet('start') ?? 1) || 1 }); break;
      case 'list_item_open': open('list_item'); break;
      case 'paragraph_close': case 'heading_close': case 'blockquote_close':
      case 'bullet_list_close': case 'ordered_list_close': case 'list_item_close':
        close(); break;
      case 'inline': for (const node of inline(t.children ?? [])) top().content.push(node); break;
      case 'hr': top().content.push(s.nodes.horizontal_rule!.create()); break;
      case 'code_block': case 'fence': case 'html_block': {
        // no code blocks in notes: one paragraph, code-marked, lines kept as hard breaks
        const lines = t.content.replace(/\n$/, '').split('\n');
        const code = t.type === 'html_block' ? [] : [s.marks.code!.create()];
        const content: PmNode[] = [];
        lines.forEach((line, i) => {
          if (i > 0) content.push(s.nodes.hard_break!.create());
          if (line) content.push(s.text(line, code));
        });
        top().content.push(s.nodes.paragraph!.create(null, content));
        break;
      }
      default: break;
    }
  }
  if (unknown.length) throw new UnknownCitationError(unknown);
  const root = stack[0]!;
  const doc = s.topNodeType.create(null, root.content.length ? root.content : [s.nodes.paragraph!.create()]);
  doc.check();
  return doc;
}
