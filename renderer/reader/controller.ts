// Owns one read-only ProseMirror view of one source: builds it, keeps the
// highlight decorations in sync with the annotation list (small add/remove
// actions, never a rebuild), converts selections and scroll positions to code
// points, scrolls to passages and flashes them.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Annotation, Source } from '../../common/types.ts';
import { isPlaced } from '../../common/placement.ts';
import { buildTextDoc, codePointToPos, posToCodePoint, type TextDoc } from './text-doc.ts';
import { highlightsKey, highlightsPlugin, syncHighlights, type HighlightSpec } from './highlights.ts';
import { flashPlugin, setFlash } from '../flash.ts';

export interface ReaderHooks {
  /** A non-empty selection ended (mouse or keyboard): its code-point range and a rectangle to anchor a popover. */
  onSelect(range: { start: number; end: number; exact: string; rect: DOMRect } | null): void;
  /** A highlight was clicked (innermost one when they overlap). */
  onHighlightClick(id: string, rect: DOMRect): void;
  /** A drag of the current selection started: fill in the citation payload. */
  onDragSelection(range: { start: number; end: number; exact: string }, data: DataTransfer): void;
}

export class ReaderController {
  readonly view: EditorView;
  readonly td: TextDoc;
  readonly source: Source;
  readonly scroller: HTMLElement;

  constructor(mount: HTMLElement, scroller: HTMLElement, source: Source, annotations: Annotation[], hooks: ReaderHooks) {
    this.source = source;
    this.scroller = scroller;
    this.td = buildTextDoc(source.text);
    const state = EditorState.create({ doc: this.td.doc, plugins: [highlightsPlugin(this.td, this.placed(annotations)), flashPlugin()] });
    this.view = new EditorView(mount, {
      state,
      editable: () => false,
      attributes: { class: 'reader-doc', 'aria-label': `Text of ${source.title}`, role: 'document' },
      handleDOMEvents: {
        mouseup: () => { setTimeout(() => hooks.onSelect(this.selection()), 0); return false; },
        keyup: (_v, e) => { if (e.shiftKey || e.key === 'Shift') hooks.onSelect(this.selection()); return false; },
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

  destroy(): void {
    this.view.destroy();
  }

  /** The DOM selection inside the text as a code-point range, or null. */
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
    const exact = this.slice(start, end);
    if (!exact.trim()) return null;
    return { start, end, exact, rect: range.getBoundingClientRect() };
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
