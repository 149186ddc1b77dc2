// Owns one read-only ProseMirror view of one source: builds it, keeps the
// highlight decorations in sync with the annotation list (small add/remove
// actions, never a rebuild), converts selections and scroll positions to code
// points, scrolls to passages and flashes them, and finds text in it.
//
// The view is contenteditable so that the keyboard can reach it and move and
// extend a caret selection (Tab, arrows, Shift+arrows), as a browser's caret
// browsing would; every change to the text is refused (beforeinput is
// cancelled, and a transaction that changes the document is filtered out).
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Annotation, Source } from '../../common/types.ts';
import { isPlaced } from '../../common/placement.ts';
import { fold } from '../library/find-match.ts';
import { buildTextDoc, codePointToPos, posToCodePoint, utf16ToPos, type TextDoc } from './text-doc.ts';
import { highlightsKey, highlightsPlugin, syncHighlights, type HighlightSpec } from './highlights.ts';
import { flashPlugin, setFlash } from '../flash.ts';
import { PointerSelection } from '../pointer-selection.ts';
import { trimSelection } from '../trim-selection.ts';
import { findIn, findKey, findPlugin, firstFrom, setFind, type FindMatches } from './find.ts';

export type ReaderRange = { start: number; end: number; exact: string; rect: DOMRect };

export interface ReaderHooks {
  /** A mouse selection ended (non-empty), or was cleared: its code-point range and a rectangle to anchor a popover. */
  onSelect(range: ReaderRange | null): void;
  /** A highlight was clicked (innermost one when they overlap). */
  onHighlightClick(id: string, rect: DOMRect): void;
  /** A drag of the current selection started: fill in the citation payload. */
  onDragSelection(range: { start: number; end: number; exact: string }, data: DataTransfer): void;
  /** Enter (annotate, with the popover focused) or H (highlight now) with a selection made from the keyboard or mouse. */
  onSelectionKey(key: 'annotate' | 'highlight', range: ReaderRange): void;
  /** Enter with no selection: open the selected annotation, if there is one; false when nothing happened. */
  onEnter(): boolean;
}

/** Nothing may change the text: the view is editable only so that a caret can move in it. */
const readOnly = new Plugin({ filterTransaction: (tr) => !tr.docChanged });

export class ReaderController {
  readonly view: EditorView;
  readonly td: TextDoc;
  readonly source: Source;
  readonly scroller: HTMLElement;
  private folded: string | null = null;
  private pointerDown = false;
  private readonly pointerSelection = new PointerSelection();

  constructor(mount: HTMLElement, scroller: HTMLElement, source: Source, annotations: Annotation[], hooks: ReaderHooks) {
    this.source = source;
    this.scroller = scroller;
    this.td = buildTextDoc(source.text);
    const state = EditorState.create({
      doc: this.td.doc,
      plugins: [readOnly, highlightsPlugin(this.td, this.placed(annotations)), flashPlugin(), findPlugin()],
    });
    this.view = new EditorView(mount, {
      state,
      attributes: {
        class: 'reader-doc', 'aria-label': `Text of ${source.title}`, role: 'document', 'data-reader': 'true',
        spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', translate: 'no',
      },
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleKeyDown: (_v, e) => {
        if (e.ctrlKey || e.metaKey || e.altKey) return false;
        const key = e.key === 'Enter' ? 'annotate' : e.key === 'h' || e.key === 'H' ? 'highlight' : null;
        const r = key && this.selection();
        if (key && r) { hooks.onSelectionKey(key, r); return true; }
        return e.key === 'Enter' && !e.shiftKey && hooks.onEnter();
      },
      handleDOMEvents: {
        beforeinput: (_v, e) => { e.preventDefault(); return true; },
        mousedown: () => { this.pointerDown = true; this.pointerSelection.press(); return false; },
        mouseup: (view) => { this.pointerDown = false; this.pointerSelection.release(view.dom, () => hooks.onSelect(this.selection())); return false; },
        focus: () => { if (!this.pointerDown) this.caretIntoView(); return false; },
        click: (_v, e) => {
          const sel = window.getSelection();
          if (sel && !sel.isCollapsed) return false;
          const mark = (e.target as Element).closest?.('mark[data-annotation-id]');
          if (mark) hooks.onHighlightClick(mark.getAttribute('data-annotation-id')!, mark.getBoundingClientRect());
          return false;
        },
        dragstart: (_v, e) => {
          const r = this.selection();
          if (!r || !e.dataTransfer) return false;
          hooks.onDragSelection(r, e.dataTransfer);
          return true; // we filled the payload; ProseMirror would clear it
        },
      },
    });
  }

  /** Focused from the keyboard: a caret that is off screen moves to the first line in view, where reading is. */
  private caretIntoView(): void {
    const box = this.scroller.getBoundingClientRect();
    const head = this.view.coordsAtPos(this.view.state.selection.head);
    if (head.top >= box.top && head.bottom <= box.bottom) return;
    const docBox = this.view.dom.getBoundingClientRect();
    const hit = this.view.posAtCoords({ left: docBox.left + 2, top: Math.max(box.top, docBox.top) + 8 });
    if (hit) this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, hit.pos)));
  }

  /** Selects [start, end) (code points) in the text and gives the reader focus, as if the keyboard had selected it. */
  selectRange(start: number, end: number): void {
    const sel = TextSelection.create(this.view.state.doc, codePointToPos(this.td, start), codePointToPos(this.td, end));
    this.view.dispatch(this.view.state.tr.setSelection(sel));
    this.view.focus();
  }

  /** After a selection became an annotation: the caret goes to its end (and the DOM selection goes when the text has no focus). */
  collapseSelection(): void {
    const { to } = this.view.state.selection;
    this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, to)));
    if (!this.view.hasFocus()) window.getSelection()?.removeAllRanges();
  }

  /** Finds `query` (case and diacritics ignored); the current match is the first at or after the caret. */
  find(query: string): FindMatches & { current: number } {
    this.folded ??= fold(this.td.text);
    const m = findIn(this.folded, query);
    const positions = m.ranges.map(([a, b]) => [utf16ToPos(this.td, a), utf16ToPos(this.td, b)] as [number, number]);
    const caret = this.view.state.selection.from;
    const current = positions.length ? firstFrom(positions, caret) : -1;
    this.view.dispatch(setFind(this.view.state.tr, { positions, current }));
    if (current >= 0) this.showMatch(current);
    return { ...m, current };
  }

  /** Moves the current match by `dir` (wrapping), scrolls to it; returns its index. */
  findStep(dir: 1 | -1): number {
    const st = findKey.getState(this.view.state)!;
    if (!st.positions.length) return -1;
    const current = (st.current + dir + st.positions.length) % st.positions.length;
    this.view.dispatch(setFind(this.view.state.tr, { current }));
    this.showMatch(current);
    return current;
  }

  /** Ends a find; with `select`, the current match becomes the selection (to highlight it next). */
  endFind(select: boolean): void {
    const st = findKey.getState(this.view.state)!;
    const cur = st.positions[st.current];
    const tr = setFind(this.view.state.tr, null);
    if (select && cur) tr.setSelection(TextSelection.create(tr.doc, cur[0], cur[1]));
    this.view.dispatch(tr);
  }

  private showMatch(i: number): void {
    const p = findKey.getState(this.view.state)!.positions[i]!;
    void this.reveal(posToCodePoint(this.td, p[0]), posToCodePoint(this.td, p[1]), false);
  }

  destroy(): void {
    this.view.destroy();
  }

  /** The DOM selection inside the text as a code-point range without white space at its edges, or null. */
  selection(): { start: number; end: number; exact: string; rect: DOMRect } | null {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const dom = this.view.dom;
    if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) return null;
    let a: number;
    let b: number;
    try {
      a = this.view.posAtDOM(range.startContainer, range.startOffset);
      b = this.view.posAtDOM(range.endContainer, range.endOffset);
    } catch {
      return null;
    }
    const start = posToCodePoint(this.td, Math.min(a, b));
    const end = posToCodePoint(this.td, Math.max(a, b));
    if (end <= start) return null;
    const trimmed = trimSelection({ start, end }, this.slice(start, end));
    if (!trimmed.exact) return null;
    return { ...trimmed, rect: range.getBoundingClientRect() };
  }

  slice(start: number, end: number): string {
    return this.td.text.slice(this.td.offsets.toUtf16(start), this.td.offsets.toUtf16(end));
  }

  /** The annotations that paint text: never an orphan, never a range outside the text. */
  placed(annotations: Annotation[]): Annotation[] {
    return annotations.filter((a) => isPlaced(a, this.td.offsets.codePoints));
  }

  /** Applies the difference between the highlights shown and this list (its placed annotations). */
  sync(annotations: Annotation[]): void {
    const shown = new Map(highlightsKey.getState(this.view.state)!.find().map((d) => [(d.spec as HighlightSpec).id, d.spec as HighlightSpec]));
    const remove: string[] = [];
    const add: Annotation[] = [];
    const want = new Set<string>();
    for (const a of this.placed(annotations)) {
      want.add(a.id);
      const s = shown.get(a.id);
      if (!s) add.push(a);
      else if (s.color !== a.color || s.modified !== a.modified) { remove.push(a.id); add.push(a); }
    }
    for (const id of shown.keys()) if (!want.has(id)) remove.push(id);
    if (remove.length || add.length) this.view.dispatch(syncHighlights(this.view.state.tr, remove, add));
  }

  /** Scrolls so [start, end) sits near the top third of the reader, then flashes it; resolves once it is in place. */
  reveal(start: number, end: number, flash = true): Promise<void> {
    const from = codePointToPos(this.td, start);
    const to = codePointToPos(this.td, Math.max(start, end));
    const place = () => {
      const coords = this.view.coordsAtPos(from);
      const box = this.scroller.getBoundingClientRect();
      const delta = coords.top - box.top - box.height / 3;
      if (Math.abs(delta) > 2) this.scroller.scrollTop += delta;
      return Math.abs(delta) > 2;
    };
    // Paragraphs off screen are laid out lazily (content-visibility), so the first
    // jump may land near rather than on; settle in a few frames.
    performance.mark('lectern:reveal-start');
    let tries = 0;
    const settled = new Promise<void>((resolve) => {
      const done = () => { performance.mark('lectern:reveal-frame'); resolve(); };
      // Each check runs at the start of a frame, so when nothing had to move, the
      // frame just painted already showed the passage.
      const settle = () => {
        if (!this.view.isDestroyed && place() && ++tries < 4) requestAnimationFrame(settle);
        else done();
      };
      if (place()) requestAnimationFrame(settle);
      else requestAnimationFrame(done);
    });
    if (flash) {
      // after the frame that shows the passage has been painted: the decoration
      // update (a pass over every paragraph, ~4 ms with 2,000 highlights) no
      // longer delays that frame; the flash starts one frame later
      requestAnimationFrame(() => setTimeout(() => {
        if (!this.view.isDestroyed) this.view.dispatch(setFlash(this.view.state.tr, { from, to }));
      }, 0));
    }
    return settled;
  }

  /** The window rectangle from the start of [start, end) to its end (to place a popover by it). */
  rangeRect(start: number, end: number): DOMRect {
    const a = this.view.coordsAtPos(codePointToPos(this.td, start));
    const b = this.view.coordsAtPos(codePointToPos(this.td, Math.max(start, end)));
    return new DOMRect(a.left, a.top, Math.max(1, b.right - a.left), Math.max(1, b.bottom - a.top));
  }

  /** Code-point offset of the text at the top of the reader. */
  topOffset(): number {
    const box = this.scroller.getBoundingClientRect();
    const docBox = this.view.dom.getBoundingClientRect();
    const hit = this.view.posAtCoords({ left: docBox.left + Math.min(40, docBox.width / 2), top: Math.max(box.top, docBox.top) + 4 });
    return hit ? posToCodePoint(this.td, hit.pos) : 0;
  }

  /** Scrolls so the text at code point `offset` is at the top (restoring a saved position). */
  scrollToOffset(offset: number): void {
    if (offset <= 0) { this.scroller.scrollTop = 0; return; }
    const pos = codePointToPos(this.td, offset);
    let tries = 0;
    const step = () => {
      const coords = this.view.coordsAtPos(pos);
      const box = this.scroller.getBoundingClientRect();
      const delta = coords.top - box.top - 4;
      if (Math.abs(delta) > 2) {
        this.scroller.scrollTop += delta;
        if (++tries < 4) requestAnimationFrame(step);
      }
    };
    step();
  }
}
