// The DOM selection in the compare view as a passage of one side's source:
// each cell carries its side and its code-point start, and holds only the
// source's text (diff labels are CSS generated content, not text nodes).
import { codePointLength } from '../../common/offsets.ts';
import type { Side } from '../../common/compare-rows.ts';

export interface SideSelection { side: Side; start: number; end: number; rect: DOMRect }

const cellOf = (n: Node | null): HTMLElement | null =>
  (n instanceof Element ? n : n?.parentElement)?.closest<HTMLElement>('[data-cell-start]') ?? null;

/** Code point in the cell's source text at a DOM boundary (node, offset) inside the cell. */
function pointIn(cell: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(cell, 0);
  range.setEnd(node, offset);
  return Number(cell.dataset.cellStart) + codePointLength(range.toString());
}

/** The selection as one side's range, or null (collapsed, outside, or across the two sides). */
export function sideSelection(root: HTMLElement): SideSelection | null {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const a = cellOf(range.startContainer);
  const b = cellOf(range.endContainer);
  if (!a || !b || !root.contains(a) || !root.contains(b) || a.dataset.side !== b.dataset.side) return null;
  const start = pointIn(a, range.startContainer, range.startOffset);
  const end = pointIn(b, range.endContainer, range.endOffset);
  if (end <= start) return null;
  return { side: a.dataset.side as Side, start, end, rect: range.getBoundingClientRect() };
}
