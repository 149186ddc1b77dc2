// The compare view's rows as the API sends them (comparisonRows): a page at a
// time and without their text, which the renderer slices from the texts it
// holds, so no passage crosses the transport twice. The first page can bring
// the two texts up to where its rows reach: enough to show the first screen
// before the whole texts and the other rows arrive. The rows travel packed in
// a few typed arrays (PackedRows): Electron's IPC and the browser harness copy
// each as one block, where thousands of small row objects cost a value each.
import type { CompareRow, DiffMark, RowOutline, RowSpan } from './compare-rows.ts';
import type { SegmentKind } from './align/types.ts';
import { OffsetMap } from './offsets.ts';
import type { Source } from './types.ts';

/** The most rows one call returns (the renderer asks for the rest page by page). */
export const MAX_COMPARISON_PAGE = 5_000;

export type SourceWithoutText = Omit<Source, 'text'>;

export interface ComparisonPage {
  a: SourceWithoutText;
  b: SourceWithoutText;
  similarity: number;
  aInB: number;
  bInA: number;
  /** How many rows the comparison has. */
  total: number;
  /** Index of this page's first row. */
  start: number;
  rows: PackedRows;
  /**
   * When asked for (`withText`): each side's text from its beginning up to the
   * end of this page's last row on that side, in code points (empty when no row
   * of the page has that side).
   */
  text: { a: string; b: string } | null;
}

export interface ComparisonPageRequest {
  start: number;
  count: number;
  withText?: boolean;
}

/** How far (code points) the rows reach on each side: the end of the last one there. */
export function reach(rows: readonly RowOutline[]): { a: number; b: number } {
  let a = 0;
  let b = 0;
  for (const r of rows) {
    if (r.a) a = Math.max(a, r.a.end);
    if (r.b) b = Math.max(b, r.b.end);
  }
  return { a, b };
}

/**
 * The rows with their text, sliced from each side's text (the whole text, or a
 * beginning of it that reaches every row: code points count from 0 either way).
 */
export function withText(rows: readonly RowOutline[], text: { a: string; b: string }): CompareRow[] {
  const maps = { a: new OffsetMap(text.a), b: new OffsetMap(text.b) };
  const side = (s: RowSpan | null, t: string, map: OffsetMap) => {
    if (!s) return null;
    if (s.end > map.codePoints) throw new Error(`a row reaches code point ${s.end}, past the ${map.codePoints} of its text`);
    return { ...s, text: t.slice(map.toUtf16(s.start), map.toUtf16(s.end)) };
  };
  return rows.map((r) => ({ ...r, a: side(r.a, text.a, maps.a), b: side(r.b, text.b, maps.b) }));
}

const KINDS: readonly SegmentKind[] = ['same', 'changed', 'moved', 'onlyA', 'onlyB'];
const MARKS: readonly DiffMark[] = ['deleted', 'inserted', 'replaced'];
/** Ints per row in PackedRows.spans. */
const SPAN = 8;

/** Rows as columns: `packRows` and `unpackRows` are each other's inverse. */
export interface PackedRows {
  /** Per row, its kind (an index into KINDS). */
  kinds: Uint8Array;
  /** Per row: A's start, end, paragraph, B's start, end, paragraph (start -1: no such side), link (-1: none), changes of A. */
  spans: Int32Array;
  scores: Float64Array;
  /** start, end, mark (an index into MARKS) of each change, row after row, A's changes then B's. */
  changes: Int32Array;
  /** Per row, where its changes begin in `changes` (in changes, not ints); one more at the end. */
  changeStarts: Int32Array;
}

export function packRows(rows: readonly RowOutline[]): PackedRows {
  const n = rows.length;
  const kinds = new Uint8Array(n);
  const spans = new Int32Array(n * SPAN);
  const scores = new Float64Array(n);
  const changeStarts = new Int32Array(n + 1);
  let count = 0;
  rows.forEach((r, i) => { changeStarts[i] = count; count += r.changesA.length + r.changesB.length; });
  changeStarts[n] = count;
  const changes = new Int32Array(count * 3);
  let c = 0;
  rows.forEach((r, i) => {
    kinds[i] = KINDS.indexOf(r.kind);
    scores[i] = r.score;
    spans.set([r.a?.start ?? -1, r.a?.end ?? 0, r.a?.paragraph ?? 0, r.b?.start ?? -1, r.b?.end ?? 0, r.b?.paragraph ?? 0, r.link ?? -1, r.changesA.length], i * SPAN);
    for (const x of [...r.changesA, ...r.changesB]) changes.set([x.start, x.end, MARKS.indexOf(x.mark)], 3 * c++);
  });
  return { kinds, spans, scores, changes, changeStarts };
}

export function unpackRows(p: PackedRows): RowOutline[] {
  const rows: RowOutline[] = [];
  for (let i = 0; i < p.kinds.length; i++) {
    const s = p.spans.subarray(i * SPAN, (i + 1) * SPAN);
    const span = (at: number): RowSpan | null => (s[at]! < 0 ? null : { start: s[at]!, end: s[at + 1]!, paragraph: s[at + 2]! });
    const changes = [];
    for (let c = p.changeStarts[i]!; c < p.changeStarts[i + 1]!; c++) {
      changes.push({ start: p.changes[3 * c]!, end: p.changes[3 * c + 1]!, mark: MARKS[p.changes[3 * c + 2]!]! });
    }
    const link = s[6]!;
    rows.push({
      kind: KINDS[p.kinds[i]!]!, a: span(0), b: span(3), score: p.scores[i]!, link: link < 0 ? null : link,
      changesA: changes.slice(0, s[7]!), changesB: changes.slice(s[7]!),
    });
  }
  return rows;
}
