// The side panel: two tabs, Annotations (with the open source's count) and
// Notes, each showing its own panel. A drag that rests on a tab opens it, so
// an annotation card can be dragged into the note behind the other tab.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/** How long a drag rests on a tab before it opens (passing over it does not). */
const DRAG_HOVER_MS = 300;

export type SideTab = 'annotations' | 'notes';

export interface SidePanelProps {
  tab: SideTab;
  onTab(tab: SideTab): void;
  /** How many annotations the open source has; null when no source is open. */
  annotationCount: number | null;
  annotations: ComponentChildren;
  notes: ComponentChildren;
}

export function SidePanel(p: SidePanelProps) {
  const hover = useRef<{ tab: SideTab; timer: number } | null>(null);
  const leave = () => { if (hover.current) clearTimeout(hover.current.timer); hover.current = null; };
  const dragHover = (tab: SideTab) => ({
    onDragEnter: () => {
      if (hover.current?.tab === tab) return;
      leave();
      if (tab !== p.tab) hover.current = { tab, timer: window.setTimeout(() => { hover.current = null; p.onTab(tab); }, DRAG_HOVER_MS) };
    },
    onDragLeave: leave,
    onDrop: leave,
  });
  return (
    <aside class="side" aria-label="Side panel">
      <div role="tablist" aria-label="Side panel" class="tabs">
        <button type="button" role="tab" id="tab-annotations" aria-controls="panel-annotations" aria-selected={p.tab === 'annotations'}
          tabIndex={p.tab === 'annotations' ? 0 : -1} onClick={() => p.onTab('annotations')} {...dragHover('annotations')}
          onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { p.onTab('notes'); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); } }}>
          Annotations{p.annotationCount !== null ? ` (${p.annotationCount})` : ''}
        </button>
        <button type="button" role="tab" id="tab-notes" aria-controls="panel-notes" aria-selected={p.tab === 'notes'}
          tabIndex={p.tab === 'notes' ? 0 : -1} onClick={() => p.onTab('notes')} {...dragHover('notes')}
          onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { p.onTab('annotations'); (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus(); } }}>
          Notes
        </button>
      </div>
      <div role="tabpanel" id="panel-annotations" aria-labelledby="tab-annotations" hidden={p.tab !== 'annotations'} class="tabpanel">
        {p.annotations}
      </div>
      <div role="tabpanel" id="panel-notes" aria-labelledby="tab-notes" hidden={p.tab !== 'notes'} class="tabpanel">
        {p.notes}
      </div>
    </aside>
  );
}
