// Two aligned texts as rows side by side: what the compare view shows and the
// comparison report prints. Each side reads in its own order, every
// non-space character of each text appears exactly once, and a row holds a
// passage of A, of B, or of both:
// - same / changed: an aligned pair, in order on both sides;
// - onlyA / onlyB: a passage one side has, against an empty gap;
// - moved: one side of a passage that the other text has elsewhere, against a
//   gap that links to the row showing its counterpart (`link`).
// Text the alignment left out (between its segments) becomes onlyA/onlyB rows;
// text a moved segment shares with an in-order one is shown once, in order.
import type { Alignment, SegmentKind, WordChange } from './align/types.ts';
import { OffsetMap } from './offsets.ts';
import { ParagraphIndex } from './segment.ts';
import { partitionPoint } from './sorted.ts';

export type Side = 'a' | 'b';

export interface RowSide {
  /** Code points of that side's text, half-open. */
  start: number;
  end: number;
  text: string;
  /** 1-based paragraph (¶N) the passage starts in. */
  paragraph: number;
}

export type DiffMark = 'deleted' | 'inserted' | 'replaced';

/** A changed stretch inside a row's side: code points of that side's text. */
export interface RowChange {
  start: number;
  end: number;
  /** deleted: only A has it; inserted: only B has it; replaced: the other side has other words there. */
  mark: DiffMark;
}

export interface CompareRow {
  kind: SegmentKind;
  a: RowSide | null;
  b: RowSide | null;
  /** 0..1: the segment's similarity (1 same, 0 one-sided). */
  score: number;
  /** Word changes of each side that fall inside it. */
  changesA: RowChange[];
  changesB: RowChange[];
  /** For a moved row: the index of the row showing its counterpart on the other side (null when none could be shown). */
  link: number | null;
}

type Range = { start: number; end: number };

interface Piece {
  kind: SegmentKind;
  side: Side;
  range: Range;
  /** Index of the segment it came from; -1 for text no segment covered. */
  segment: number;
}

const hasText = (text: string, map: OffsetMap, r: Range) => /\S/.test(text.slice(map.toUtf16(r.start), map.toUtf16(r.end)));

/** `r` minus the sorted, disjoint `covered` ranges: the stretches left. */
function subtract(r: Range, covered: Range[]): Range[] {
  const out: Range[] = [];
  let at = r.start;
  for (const c of covered) {
    if (c.end <= at) continue;
    if (c.start >= r.end) break;
    if (c.start > at) out.push({ start: at, end: c.start });
    at = Math.max(at, c.end);
  }
  if (at < r.end) out.push({ start: at, end: r.end });
  return out;
}

/** Sorted, merged union of ranges. */
function union(ranges: Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((x, y) => x.start - y.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Trims white space off both ends of a range (so a row starts and ends on text). */
function trim(text: string, map: OffsetMap, r: Range): Range {
  const s = text.slice(map.toUtf16(r.start), map.toUtf16(r.end));
  const lead = s.length - s.trimStart().length;
  const trail = s.length - s.trimEnd().length;
  return { start: map.toCodePoint(map.toUtf16(r.start) + lead), end: map.toCodePoint(map.toUtf16(r.end) - trail) };
}

interface SideText { text: string; map: OffsetMap; paras: ParagraphIndex }

const sideOf = (text: string): SideText => {
  const map = new OffsetMap(text);
  return { text, map, paras: new ParagraphIndex(text, map) };
};

/**
 * The rows of `comparison` (an alignment of textA with textB). Cost is about
 * linear in the number of segments (plus a sort of the pieces left over).
 */
export function compareRows(comparison: Pick<Alignment, 'segments'>, textA: string, textB: string): CompareRow[] {
  const sides = { a: sideOf(textA), b: sideOf(textB) };
  const segs = comparison.segments;

  // 1. the in-order skeleton: every segment but moved ones, as long as both sides stay in order
  type Slot = { kind: SegmentKind; a: Range | null; b: Range | null; segment: number };
  const slots: Slot[] = [];
  const extra: Piece[] = [];
  let lastA = 0;
  let lastB = 0;
  segs.forEach((g, i) => {
    const aOk = !g.a || g.a.start >= lastA;
    const bOk = !g.b || g.b.start >= lastB;
    if (g.kind !== 'moved' && aOk && bOk) {
      slots.push({ kind: g.kind, a: g.a && { start: g.a.start, end: g.a.end }, b: g.b && { start: g.b.start, end: g.b.end }, segment: i });
      if (g.a) lastA = g.a.end;
      if (g.b) lastB = g.b.end;
      return;
    }
    // out of order: each side shown where it stands in its own text
    const kind: SegmentKind = g.a && g.b ? 'moved' : g.kind;
    if (g.a) extra.push({ kind, side: 'a', range: { start: g.a.start, end: g.a.end }, segment: i });
    if (g.b) extra.push({ kind, side: 'b', range: { start: g.b.start, end: g.b.end }, segment: i });
  });

  // 2. the pieces of moved segments not already shown, then any text no segment covered
  const coveredBy = (side: Side, more: Piece[]) => union([
    ...slots.flatMap((s) => (s[side] ? [s[side]!] : [])),
    ...more.filter((p) => p.side === side).map((p) => p.range),
  ]);
  const pieces: Piece[] = [];
  for (const side of ['a', 'b'] as const) {
    const shown = coveredBy(side, []);
    // longest first, so where two moved segments overlap the bigger is shown whole
    const mine = extra.filter((p) => p.side === side).sort((x, y) => (y.range.end - y.range.start) - (x.range.end - x.range.start));
    let taken = shown;
    for (const p of mine) {
      for (const r of subtract(p.range, taken)) {
        if (hasText(sides[side].text, sides[side].map, r)) pieces.push({ ...p, range: r });
      }
      taken = union([...taken, p.range]);
    }
    const all = { start: 0, end: sides[side].map.codePoints };
    for (const r of subtract(all, coveredBy(side, pieces))) {
      if (hasText(sides[side].text, sides[side].map, r)) pieces.push({ kind: side === 'a' ? 'onlyA' : 'onlyB', side, range: r, segment: -1 });
    }
  }

  // 3. pieces into the skeleton: each before the first slot of its side that starts after it
  type Entry = { kind: SegmentKind; a: Range | null; b: Range | null; segment: number };
  let entries: Entry[] = slots;
  for (const side of ['a', 'b'] as const) {
    const mine = pieces.filter((p) => p.side === side).sort((x, y) => x.range.start - y.range.start);
    const out: Entry[] = [];
    let k = 0;
    for (const e of entries) {
      const r = e[side];
      if (r) {
        while (k < mine.length && mine[k]!.range.start < r.start) out.push(pieceEntry(mine[k++]!));
      }
      out.push(e);
    }
    while (k < mine.length) out.push(pieceEntry(mine[k++]!));
    entries = out;
  }

  // 4. rows: trimmed text, paragraph numbers, word changes, links of moved rows
  const rows: CompareRow[] = [];
  const rowSegment: number[] = [];
  for (const e of entries) {
    const g = e.segment >= 0 ? segs[e.segment]! : null;
    const side = (s: Side): RowSide | null => {
      const r0 = e[s];
      if (!r0) return null;
      const t = sides[s];
      const r = trim(t.text, t.map, r0);
      if (r.end <= r.start) return null;
      return { start: r.start, end: r.end, text: t.text.slice(t.map.toUtf16(r.start), t.map.toUtf16(r.end)), paragraph: t.paras.numberAt(r.start) };
    };
    const a = side('a');
    const b = side('b');
    if (!a && !b) continue;
    const changes = g && g.kind !== 'same' && g.kind !== 'onlyA' && g.kind !== 'onlyB' ? g.changes : [];
    rows.push({
      kind: e.kind, a, b, score: g ? (a && b ? g.score : e.kind === 'moved' ? g.score : 0) : 0,
      changesA: a ? rowChanges(changes, 'a', a) : [],
      changesB: b ? rowChanges(changes, 'b', b) : [],
      link: null,
    });
    rowSegment.push(e.segment);
  }
  linkMoved(rows, rowSegment, segs);
  return rows;
}

const pieceEntry = (p: Piece) => ({ kind: p.kind, a: p.side === 'a' ? p.range : null, b: p.side === 'b' ? p.range : null, segment: p.segment });

function rowChanges(changes: readonly WordChange[], side: Side, r: RowSide): RowChange[] {
  const other: Side = side === 'a' ? 'b' : 'a';
  const out: RowChange[] = [];
  for (const c of changes) {
    const x = c[side];
    if (!x || x.end <= x.start) continue;
    const start = Math.max(x.start, r.start);
    const end = Math.min(x.end, r.end);
    if (end <= start) continue;
    out.push({ start, end, mark: c[other] ? 'replaced' : side === 'a' ? 'deleted' : 'inserted' });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** A moved row's link: the row that shows (the start of) its segment's other side. */
function linkMoved(rows: CompareRow[], rowSegment: number[], segs: Alignment['segments']): void {
  const startsA = rows.map((r, i) => ({ i, r: r.a })).filter((x) => x.r);
  const startsB = rows.map((r, i) => ({ i, r: r.b })).filter((x) => x.r);
  const find = (list: typeof startsA, at: Range): number | null => {
    // rows of one side are in order: the first whose end is past the range's start
    const hit = list[partitionPoint(list.length, (k) => list[k]!.r!.end <= at.start)];
    return hit && hit.r!.start < at.end ? hit.i : null;
  };
  rows.forEach((row, i) => {
    if (row.kind !== 'moved' || rowSegment[i]! < 0) return;
    const g = segs[rowSegment[i]!]!;
    const target = row.a ? (g.b ? find(startsB, g.b) : null) : (g.a ? find(startsA, g.a) : null);
    row.link = target === i ? null : target;
  });
}

/** The rows with A and B exchanged (the view's "swap sides"): still in order on both sides. */
export function swapRows(rows: readonly CompareRow[]): CompareRow[] {
  const kind = (k: SegmentKind): SegmentKind => (k === 'onlyA' ? 'onlyB' : k === 'onlyB' ? 'onlyA' : k);
  const mark = (m: DiffMark): DiffMark => (m === 'deleted' ? 'inserted' : m === 'inserted' ? 'deleted' : m);
  return rows.map((r) => ({
    kind: kind(r.kind), a: r.b, b: r.a, score: r.score, link: r.link,
    changesA: r.changesB.map((c) => ({ ...c, mark: mark(c.mark) })),
    changesB: r.changesA.map((c) => ({ ...c, mark: mark(c.mark) })),
  }));
}

/** Whether a row is a difference (what next/previous difference visits). */
export const isDifference = (r: CompareRow): boolean => r.kind !== 'same';

/**
 * Whether row `r` goes on with the difference the row before it is part of: a
 * passage only one side has, or one side of a moved passage, is a row per
 * sentence, but one difference (a changed sentence is a difference of its own).
 */
function continues(prev: CompareRow, r: CompareRow): boolean {
  if (prev.kind !== r.kind) return false;
  if (r.kind === 'onlyA' || r.kind === 'onlyB') return true;
  return r.kind === 'moved' && !!prev.a === !!r.a && prev.link !== null && r.link === prev.link + 1;
}

/** The rows where a difference begins: what next / previous difference visit, and what the counts count. */
export function differenceStarts(rows: readonly CompareRow[]): number[] {
  return rows.flatMap((r, i) => (isDifference(r) && !(i > 0 && continues(rows[i - 1]!, r)) ? [i] : []));
}

/** A row's side as the API sends it: its text is the renderer's slice of the side's text. */
export type RowSpan = Omit<RowSide, 'text'>;

/** A compare row without its text (common/comparison-page.ts). */
export interface RowOutline extends Omit<CompareRow, 'a' | 'b'> {
  a: RowSpan | null;
  b: RowSpan | null;
}

const span = (s: RowSide | null): RowSpan | null => s && { start: s.start, end: s.end, paragraph: s.paragraph };

export const outlineOf = (r: CompareRow): RowOutline => ({ ...r, a: span(r.a), b: span(r.b) });
