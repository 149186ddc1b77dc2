// A caret in the compare view, so passages can be selected from the keyboard
// as in the reader. A cell holds only its source's text and is not editable,
// so the browser gives it no caret; while the keyboard works in one, that one
// cell is made contenteditable (its text refuses every input, see
// CompareView), as the reader's text is editable only so a caret can move.
// One cell at a time, and a press of the mouse anywhere in the view ends it:
// a selection cannot leave an editing host, and a mouse drag must still be
// able to cross rows.
import { codePointLength } from '../../common/offsets.ts';
import type { Side } from '../../common/compare-rows.ts';

const HOST = 'data-caret-host';

/** The text cell of one side of a row, if the row is rendered and that side has text there. */
export function cellAt(root: HTMLElement, index: number, side: Side): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.cmp-row[data-index="${index}"] [data-side="${side}"][data-cell-start]`);
}

export function isCaretHost(t: EventTarget | null): t is HTMLElement {
  return t instanceof HTMLElement && t.hasAttribute(HOST);
}

/** The row and side of a caret host. */
export function hostPlace(host: HTMLElement): { index: number; side: Side } {
  return { index: Number(host.closest<HTMLElement>('.cmp-row')!.dataset.index), side: host.dataset.side as Side };
}

/** The cell the keyboard's caret is in, if any. */
export const caretHostIn = (root: HTMLElement): HTMLElement | null => root.querySelector<HTMLElement>(`[${HOST}]`);

export function endCaretHost(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${HOST}]`)) {
    el.removeAttribute('contenteditable');
    el.removeAttribute(HOST);
  }
}

/** The DOM point at code point `cp` of the cell's source text (the cell holds exactly that text). */
function pointAt(cell: HTMLElement, cp: number): [Node, number] {
  let left = cp - Number(cell.dataset.cellStart);
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const len = codePointLength(n.data);
    if (left <= len) return [n, Array.from(n.data).slice(0, left).join('').length];
    left -= len;
    last = n;
  }
  return last ? [last, last.data.length] : [cell, cell.childNodes.length];
}

/** Makes `cell` the caret host, focused, with the caret at its start, its end, or a code point of its text. */
export function enterCell(root: HTMLElement, cell: HTMLElement, at: 'start' | 'end' | number): void {
  if (!cell.hasAttribute(HOST)) {
    endCaretHost(root);
    cell.setAttribute('contenteditable', 'true');
    cell.setAttribute('spellcheck', 'false');
    cell.setAttribute(HOST, '');
  }
  cell.focus({ preventScroll: true });
  const sel = window.getSelection()!;
  if (typeof at === 'number') {
    const [node, offset] = pointAt(cell, at);
    sel.collapse(node, offset);
  } else {
    sel.selectAllChildren(cell);
    if (at === 'start') sel.collapseToStart();
    else sel.collapseToEnd();
  }
}

/** Where the caret is now: its DOM point and the top of its line (to tell whether an arrow key moved it). */
export function caretMark(): { node: Node | null; offset: number; top: number } {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return { node: null, offset: 0, top: 0 };
  return { node: sel.focusNode, offset: sel.focusOffset, top: Math.round(sel.getRangeAt(0).getBoundingClientRect().top) };
}
