// The comparison report as PDF, through the same pipeline as the annotated
// export (text -> measured lines (layout.ts) -> boxes (flow.ts) -> pages and
// drawing (pdf-doc.ts)), with its embedded Noto Serif fonts: the two sources'
// facts and sha256, the figures, the rows side by side (A left, B right; words
// only one side has struck through in A and underlined in B, a replacement
// with a double line; a one-sided passage against an empty gap, a moved one
// linking to the row of its counterpart), the passages only in one version,
// and the carried annotations with their verdicts. An outline leads to each part.
import { differenceStarts, type CompareRow, type DiffMark, type RowChange, type RowSide } from '../../common/compare-rows.ts';
import { OffsetMap } from '../../common/offsets.ts';
import type { PageSize } from '../../common/types.ts';
import { tint, type Rgb } from './colors.ts';
import { at, baselineOffset, keep, space, textBoxes, type Box, type Mark } from './flow.ts';
import { wrap, type Line, type MeasuredFont } from './layout.ts';
import { PdfComposer } from './pdf-doc.ts';
import { spanOnLine } from './highlight.ts';
import { percent, rowHeading, sourceFacts, verdict, type ComparisonReport } from './comparison-report.ts';

const SIZE = 9.5;
const LEADING = 13.5;
const GUTTER = 14;
const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [95, 95, 95];
const DELETED: Rgb = [200, 60, 50];
const INSERTED: Rgb = [40, 130, 70];
/** Outline items for at most this many differences (a long pair still opens quickly). */
const MAX_OUTLINE_ROWS = 300;

export interface ComparisonPdfResult { bytes: Uint8Array; pages: number; missingGlyphs: string[] }

/** A side's lines: its text cut at newlines, each wrapped; `offset` is the line's UTF-16 start in side.text. */
function sideLines(text: string, font: MeasuredFont, width: number): { line: Line; offset: number }[] {
  const out: { line: Line; offset: number }[] = [];
  let start = 0;
  for (const piece of text.split('\n')) {
    for (const line of wrap(piece.replace(/\t/g, ' '), font, SIZE, width)) out.push({ line, offset: start });
    start += piece.length + 1;
  }
  return out;
}

/** Marks of the changed stretches on one line: a tint behind, and the line(s) through or under. */
function changeMarks(line: Line, offset: number, x: number, changes: { s: number; e: number; mark: DiffMark }[], side: 'a' | 'b', baseline: number): Mark[] {
  const marks: Mark[] = [];
  const color = side === 'a' ? DELETED : INSERTED;
  for (const c of changes) {
    const span = spanOnLine(line, offset, c.s, c.e);
    if (!span) continue;
    const x1 = x + line.xs[span[0]]!;
    const x2 = x + line.xs[span[1]]!;
    marks.push({ kind: 'rect', x: x1, y: baseline - SIZE * 0.8, w: x2 - x1, h: SIZE * 1.05, color: tint(color, 0.18), opacity: 1 });
    // A: through the words; B: under them. A replacement is drawn twice (a double line).
    const ys = side === 'a' ? [baseline - SIZE * 0.3] : [baseline + 1.6];
    if (c.mark === 'replaced') ys.push(side === 'a' ? baseline - SIZE * 0.3 - 1.6 : baseline + 3.2);
    for (const y of ys) marks.push({ kind: 'stroke', x1, y1: y, x2, y2: y, width: 0.6, color });
  }
  return marks;
}

function utf16Changes(side: RowSide, changes: readonly RowChange[]) {
  const map = new OffsetMap(side.text);
  return changes.map((c) => ({ s: map.toUtf16(c.start - side.start), e: map.toUtf16(c.end - side.start), mark: c.mark }));
}

/** One row as boxes: line i of A beside line i of B; a gap shows what the other side says instead. */
function rowBoxes(cp: PdfComposer, r: CompareRow, n: number, rows: readonly CompareRow[]): Box[] {
  const { fonts, geo } = cp;
  const colW = (cp.textWidth - GUTTER) / 2;
  const xA = geo.left;
  const xB = geo.left + colW + GUTTER;
  const baseline = baselineOffset(fonts.regular, SIZE, LEADING);
  const gapText = (missing: 'a' | 'b'): string => {
    if (r.kind === 'moved') {
      const to = r.link !== null ? rows[r.link] : undefined;
      const there = to?.[missing];
      return there ? `Moved: ${missing.toUpperCase()} has it at row ${r.link! + 1} (¶${there.paragraph})` : 'Moved: elsewhere';
    }
    return missing === 'b' ? 'Not in B' : 'Not in A';
  };
  const column = (side: 'a' | 'b') => {
    const s = r[side];
    if (!s) return { lines: wrap(gapText(side), fonts.italic, SIZE, colW).map((line) => ({ line, offset: 0 })), font: fonts.italic, color: GREY, changes: [] as ReturnType<typeof utf16Changes> };
    return { lines: sideLines(s.text, fonts.regular, colW), font: fonts.regular, color: BLACK, changes: utf16Changes(s, side === 'a' ? r.changesA : r.changesB) };
  };
  const A = column('a');
  const B = column('b');
  const count = Math.max(A.lines.length, B.lines.length);
  const label = r.kind === 'same' ? '' : r.kind === 'changed' ? `changed ${percent(r.score)}` : r.kind === 'onlyA' ? 'only in A' : r.kind === 'onlyB' ? 'only in B' : 'moved';
  const boxes: Box[] = [keep(Math.min(count, 2) * LEADING + 6), space(3)];
  for (let i = 0; i < count; i++) {
    const marks: Mark[] = [];
    if (i === 0) {
      marks.push({ kind: 'dest', name: `row-${n}`, top: 0 });
      const num = String(n);
      marks.push({ kind: 'text', text: num, x: geo.left - 8 - fonts.regular.width(num, 7), baseline, font: fonts.regular, size: 7, color: GREY });
      if (label) marks.push({ kind: 'text', text: label, x: geo.right + 6, baseline, font: fonts.italic, size: 7, color: GREY });
    }
    for (const [col, x, side] of [[A, xA, 'a'], [B, xB, 'b']] as const) {
      const l = col.lines[i];
      if (!l) continue;
      if (r[side]) marks.push(...changeMarks(l.line, l.offset, x, col.changes, side, baseline));
      marks.push({ kind: 'line', line: l.line, x, baseline, font: col.font, size: SIZE, color: col.color });
      // a passage only one side has: a bar beside it
      if (r.kind !== 'same' && r.kind !== 'changed' && r[side]) marks.push({ kind: 'stroke', x1: x - 4, y1: 1, x2: x - 4, y2: LEADING - 1, width: 1.4, color: side === 'a' ? DELETED : INSERTED });
    }
    if (i === 0 && r.kind === 'moved' && r.link !== null) {
      const x = r.a ? xB : xA;
      marks.push({ kind: 'goto', x, y: 0, w: colW, h: LEADING, dest: `row-${r.link + 1}` });
    }
    boxes.push({ height: LEADING, keep: LEADING, marks });
  }
  boxes.push(space(3), at({ kind: 'stroke', x1: geo.left, y1: 0, x2: geo.right, y2: 0, width: 0.3, color: [200, 200, 200] }));
  return boxes;
}

function heading(cp: PdfComposer, text: string, dest: string): Box[] {
  const { fonts, geo } = cp;
  return [keep(70), space(10), at({ kind: 'dest', name: dest, top: 0 }), ...textBoxes(text, cp.textWidth, { x: geo.left, font: fonts.bold, size: 13, leading: 18 }), space(4)];
}

function para(cp: PdfComposer, text: string, font: MeasuredFont = cp.fonts.regular, color: Rgb = BLACK, indent = 0): Box[] {
  return textBoxes(text.replace(/\s+/g, ' ').trim(), cp.textWidth - indent, { x: cp.geo.left + indent, font, size: SIZE, leading: LEADING, color });
}

const short = (t: string, n = 300) => { const s = t.replace(/\s+/g, ' ').trim(); return s.length > n ? `${s.slice(0, n)}…` : s; };

export async function exportComparisonPdf(r: ComparisonReport, opts: { pageSize: PageSize }): Promise<ComparisonPdfResult> {
  const cp = new PdfComposer(opts.pageSize, {
    title: `Comparison of “${r.a.title}” and “${r.b.title}”`, author: r.authorName,
    subject: `Two versions compared: ${percent(r.similarity)} similar`, created: r.exportedAt,
  });
  const { fonts, geo } = cp;
  const placed = new Map<string, { page: number; top: number }>();
  const section = (name: string, boxes: Box[]) => { placed.set(name, cp.placeAll(boxes)); };

  section('title', [
    at({ kind: 'dest', name: 'title', top: 0 }),
    ...textBoxes(`Comparison of “${r.a.title}” and “${r.b.title}”`, cp.textWidth, { x: geo.left, font: fonts.bold, size: 17, leading: 22 }),
    space(4),
    ...para(cp, `Exported ${r.exportedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${r.authorName ? ` by ${r.authorName}` : ''} from Lectern.`, fonts.regular, GREY),
  ]);

  const labelW = 78;
  const factBoxes = (letter: string, s: typeof r.a): Box[] => {
    const base = baselineOffset(fonts.regular, 8.5, 12);
    return [...textBoxes(`Source ${letter}`, cp.textWidth, { x: geo.left, font: fonts.bold, size: 10.5, leading: 16 }),
      ...sourceFacts(s).flatMap(([label, value]) => wrap(value, fonts.regular, 8.5, cp.textWidth - labelW).map((line, i): Box => ({
        height: 12, keep: 12,
        marks: [
          ...(i === 0 ? [{ kind: 'text', text: label, x: geo.left, baseline: base, font: fonts.bold, size: 8.5, color: GREY } as const] : []),
          { kind: 'line', line, x: geo.left + labelW, baseline: base, font: fonts.regular, size: 8.5, color: BLACK },
        ],
      }))), space(6)];
  };
  section('sources', [...heading(cp, 'The two sources', 'sources'), ...factBoxes('A', r.a), ...factBoxes('B', r.b)]);
  section('figures', [
    ...heading(cp, 'Figures', 'figures'),
    ...para(cp, `Similarity ${percent(r.similarity)}. ${percent(r.aInB)} of A's text is in B; ${percent(r.bInA)} of B's text is in A.`),
    ...para(cp, `Rows: ${r.counts.same} same, ${r.counts.changed} changed, ${r.counts.moved} moved, ${r.counts.onlyA} only in A, ${r.counts.onlyB} only in B.`),
  ]);

  section('rows', [
    ...heading(cp, 'Aligned passages', 'rows'),
    ...para(cp, 'A on the left, B on the right, row by row. Words only A has are struck through; words only B has are underlined; a double line marks words one version replaced. A bar marks a passage only one version has; a moved passage names, and links to, the row where the other version has it.', fonts.italic, GREY),
    space(6),
  ]);
  const rowAt: { n: number; page: number; top: number }[] = [];
  const starts = new Set(differenceStarts(r.rows));
  r.rows.forEach((row, i) => {
    const first = cp.placeAll(rowBoxes(cp, row, i + 1, r.rows));
    if (starts.has(i)) rowAt.push({ n: i + 1, ...first });
  });

  const onlyList = (side: 'a' | 'b') => {
    const list = r.rows.map((row, i) => ({ row, i })).filter(({ row }) => row.kind === (side === 'a' ? 'onlyA' : 'onlyB'));
    if (list.length === 0) return para(cp, 'None.', fonts.italic, GREY);
    return list.flatMap(({ row, i }) => [...para(cp, `Row ${i + 1}, ¶${row[side]!.paragraph}: ${short(row[side]!.text)}`), space(3)]);
  };
  section('onlyA', [...heading(cp, 'Passages only in A', 'only-a'), ...onlyList('a')]);
  section('onlyB', [...heading(cp, 'Passages only in B', 'only-b'), ...onlyList('b')]);

  const carried: Box[] = r.carried.length === 0 ? para(cp, 'No annotations were carried between these two sources.', fonts.italic, GREY)
    : r.carried.flatMap((c, i) => [
      keep(50),
      ...para(cp, `${i + 1}. ${c.direction === 'ab' ? 'A to B' : 'B to A'}: ${verdict(c)}`, fonts.bold),
      ...para(cp, `In ${c.direction === 'ab' ? 'A' : 'B'}: “${short(c.original.exact)}”`, fonts.regular, BLACK, 14),
      ...para(cp, c.copy.status === 'orphaned' ? `In ${c.direction === 'ab' ? 'B' : 'A'}: not found (the copy is listed, not placed)` : `In ${c.direction === 'ab' ? 'B' : 'A'}: “${short(c.copy.exact)}”`, fonts.regular, BLACK, 14),
      ...(c.original.comment.trim() ? para(cp, `Comment: ${c.original.comment}`, fonts.italic, GREY, 14) : []),
      ...(c.original.tags.length ? para(cp, `Tags: ${c.original.tags.join(', ')}`, fonts.italic, GREY, 14) : []),
      space(5),
    ]);
  section('carried', [...heading(cp, 'Carried annotations', 'carried'), ...carried]);

  const outline = cp.doc.outline;
  const item = (title: string, name: string) => { const p = placed.get(name)!; return cp.outlineItem(outline, title, p.page, p.top); };
  item('The two sources', 'sources');
  item('Figures', 'figures');
  const rowsItem = item(`Aligned passages (${r.rows.length} rows, ${rowAt.length} differences)`, 'rows');
  for (const x of rowAt.slice(0, MAX_OUTLINE_ROWS)) cp.outlineItem(rowsItem, rowHeading(r.rows[x.n - 1]!, x.n, r.rows), x.page, x.top);
  item('Passages only in A', 'onlyA');
  item('Passages only in B', 'onlyB');
  item('Carried annotations', 'carried');
  cp.decoratePages(`Comparison of “${r.a.title}” and “${r.b.title}”`);
  const { bytes, pages } = await cp.finish();
  return { bytes, pages, missingGlyphs: cp.missingGlyphs };
}

