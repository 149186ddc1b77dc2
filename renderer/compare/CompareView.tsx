// The compare view (issue 9.2): two sources side by side in the main area,
// aligned row by row in one scroller (so both sides scroll together), only
// the rows on screen rendered. Next/previous difference (buttons, N/P, F7 /
// Shift+F7), swap sides, choose the other source among A's versions, carry
// annotations across and review the copies, export the comparison report.
// Selecting text in either side annotates that source as the reader does,
// with the mouse or from the keyboard (Enter in the rows puts a caret in a
// cell: text-caret.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { differenceStarts, type Side } from '../../common/compare-rows.ts';
import { sliceCodePoints } from '../../common/offsets.ts';
import type { CitationAttrs } from '../../common/citation.ts';
import type { Annotation, RelatedSource, Source, TrashItem } from '../../common/types.ts';
import { AnnotationPopover, type Popover } from '../app/AnnotationPopover.tsx';
import type { AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { newDraftKey, editDraftKey } from '../annotations/draft-keys.ts';
import { clearDraft } from '../drafts.ts';
import { CarryDialog } from '../versions/CarryDialog.tsx';
import { ReviewList } from '../versions/ReviewList.tsx';
import { decisionUndo } from '../versions/decision-undo.ts';
import type { ActionUndo } from '../undo.ts';
import { ComparisonExport } from '../versions/ComparisonExport.tsx';
import { relatedLabels } from '../versions/figures.ts';
import { CompareRowView } from './CompareRow.tsx';
import { sideSelection, type SideSelection } from './selection.ts';
import { caretHostIn, caretMark, cellAt, endCaretHost, enterCell, hostPlace, isCaretHost } from './text-caret.ts';
import { useComparison } from './useComparison.ts';
import { useVirtualRows } from '../virtual-rows.ts';
import { PointerSelection } from '../pointer-selection.ts';
import { trimSelection } from '../trim-selection.ts';
import { focusOrigin } from '../focus.ts';
import './compare.css';
import { annotationEditUndo } from '../annotation-edit-undo.ts';

export interface CompareViewProps {
  a: string;
  b: string;
  /** Open the carry dialog as soon as the pair is shown. */
  carry?: boolean;
  knownTags: string[];
  onClose(): void;
  /** Show another pair (swap sides, another version). */
  onChoose(a: string, b: string): void;
  onCite(attrs: CitationAttrs): void;
  /** Annotations went to the trash: the app offers Undo (restore). */
  onDeleted(items: TrashItem[]): void;
  /** Annotations were created or changed here (the library's counts, the panels). */
  onAnnotationsChanged(): void;
  /** Hands a change's undo (a copy placed by hand) to the app's one Undo. */
  offerUndo?(undo: ActionUndo): void;
  fail(e: unknown): void;
}

/** Height of the sticky column headers above the rows (compare.css .cmp-head). */
const HEAD = 52;
const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

type Adjusting = { copy: Annotation; side: Side } | null;

export function CompareView(props: CompareViewProps) {
  const { a, b } = props;
  const data = useComparison(a, b);
  const ready = data.state === 'ready' ? data.comparison : null;
  const rows = ready?.rows ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  const table = useRef<HTMLDivElement>(null);
  const [current, setCurrentState] = useState(-1);
  // read by key presses that come faster than renders
  const currentRef = useRef(-1);
  const setCurrent = (i: number) => { currentRef.current = i; setCurrentState(i); };
  const [flash, setFlash] = useState(-1);
  const [popover, setPopover] = useState<(Popover & { side: Side }) | null>(null);
  const [carrying, setCarrying] = useState(!!props.carry);
  const [review, setReview] = useState<{ from: Side } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [adjusting, setAdjusting] = useState<Adjusting>(null);
  const [placing, setPlacing] = useState<(SideSelection & { fromKeys?: boolean }) | null>(null);
  const [relations, setRelations] = useState<RelatedSource[]>([]);
  const [said, setSaid] = useState('');

  useEffect(() => { setCurrent(-1); setPopover(null); setAdjusting(null); }, [a, b]);
  useEffect(() => {
    window.lectern.sourceRelations(a).then((r) => setRelations(r.relations.filter((x) => !x.dismissed)), props.fail);
  }, [a]);
  // focus into the view once it shows, unless it is already somewhere (the button that opened the view,
  // or Swap sides, went away with what it was in)
  useEffect(() => {
    if (!ready) return;
    const now = focusOrigin();
    if (!now || !now.isConnected || !now.checkVisibility()) scroller.current?.focus({ preventScroll: true });
  }, [!!ready]);
  // bench/compare.ts reads these: the rows rendered, then the frame that shows them
  useEffect(() => {
    if (!ready) return;
    performance.mark('lectern:compare-rows');
    requestAnimationFrame(() => setTimeout(() => performance.mark('lectern:compare-frame'), 0));
  }, [ready]);

  const diffs = useMemo(() => differenceStarts(rows), [rows]);
  const paraStarts = useMemo(() => {
    let pa = -1;
    let pb = -1;
    return rows.map((r) => {
      const out = { a: !!r.a && r.a.paragraph !== pa, b: !!r.b && r.b.paragraph !== pb };
      if (r.a) pa = r.a.paragraph;
      if (r.b) pb = r.b.paragraph;
      return out;
    });
  }, [rows]);

  // an estimate until a row is measured: the longer side's characters over a column's width
  // (the width is the view's own from the first render on: the list computes every estimate once, and
  // estimates from a guessed width made a 1 MB pair's list grow to twice its length on the first scroll)
  const width = (scroller.current ?? section.current)?.clientWidth || 900;
  const perLine = Math.max(16, (width / 2 - 60) / 8.6);
  const v = useVirtualRows(rows.length, scroller, (i) => {
    const r = rows[i]!;
    const chars = Math.max(r.a?.text.length ?? 12, r.b?.text.length ?? 12);
    return Math.ceil(chars / perLine) * 27 + 20;
  }, HEAD);

  const sourceOf = (side: Side): Source | null => (ready ? ready[side] : null);
  const listOf = (side: Side) => data.annotations[side];

  const go = (i: number, how: 'difference' | 'link') => {
    if (i < 0 || i >= rows.length) return;
    setCurrent(i);
    v.scrollToIndex(i, { align: 'center' });
    if (how === 'link') { setFlash(i); setTimeout(() => setFlash((f) => (f === i ? -1 : f)), 1600); }
    const r = rows[i]!;
    const n = diffs.indexOf(i);
    const where = [r.a ? `A ¶${r.a.paragraph}` : null, r.b ? `B ¶${r.b.paragraph}` : null].filter(Boolean).join(', ');
    const kind = r.kind === 'onlyA' ? 'only in A' : r.kind === 'onlyB' ? 'only in B' : r.kind;
    setSaid(n >= 0 ? `Difference ${n + 1} of ${diffs.length}: ${kind}, ${where}` : `Row ${i + 1}: ${kind}, ${where}`);
  };
  /** The first and last rows at least partly on screen, below the sticky header (null before any is laid out). */
  const rowsOnScreen = (): { first: number; last: number } | null => {
    const el = scroller.current;
    if (!el) return null;
    const top = el.scrollTop + HEAD;
    const bottom = el.scrollTop + el.clientHeight;
    const seen = v.getVirtualItems().filter((it) => it.end > top && it.start < bottom);
    return seen.length ? { first: seen[0]!.index, last: seen[seen.length - 1]!.index } : null;
  };
  const step = (dir: 1 | -1) => {
    if (!diffs.length) { setSaid('No differences: the two texts read the same.'); return; }
    // from the current difference, else from the rows on screen (not the few the list renders beyond it)
    const at = currentRef.current;
    const screen = rowsOnScreen();
    const from = at >= 0 ? at : dir > 0 ? (screen?.first ?? 0) - 1 : (screen?.last ?? rows.length - 1) + 1;
    const next = dir > 0 ? diffs.find((i) => i > from) : [...diffs].reverse().find((i) => i < from);
    if (next === undefined) { setSaid(dir > 0 ? 'That was the last difference.' : 'That was the first difference.'); return; }
    go(next, 'difference');
  };

  const busy = !!popover || carrying || !!review || exporting || !!placing;
  // the first screen shows before the other rows arrive: a move asked for meanwhile is made once they are here
  const complete = !!ready?.complete;
  const waiting = useRef<{ step: 1 | -1 } | { edge: 'Home' | 'End' } | null>(null);
  const move = (m: { step: 1 | -1 } | { edge: 'Home' | 'End' }) => {
    if (!complete) { waiting.current = m; setSaid('Loading the rest of the rows…'); return; }
    if ('step' in m) step(m.step);
    // the browser's own Home / End scroll is animated, and the list measuring rows on the way stopped it midway
    else if (rows.length > 0) v.scrollToIndex(m.edge === 'Home' ? 0 : rows.length - 1, { align: m.edge === 'Home' ? 'start' : 'end' });
  };
  useEffect(() => {
    const m = waiting.current;
    if (complete && m) { waiting.current = null; setSaid(''); move(m); }
  }, [complete]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || document.querySelector('dialog[open]') || busy) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key.toLowerCase();
      if (e.key === 'F7' || k === 'n' || k === 'p') { e.preventDefault(); move({ step: e.key === 'F7' ? (e.shiftKey ? -1 : 1) : k === 'n' ? 1 : -1 }); return; }
      if ((e.key === 'Home' || e.key === 'End') && !e.shiftKey) { e.preventDefault(); move({ edge: e.key }); return; }
      if (e.key === 'Escape' && adjusting) { e.preventDefault(); setAdjusting(null); setReview({ from: adjusting.side === 'a' ? 'b' : 'a' }); return; }
      // the reader's keys (J/K, Delete) would act on the reader hidden behind this view
      if (k === 'j' || k === 'k' || e.key === 'Delete' || e.key === 'Backspace') e.preventDefault();
    };
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  });

  // ---- selection and highlights ------------------------------------------------------------
  const pointerSelection = useMemo(() => new PointerSelection(), []);
  const onSelectEnd = () => scroller.current && pointerSelection.release(scroller.current, () => {
    if (!table.current) return;
    const sel = sideSelection(table.current);
    if (!sel) { setPopover((p) => (p?.mode === 'new' ? null : p)); return; }
    if (adjusting) {
      if (sel.side === adjusting.side) setPlacing(sel);
      return;
    }
    const src = sourceOf(sel.side)!;
    setPopover({ mode: 'new', side: sel.side, start: sel.start, end: sel.end, rect: sel.rect, exact: sliceCodePoints(src.text, sel.start, sel.end) });
  });
  const onClick = (e: MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = (e.target as Element).closest?.('mark[data-annotation-id]');
    const cell = mark?.closest<HTMLElement>('[data-side]');
    if (mark && cell) setPopover({ mode: 'edit', side: cell.dataset.side as Side, id: mark.getAttribute('data-annotation-id')!, rect: mark.getBoundingClientRect() });
  };

  // ---- a caret from the keyboard (text-caret.ts) -------------------------------------------
  // the caret's cell is editable only so the caret can move: nothing may change its text
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const refuse = (e: Event) => e.preventDefault();
    el.addEventListener('beforeinput', refuse);
    return () => el.removeEventListener('beforeinput', refuse);
  }, [!!ready]);
  const placeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (placing?.fromKeys) placeButton.current?.focus(); }, [placing]);
  /** Focus back to the caret's cell, if the keyboard was in one and it is still shown. */
  const backToCaret = () => { if (scroller.current) caretHostIn(scroller.current)?.focus({ preventScroll: true }); };
  /** The next row after `from` (before it, dir -1) with text on `side`, or -1. */
  const rowWith = (from: number, dir: 1 | -1, side: Side) => {
    for (let i = from + dir; i >= 0 && i < rows.length; i += dir) if (rows[i]![side]) return i;
    return -1;
  };
  /** The caret into a row's cell of one side, scrolling the row into view (it may not be rendered yet). */
  const caretTo = (index: number, side: Side, at: 'start' | 'end' | number) => {
    setCurrent(index);
    const root = scroller.current;
    if (root && !cellAt(root, index, side)) v.scrollToIndex(index, { align: 'auto' });
    let frames = 0;
    const attempt = () => {
      const cell = root && cellAt(root, index, side);
      if (root && cell) {
        enterCell(root, cell, at);
        cell.closest('.cmp-row')!.scrollIntoView({ block: 'nearest' });
      } else if (root && ++frames < 30) requestAnimationFrame(attempt);
    };
    attempt();
  };
  /** A keyboard selection without the spaces at its edges (Ctrl+Shift+arrows take the space before or after a word), and its text. */
  const trimmed = (sel: SideSelection): SideSelection & { exact: string } => trimSelection(sel, sliceCodePoints(sourceOf(sel.side)!.text, sel.start, sel.end));
  const onCaretKeys = (e: KeyboardEvent) => {
    const root = scroller.current;
    if (!root || e.defaultPrevented) return;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (e.target === root) {
      // Enter in the rows: the caret into the current row if it is on screen (else the first on screen), A's side where it has text
      if (e.key === 'Enter' && plain && !e.shiftKey && !busy && rows.length > 0) {
        e.preventDefault();
        const screen = rowsOnScreen();
        const cur = currentRef.current;
        const at = cur >= 0 && (!screen || (cur >= screen.first && cur <= screen.last)) ? cur : screen?.first ?? 0;
        caretTo(at, rows[at]!.a ? 'a' : 'b', 'start');
      }
      return;
    }
    if (!isCaretHost(e.target)) return;
    const host = e.target;
    const { index, side } = hostPlace(host);
    if (plain && (e.key === 'Enter' || e.key.toLowerCase() === 'h')) {
      e.preventDefault();
      const found = table.current && sideSelection(table.current);
      const sel = found && trimmed(found);
      if (!sel || sel.end <= sel.start) return;
      if (adjusting) { if (sel.side === adjusting.side) setPlacing({ ...sel, fromKeys: true }); return; }
      if (e.key === 'Enter') { setPopover({ mode: 'new', side: sel.side, start: sel.start, end: sel.end, rect: sel.rect, exact: sel.exact, focus: true }); return; }
      // H: highlighted at once, the caret after it
      create(sel.side, sel, { color: 'yellow', comment: '', tags: [] })
        .then(() => requestAnimationFrame(() => { const cell = cellAt(root, index, side); if (cell) enterCell(root, cell, sel.end); }))
        .catch(props.fail);
      return;
    }
    if (e.key === 'Escape' && !popover && !placing) { e.preventDefault(); endCaretHost(root); root.focus({ preventScroll: true }); return; }
    // Tab from A's text to B's in the same row, Shift+Tab back; elsewhere Tab leaves as usual
    if (e.key === 'Tab' && plain) {
      const other: Side = side === 'a' ? 'b' : 'a';
      if ((side === 'a') !== e.shiftKey && rows[index]?.[other]) { e.preventDefault(); caretTo(index, other, 'start'); }
      return;
    }
    // an arrow that cannot move the caret further in this cell goes on into the next (previous) row's cell of this side
    const dir = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
    // (an arrow that collapses a selection stays in the cell)
    if (dir !== 0 && plain && !e.shiftKey && window.getSelection()?.isCollapsed) {
      const vertical = e.key === 'ArrowDown' || e.key === 'ArrowUp';
      const before = caretMark();
      setTimeout(() => {
        if (document.activeElement !== host) return;
        const after = caretMark();
        const stayed = vertical ? after.top === before.top : after.node === before.node && after.offset === before.offset;
        const next = stayed ? rowWith(index, dir, side) : -1;
        if (next >= 0) caretTo(next, side, dir > 0 ? 'start' : 'end');
      }, 0);
    }
  };

  const create = async (side: Side, p: { start: number; end: number }, d: AnnotationDraft) => {
    const src = sourceOf(side)!;
    const made = await window.lectern.createAnnotation({ sourceId: src.id, start: p.start, end: p.end, color: d.color, comment: d.comment, tags: d.tags });
    clearDraft(newDraftKey(src.id));
    window.getSelection()?.removeAllRanges();
    setPopover(null);
    data.update(src.id, (l) => [...l, made]);
    props.onAnnotationsChanged();
  };
  const save = async (x: Annotation, d: AnnotationDraft) => {
    const updated = await window.lectern.updateAnnotation(x.id, { color: d.color, comment: d.comment, tags: d.tags });
    clearDraft(editDraftKey(x.id));
    setPopover(null);
    const put = (to: Annotation) => { data.update(x.sourceId, (l) => l.map((y) => (y.id === x.id ? to : y))); props.onAnnotationsChanged(); };
    put(updated);
    const undoEdit = annotationEditUndo(x, updated, put);
    if (undoEdit) props.offerUndo?.(undoEdit);
  };
  const remove = async (list: Annotation[]) => {
    const gone: TrashItem[] = [];
    for (const x of list) gone.push(await window.lectern.deleteAnnotation(x.id));
    setPopover(null);
    const ids = new Set(list.map((x) => x.id));
    for (const side of ['a', 'b'] as const) data.update(sourceOf(side)!.id, (l) => l.filter((y) => !ids.has(y.id)));
    props.onDeleted(gone);
    props.onAnnotationsChanged();
  };
  const cite = (side: Side, x: { id?: string; start: number; end: number; exact: string }) => {
    const src = sourceOf(side)!;
    props.onCite({ sourceId: src.id, start: x.start, end: x.end, exact: x.exact, sha256: src.sha256, annotationId: x.id ?? null, sourceTitle: src.title });
  };

  /** Shows a passage of one side: scrolls to the row holding its start. */
  const reveal = (side: Side, start: number) => {
    const i = rows.findIndex((r) => r[side] && r[side]!.end > start);
    if (i >= 0) go(i, 'link');
  };

  /** A carried copy placed, decided on, or put back: shown so wherever it is listed. */
  const showCopy = (x: Annotation) => { data.update(x.sourceId, (l) => l.map((y) => (y.id === x.id ? x : y))); props.onAnnotationsChanged(); };

  const place = async () => {
    if (!adjusting || !placing) return;
    try {
      const placed = await window.lectern.placeAnnotation(adjusting.copy.id, { start: placing.start, end: placing.end });
      showCopy(placed);
      props.offerUndo?.(decisionUndo('adjusted', adjusting.copy, showCopy));
      window.getSelection()?.removeAllRanges();
      const from: Side = adjusting.side === 'a' ? 'b' : 'a';
      setPlacing(null);
      setAdjusting(null);
      setReview({ from });
    } catch (e) { props.fail(e); }
  };

  // ---- rendering ------------------------------------------------------------------------------
  if (data.state === 'loading') {
    return <section ref={section} class="compare" aria-label="Compare versions" aria-busy="true"><p class="compare-status" role="status">Aligning the two texts…</p></section>;
  }
  if (data.state === 'error') {
    return (
      <section ref={section} class="compare" aria-label="Compare versions">
        <p class="compare-status" role="alert">Could not compare: {data.message}</p>
        <p class="compare-status"><button type="button" onClick={props.onClose}>Back to the reader</button></p>
      </section>
    );
  }
  const { comparison: c } = data;
  const relation = relations.find((r) => r.id === b);
  const choices = relation ? relations : [...relations, { id: b, title: c.b.title, kind: null, revision: null, published: null }];
  const labels = relatedLabels(choices);
  // Two sides of one title (a file and its revision, re-headlined copies) are told apart in the headers.
  const sameTitle = c.a.title === c.b.title;
  const sideNote = (side: Side) => !sameTitle ? '' : relation?.kind === 'revision' && relation.revision
    ? ((side === 'b') === (relation.revision === 'later') ? 'the later file · ' : 'the earlier file · ')
    : 'same title · ';
  const items = v.getVirtualItems();
  const popAnn = popover?.mode === 'edit' ? listOf(popover.side).find((x) => x.id === popover.id) : undefined;
  const copiesOn = (side: Side) => {
    const from = new Set(listOf(side === 'a' ? 'b' : 'a').map((x) => x.id));
    return listOf(side).filter((x) => x.carriedFrom && from.has(x.carriedFrom)).length;
  };
  const copies = copiesOn('a') + copiesOn('b');
  const diffNo = diffs.indexOf(current);

  return (
    <section ref={section} class="compare" aria-label="Compare versions">
      <div class="compare-tools" role="toolbar" aria-label="Compare">
        <button type="button" onClick={() => move({ step: -1 })} aria-label="‹ Previous difference" title="Previous difference (P or Shift+F7)" aria-keyshortcuts="P Shift+F7">‹<span class="cmp-mid"> Previous</span><span class="cmp-long"> difference</span></button>
        <span class="compare-count" aria-hidden="true">{!complete ? 'Loading rows…' : diffs.length === 0 ? 'No differences' : diffNo >= 0 ? `${diffNo + 1} / ${diffs.length}` : `${diffs.length} differences`}</span>
        <button type="button" onClick={() => move({ step: 1 })} aria-label="Next difference ›" title="Next difference (N or F7)" aria-keyshortcuts="N F7"><span class="cmp-mid">Next</span><span class="cmp-long"> difference</span> ›</button>
        <span class="tb-sep" aria-hidden="true" />
        <button type="button" onClick={() => props.onChoose(b, a)} aria-label="Swap sides" title="Put B on the left and A on the right">Swap<span class="cmp-long"> sides</span></button>
        <label class="inline">
          <span class="cmp-long">Compare with</span>
          <select aria-label="Compare with" value={b} onChange={(e) => props.onChoose(a, (e.target as HTMLSelectElement).value)}>
            {choices.map((r) => <option key={r.id} value={r.id}>{labels.get(r.id)}</option>)}
          </select>
        </label>
        <span class="spacer" />
        <button type="button" onClick={() => setCarrying(true)} aria-label="Carry annotations…">Carry<span class="cmp-long"> annotations</span>…</button>
        <button type="button" onClick={() => setReview({ from: copiesOn('a') > copiesOn('b') ? 'b' : 'a' })} disabled={copies === 0 || !complete}
          aria-label={`Review carried${copies ? ` (${copies})` : ''}`}
          title={copies === 0 ? 'No annotation has been carried between these two yet' : 'The copies carried between these two, with their verdicts'}>
          Review<span class="cmp-long"> carried</span>{copies ? ` (${copies})` : ''}
        </button>
        <button type="button" onClick={() => setExporting(true)} aria-label="Export report…">Export<span class="cmp-long"> report</span>…</button>
        <button type="button" class="icon" aria-label="Close the comparison" title="Back to the reader" onClick={props.onClose}>×</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">{said}</p>
      {adjusting && (
        <div class="compare-banner" role="status">
          <span>Select the passage for “{short(adjusting.copy.exact || 'the annotation', 60)}” in <b>{adjusting.side.toUpperCase()}</b> (the {adjusting.side === 'a' ? 'left' : 'right'} side).</span>
          <button type="button" onClick={() => { setAdjusting(null); setReview({ from: adjusting.side === 'a' ? 'b' : 'a' }); }}>Cancel</button>
        </div>
      )}
      <div class="compare-scroll" ref={scroller} tabIndex={0} aria-label="Aligned passages, A on the left and B on the right" onMouseDown={() => { pointerSelection.press(); if (scroller.current) endCaretHost(scroller.current); }} onMouseUp={onSelectEnd}
        onKeyDown={onCaretKeys} onKeyUp={(e) => { if (e.shiftKey && !isCaretHost(e.target)) onSelectEnd(); }} onClick={onClick}
        aria-keyshortcuts="Enter">
        <div ref={table} role="table" aria-label={`${c.a.title} (A) beside ${c.b.title} (B)`} aria-rowcount={c.total + 1} aria-busy={!complete} class="cmp-table">
          <div role="rowgroup" class="cmp-head">
            <div role="row" aria-rowindex={1} class="cmp-head-row">
              <span aria-hidden="true" />
              <div role="columnheader" class="cmp-col-head"><span class="side-letter">A</span><span class="cmp-col-title" title={c.a.title}>{c.a.title}</span>
                <span class="cmp-col-figure">{sideNote('a')}{Math.round(c.figures.aInB * 100)}% of A is in B</span></div>
              <div role="columnheader" class="cmp-col-head"><span class="side-letter">B</span><span class="cmp-col-title" title={c.b.title}>{c.b.title}</span>
                <span class="cmp-col-figure">{`${sideNote('b')}${Math.round(c.figures.bInA * 100)}% of B is in A`}{relation?.derived ? ` · ${relation.derived === 'this' ? 'A is likely derived from B' : 'B is likely derived from A'}` : ''}</span></div>
              <span aria-hidden="true" />
            </div>
          </div>
          <div role="rowgroup" class="cmp-body" style={{ height: `${v.getTotalSize()}px` }}>
            {items.map((it) => {
              const r = rows[it.index]!;
              const linked = r.link !== null ? rows[r.link] : undefined;
              const linkSide = r.a ? linked?.b : linked?.a;
              return (
                <CompareRowView
                  key={it.key} row={r} index={it.index} top={it.start - HEAD} current={it.index === current} flashing={it.index === flash}
                  paraA={paraStarts[it.index]!.a} paraB={paraStarts[it.index]!.b}
                  annotationsA={data.annotations.a} annotationsB={data.annotations.b}
                  linkParagraph={linkSide?.paragraph ?? null} onLink={(i) => go(i, 'link')} measure={v.measureElement}
                />
              );
            })}
          </div>
        </div>
      </div>

      {popover && (popover.mode === 'new' || popAnn) && (
        <AnnotationPopover
          popover={popover} sourceId={sourceOf(popover.side)!.id} annotation={popAnn} knownTags={props.knownTags}
          onCreate={(p, d) => { create(popover.side, p, d).catch(props.fail); }} onSave={(x, d) => { save(x, d).catch(props.fail); }}
          onDelete={(x) => { remove([x]).catch(props.fail); }} onCite={(x) => cite(popover.side, x)} onClose={() => setPopover(null)}
        />
      )}
      {placing && adjusting && (
        <div class="popover compare-place" role="dialog" aria-label="Place the copy here" style={{ top: `${Math.min(window.innerHeight - 120, placing.rect.bottom + 8)}px`, left: `${Math.max(8, Math.min(window.innerWidth - 320, placing.rect.left))}px` }}>
          <p>Put the copy on “{short(sliceCodePoints(sourceOf(placing.side)!.text, placing.start, placing.end), 80)}”?</p>
          <div class="row">
            <button type="button" class="primary" ref={placeButton} onClick={() => { place().catch(props.fail); }}>Place here</button>
            <button type="button" onClick={() => { setPlacing(null); backToCaret(); }}>Choose again</button>
          </div>
        </div>
      )}
      {carrying && (
        <CarryDialog a={c.a} b={c.b} onClose={() => setCarrying(false)} fail={props.fail}
          onCarried={(from) => { setCarrying(false); data.reload().catch(props.fail); props.onAnnotationsChanged(); setReview({ from }); }} />
      )}
      {review && (
        <ReviewList
          from={c[review.from]} to={c[review.from === 'a' ? 'b' : 'a']} fromSide={review.from}
          originals={listOf(review.from)} copies={listOf(review.from === 'a' ? 'b' : 'a')}
          onClose={() => setReview(null)} onSwitch={() => setReview({ from: review.from === 'a' ? 'b' : 'a' })}
          onShow={(side, start) => { setReview(null); reveal(side, start); }}
          onAdjust={(copy) => { setReview(null); setAdjusting({ copy, side: review.from === 'a' ? 'b' : 'a' }); reveal(review.from === 'a' ? 'b' : 'a', copy.start); }}
          onPlaced={showCopy} offerUndo={props.offerUndo}
          onDiscard={(list) => { remove(list).catch(props.fail); }}
          fail={props.fail}
        />
      )}
      {exporting && <ComparisonExport a={c.a} b={c.b} onClose={() => setExporting(false)} />}
    </section>
  );
}


const short = (t: string, n: number) => { const s = t.replace(/\s+/g, ' ').trim(); return s.length > n ? `${s.slice(0, n)}…` : s; };
