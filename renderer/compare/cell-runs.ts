// One side of a compare row as runs of text, each with the diff mark and the
// annotations over it, so the cell's text nodes are exactly the source's
// slice (a selection maps back to code points by counting them).
import type { DiffMark, RowChange, RowSide } from '../../common/compare-rows.ts';
import type { Annotation } from '../../common/types.ts';
import { OffsetMap } from '../../common/offsets.ts';

export interface Run {
  text: string;
  mark: DiffMark | null;
  /** The annotations covering the run, outermost (longest) first. */
  annotations: Annotation[];
}

/** The placed annotations overlapping [start, end), from a list sorted by start. */
export function overlapping(sorted: readonly Annotation[], start: number, end: number): Annotation[] {
  const out: Annotation[] = [];
  for (const a of sorted) {
    if (a.start >= end) break;
    if (a.end > start && a.end > a.start) out.push(a);
  }
  return out;
}

export function cellRuns(side: RowSide, changes: readonly RowChange[], annotations: readonly Annotation[]): Run[] {
  const cuts = new Set<number>([side.start, side.end]);
  const clip = (x: number) => Math.max(side.start, Math.min(side.end, x));
  for (const c of changes) { cuts.add(clip(c.start)); cuts.add(clip(c.end)); }
  for (const a of annotations) { cuts.add(clip(a.start)); cuts.add(clip(a.end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const map = new OffsetMap(side.text);
  const runs: Run[] = [];
  const byLength = [...annotations].sort((x, y) => (y.end - y.start) - (x.end - x.start) || x.start - y.start);
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    if (e <= s) continue;
    const text = side.text.slice(map.toUtf16(s - side.start), map.toUtf16(e - side.start));
    const mark = changes.find((c) => c.start <= s && c.end >= e)?.mark ?? null;
    runs.push({ text, mark, annotations: byLength.filter((a) => a.start <= s && a.end >= e) });
  }
  return runs;
}
