// The filtered passages as Markdown grouped by tag: a section per tag of the
// codebook (its description under the heading), each passage quoted with a
// citation back to its source (title, date, a PDF's page, code points,
// sha256), the same shape a note's footnotes take (note-to-markdown.ts). A passage with several
// tags appears under each; untagged passages come last.
import type { AnnotationListItem, CodebookTag } from '../../common/types.ts';
import { escapeInline, escapeLineStart } from './note-to-markdown.ts';
import { pageName } from '../../common/pages.ts';
import type { PageOf } from './passage-pages.ts';

const quoteBlock = (text: string): string =>
  escapeLineStart(escapeInline(text.trim())).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

export function citationLine(p: AnnotationListItem, pageOf: PageOf): string {
  const page = pageOf(p);
  const where = p.status === 'orphaned' ? 'orphaned: the passage is not found in this text'
    : `${page ? `${escapeInline(pageName(page))}, ` : ''}code points ${p.start}–${p.end}`;
  return `— *${escapeInline(p.sourceTitle)}*${p.sourcePublished ? `, ${p.sourcePublished}` : ''}, ${where}, sha256 \`${p.sourceSha256}\``;
}

function passage(p: AnnotationListItem, pageOf: PageOf): string {
  const parts = [quoteBlock(p.exact), '', citationLine(p, pageOf)];
  if (p.comment.trim()) parts.push('', escapeLineStart(escapeInline(p.comment.trim())));
  return parts.join('\n');
}

export function passagesMarkdown(title: string, passages: Iterable<AnnotationListItem>, codebook: readonly CodebookTag[], pageOf: PageOf): { markdown: string; passages: number } {
  const byTag = new Map<string, AnnotationListItem[]>();
  const untagged: AnnotationListItem[] = [];
  let count = 0;
  for (const p of passages) {
    count++;
    if (p.tags.length === 0) untagged.push(p);
    for (const tag of p.tags) {
      const key = tag.toLowerCase();
      byTag.set(key, [...(byTag.get(key) ?? []), p]);
    }
  }
  const described = new Map(codebook.map((t) => [t.name.toLowerCase(), t]));
  const sections: string[] = [`# ${escapeInline(title)}`, `${count} ${count === 1 ? 'passage' : 'passages'}.`];
  const tags = [...byTag.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of tags) {
    const list = byTag.get(key)!;
    const tag = described.get(key);
    sections.push(`## ${escapeInline(tag?.name ?? list[0]!.tags.find((t) => t.toLowerCase() === key)!)} (${list.length})`);
    if (tag?.description.trim()) sections.push(escapeLineStart(escapeInline(tag.description.trim())));
    sections.push(...list.map((p) => passage(p, pageOf)));
  }
  if (untagged.length > 0) sections.push(`## Untagged (${untagged.length})`, ...untagged.map((p) => passage(p, pageOf)));
  return { markdown: `${sections.join('\n\n')}\n`, passages: count };
}
