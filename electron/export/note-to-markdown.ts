// A note (ProseMirror JSON, schema common/note-schema.ts) as CommonMark, with
// each citation as a footnote holding the quoted passage and its source.
// Works on the JSON shape (type / content / marks / attrs) only.
import type { Source } from '../../common/types.ts';
import type { PmJson } from '../../common/note-doc.ts';
import type { ParagraphIndex } from '../../common/segment.ts';
import { CitationNumbers, citationInfo, citationOf } from './citation-numbers.ts';

// ---------------------------------------------------------------- Markdown

export const escapeInline = (t: string): string => t.replace(/[\\`*_[\]<>!|~]/g, '\\$&');
/** Escapes what would start a block construct at the beginning of a line. */
export const escapeLineStart = (t: string): string => t.replace(/^(\s*)([#>+=-]|\d+[.)])/gm, (_m, sp: string, c: string) => `${sp}${c.replace(/^(\d+)([.)])$/, '$1\\$2').replace(/^([#>+=-])$/, '\\$1')}`);

function codeSpan(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function linkDest(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
}

function inline(nodes: PmJson[] | undefined, cites: CitationNumbers): string {
  let out = '';
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      const marks = n.marks ?? [];
      const isCode = marks.some((m) => m.type === 'code');
      let t = isCode ? codeSpan(n.text ?? '') : escapeInline(n.text ?? '');
      for (const m of marks) {
        if (m.type === 'strong') t = `**${t}**`;
        else if (m.type === 'em') t = `*${t}*`;
        else if (m.type === 'underline') t = `<u>${t}</u>`;
      }
      const link = marks.find((m) => m.type === 'link');
      if (link && typeof link.attrs?.href === 'string') t = `[${t}](${linkDest(link.attrs.href)})`;
      out += t;
    } else if (n.type === 'hard_break') {
      out += '\\\n';
    } else if (n.type === 'citation') {
      out += `[^${cites.number(citationOf(n))}]`;
    } else if (n.content) {
      out += inline(n.content, cites);
    }
  }
  return out;
}

function prefixLines(text: string, first: string, rest: string): string {
  return text.split('\n').map((l, i) => (l === '' && i > 0 ? rest.trimEnd() : (i === 0 ? first : rest) + l)).join('\n');
}

function blocks(nodes: PmJson[] | undefined, cites: CitationNumbers): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph': out.push(escapeLineStart(inline(n.content, cites))); break;
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
        out.push(`${'#'.repeat(level)} ${inline(n.content, cites).replace(/\n/g, ' ')}`);
        break;
      }
      case 'quote': out.push(prefixLines(escapeLineStart(inline(n.content, cites)), '> ', '> ')); break;
      case 'blockquote': out.push(prefixLines(blocks(n.content, cites).join('\n\n'), '> ', '> ')); break;
      case 'horizontal_rule': out.push('---'); break;
      case 'bullet_list':
      case 'ordered_list': {
        const ordered = n.type === 'ordered_list';
        let k = Number(n.attrs?.order) || 1;
        const items = (n.content ?? []).map((item) => {
          const marker = ordered ? `${k++}. ` : '- ';
          const body = blocks(item.content, cites).join('\n\n');
          return prefixLines(body, marker, ' '.repeat(marker.length));
        });
        out.push(items.join('\n'));
        break;
      }
      default:
        if (n.content) out.push(...blocks(n.content, cites));
        else if (n.text) out.push(escapeInline(n.text));
    }
  }
  return out;
}

export interface NoteMarkdownResult {
  markdown: string;
  citations: number;
}

/** The note as Markdown: a title heading, the body, and one footnote per cited passage. */
export function noteToMarkdown(note: { title: string; doc: unknown }, sources: Map<string, Source>): NoteMarkdownResult {
  const doc = (note.doc ?? { type: 'doc', content: [] }) as PmJson;
  const cites = new CitationNumbers();
  const parts = [`# ${escapeInline(note.title)}`, ...blocks(doc.content, cites)];
  const idx = new Map<string, ParagraphIndex>();
  const notes = cites.list.map((c, i) => {
    const info = citationInfo(c, sources, idx);
    const quote = c.exact.replace(/\s+/g, ' ').trim();
    const where = [
      `*${escapeInline(info.title)}*`,
      info.published,
      info.page,
      info.paragraph ? `¶ ${info.paragraph}` : null,
      `code points ${c.start}–${c.end}`,
      info.sha256 ? `sha256 \`${info.sha256}\`` : null,
      info.sourceFound ? null : 'source not in the library',
    ].filter(Boolean).join(', ');
    return `[^${i + 1}]: “${escapeInline(quote)}” — ${where}.`;
  });
  const body = parts.filter((p) => p.trim() !== '').join('\n\n');
  const markdown = `${body}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
  return { markdown, citations: cites.list.length };
}
