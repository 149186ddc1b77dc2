// The side panel: the open source's annotations above, the notes below, both
// on screen at once so a researcher sees what they cite while writing. A
// splitter between them sets the annotations' height; each section collapses
// to its header (the other then has the panel). A drag that rests on a
// collapsed section's header opens it, so a card can still be dropped in the note.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { Splitter } from './Splitter.tsx';

/** How long a drag rests on a header before its section opens (passing over it does not). */
const DRAG_HOVER_MS = 300;
/** The annotations section's height bounds (px); the note keeps the rest. */
export const ANN_HEIGHT = { min: 96, max: 900 };

export type SideSection = 'annotations' | 'notes';

export interface SideLayout { annHeight: number; annOpen: boolean; notesOpen: boolean }

export interface SidePanelProps {
  layout: SideLayout;
  onLayout(patch: Partial<SideLayout>): void;
  /** How many annotations the open source has; null when no source is open. */
  annotationCount: number | null;
  /** The note has the whole window: the annotations section is not shown. */
  noteWide: boolean;
  annotations: ComponentChildren;
  notes: ComponentChildren;
}

export function SidePanel(p: SidePanelProps) {
  const hover = useRef<{ section: SideSection; timer: number } | null>(null);
  const leave = () => { if (hover.current) clearTimeout(hover.current.timer); hover.current = null; };
  const open = (s: SideSection) => (s === 'annotations' ? p.layout.annOpen : p.layout.notesOpen);
  const setOpen = (s: SideSection, v: boolean) => p.onLayout(s === 'annotations' ? { annOpen: v } : { notesOpen: v });
  const dragHover = (s: SideSection) => ({
    onDragEnter: () => {
      if (hover.current?.section === s) return;
      leave();
      if (!open(s)) hover.current = { section: s, timer: window.setTimeout(() => { hover.current = null; setOpen(s, true); }, DRAG_HOVER_MS) };
    },
    onDragLeave: leave,
    onDrop: leave,
  });
  const header = (s: SideSection, label: string) => (
    <h2 class="side-head">
      <button type="button" id={`side-${s}-head`} aria-expanded={open(s)} aria-controls={`panel-${s}`}
        onClick={() => setOpen(s, !open(s))} {...dragHover(s)}>
        <span class="chevron" aria-hidden="true" />{label}
      </button>
    </h2>
  );
  const bothOpen = p.layout.annOpen && p.layout.notesOpen && !p.noteWide;
  // rows: annotations header, annotations body, splitter, notes header, notes body
  const rows = p.noteWide ? '0 0 0 auto 1fr'
    : bothOpen ? `auto minmax(64px, min(${p.layout.annHeight}px, calc(100% - 340px))) 5px auto minmax(0, 1fr)`
    : p.layout.annOpen ? 'auto minmax(0, 1fr) 0 auto 0'
    : p.layout.notesOpen ? 'auto 0 0 auto minmax(0, 1fr)' : 'auto 0 0 auto 0';
  return (
    <aside class="side" aria-label="Side panel" style={{ gridTemplateRows: rows }}>
      <div class="side-part" hidden={p.noteWide}>{header('annotations', `Annotations${p.annotationCount !== null ? ` (${p.annotationCount})` : ''}`)}</div>
      <section id="panel-annotations" class="side-body" aria-labelledby="side-annotations-head" hidden={!p.layout.annOpen || p.noteWide}>
        {p.annotations}
      </section>
      {bothOpen
        ? <Splitter label="Resize annotations and notes" horizontal value={p.layout.annHeight} min={ANN_HEIGHT.min} max={ANN_HEIGHT.max} onChange={(v) => p.onLayout({ annHeight: v })} />
        : <div />}
      <div class="side-part">{header('notes', 'Notes')}</div>
      <section id="panel-notes" class="side-body" aria-labelledby="side-notes-head" hidden={!p.layout.notesOpen && !p.noteWide}>
        {p.notes}
      </section>
    </aside>
  );
}
