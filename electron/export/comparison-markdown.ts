// The comparison report as Markdown, readable on its own: the two sources with
// their sha256, the figures, every aligned row (A's text with the words B lacks
// ~~struck~~, B's with the words A lacks **in bold**), the passages only one
// version has, and the carried annotations with their verdicts.
import type { CompareRow, RowChange, RowSide } from '../../common/compare-rows.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { percent, rowHeading, sourceFacts, verdict, type ComparisonReport } from './comparison-report.ts';

const escapeInline = (t: string): string => t.replace(/[\\`*_[\]<>!|~#]/g, '\\$&');
const cell = (t: string): string => escapeInline(t).replace(/\n/g, '<br>');
const shorten = (t: string, n = 240): string => (t.length > n ? `${t.slice(0, n)}…` : t);

/** A side's text with its changed words marked: ~~only here~~ on A, **only here** on B. */
function marked(side: RowSide, changes: readonly RowChange[], wrap: string): string {
  const map = new OffsetMap(side.text);
  const at = (cp: number) => map.toUtf16(cp - side.start);
  let out = '';
  let pos = 0;
  for (const c of changes) {
    const s = at(c.start);
    const e = at(c.end);
    if (s < pos) continue;
    out += escapeInline(side.text.slice(pos, s));
    // markers hug the words (spaces and line breaks stay outside), so the emphasis is valid Markdown
    out += side.text.slice(s, e).split(/(\s*\n\s*)/).map((part, k) => {
      if (k % 2 === 1 || !part.trim()) return part;
      const lead = part.length - part.trimStart().length;
      const trail = part.length - part.trimEnd().length;
      return `${part.slice(0, lead)}${wrap}${escapeInline(part.trim())}${wrap}${part.slice(part.length - trail)}`;
    }).join('');
    pos = e;
  }
  out += escapeInline(side.text.slice(pos));
  // a line break inside a passage (a headline) stays one
  return out.replace(/\n/g, '  \n');
}

function rowBlock(r: CompareRow, i: number, rows: readonly CompareRow[]): string {
  const lines = [`### ${escapeInline(rowHeading(r, i + 1, rows))}`, ''];
  if (r.kind === 'same') {
    lines.push(`A = B: ${marked(r.a!, [], '')}`);
  } else {
    lines.push(r.a ? `**A:** ${marked(r.a, r.changesA, '~~')}` : `**A:** *(not here${r.kind === 'onlyB' ? ': only in B' : ''})*`);
    lines.push('');
    lines.push(r.b ? `**B:** ${marked(r.b, r.changesB, '**')}` : `**B:** *(not here${r.kind === 'onlyA' ? ': only in A' : ''})*`);
  }
  return lines.join('\n');
}

export function comparisonMarkdown(r: ComparisonReport): string {
  const { a, b } = r;
  const facts = (s: typeof a) => new Map(sourceFacts(s));
  const fa = facts(a);
  const fb = facts(b);
  const labels = [...new Set([...fa.keys(), ...fb.keys()])];
  const only = (side: 'a' | 'b') => r.rows.map((row, i) => ({ row, i })).filter(({ row }) => row.kind === (side === 'a' ? 'onlyA' : 'onlyB'));
  const onlyList = (side: 'a' | 'b') => {
    const list = only(side);
    return list.length === 0 ? ['None.'] : list.map(({ row, i }) => `- Row ${i + 1}, ¶${row[side]!.paragraph}: ${escapeInline(shorten(row[side]!.text.replace(/\s+/g, ' ')))}`);
  };
  const carried = r.carried.length === 0 ? ['No annotations were carried between these two sources.'] : [
    '| # | Carried | Verdict | Passage in its source | Passage in the copy | Comment and tags |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.carried.map((c, i) => {
      const note = [c.original.comment.trim(), c.original.tags.length ? `tags: ${c.original.tags.join(', ')}` : ''].filter(Boolean).join('; ');
      return `| ${i + 1} | ${c.direction === 'ab' ? 'A to B' : 'B to A'} | ${verdict(c)} | ${cell(shorten(c.original.exact))} | ${c.copy.status === 'orphaned' ? '—' : cell(shorten(c.copy.exact))} | ${cell(note) || '—'} |`;
    }),
  ];
  const stamp = r.exportedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return [
    `# Comparison of “${escapeInline(a.title)}” and “${escapeInline(b.title)}”`,
    '',
    `Exported ${stamp}${r.authorName ? ` by ${escapeInline(r.authorName)}` : ''} from Lectern.`,
    '',
    '## The two sources',
    '',
    '| | A | B |',
    '| --- | --- | --- |',
    ...labels.map((l) => `| ${l} | ${cell(fa.get(l) ?? '—')} | ${cell(fb.get(l) ?? '—')} |`),
    '',
    '## Figures',
    '',
    `- Similarity: ${percent(r.similarity)}`,
    `- ${percent(r.aInB)} of A's text is in B; ${percent(r.bInA)} of B's text is in A`,
    `- Rows: ${r.counts.same} same, ${r.counts.changed} changed, ${r.counts.moved} moved, ${r.counts.onlyA} only in A, ${r.counts.onlyB} only in B`,
    '',
    '## Aligned passages',
    '',
    'Each row is a passage of A beside what B has there. In A\'s text, ~~struck~~ words are not in B; in B\'s text, **bold** words are not in A (where both are marked at one place, B replaced the words). A moved passage is shown where it stands in its own text and names the row where the other version has it.',
    '',
    ...r.rows.flatMap((row, i) => [rowBlock(row, i, r.rows), '']),
    '## Passages only in A',
    '',
    ...onlyList('a'),
    '',
    '## Passages only in B',
    '',
    ...onlyList('b'),
    '',
    '## Carried annotations',
    '',
    ...carried,
    '',
  ].join('\n');
}
