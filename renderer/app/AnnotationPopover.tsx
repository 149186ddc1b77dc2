// The floating annotation editor: "New annotation" over a fresh selection, or
// "Annotation" for a clicked highlight, placed under its anchor rect.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Annotation } from '../../common/types.ts';
import { focusOrigin, returnFocus } from '../focus.ts';
import { AnnotationEditor, type AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { editDraftKey, newDraftKey } from '../annotations/draft-keys.ts';

/** `focus`: opened from the keyboard, so its first field takes focus. */
export type Popover =
  | { mode: 'new'; start: number; end: number; exact: string; rect: DOMRect; focus?: boolean }
  | { mode: 'edit'; id: string; rect: DOMRect; focus?: boolean };

/** The popover's width in CSS pixels (room for its row of buttons on one line). */
const POPOVER_WIDTH = 360;

export type NewPopover = Extract<Popover, { mode: 'new' }>;

export interface AnnotationPopoverProps {
  popover: Popover;
  /** The open source (a new annotation's draft is kept per source). */
  sourceId: string;
  /** The annotation being edited (mode 'edit'). */
  annotation: Annotation | undefined;
  knownTags: string[];
  onCreate(p: NewPopover, d: AnnotationDraft): void;
  onSave(a: Annotation, d: AnnotationDraft): void;
  onDelete(a: Annotation): void;
  onCite(a: { id?: string; start: number; end: number; exact: string }): void;
  onClose(): void;
}

/** Under the anchor when it fits, else above it, else as low as the window allows; never off screen. */
function place(el: HTMLElement, rect: DOMRect): void {
  const h = el.offsetHeight;
  const below = rect.bottom + GAP;
  const above = rect.top - GAP - h;
  const top = below + h <= window.innerHeight - GAP ? below : above >= GAP ? above : Math.max(GAP, window.innerHeight - GAP - h);
  el.style.top = `${top}px`;
  el.style.left = `${Math.max(GAP, Math.min(window.innerWidth - POPOVER_WIDTH - GAP, rect.left))}px`;
}
const GAP = 8;

export function AnnotationPopover({ popover, sourceId, annotation: popAnn, knownTags, onCreate, onSave, onDelete, onCite, onClose }: AnnotationPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const rect = popover.rect;
  // placed once its height is known, and again whenever it grows or shrinks (a tag added, a comment's lines)
  useLayoutEffect(() => {
    const el = ref.current!;
    place(el, rect);
    const seen = new ResizeObserver(() => place(el, rect));
    seen.observe(el);
    return () => seen.disconnect();
  }, [rect]);
  // Focus: into the form when opened from the keyboard; back to where it was (the reader) when it closes,
  // if it was inside or was lost, or after "Add to note" (the note took it for the insertion).
  const citing = useRef(false);
  useLayoutEffect(() => {
    const el = ref.current!;
    const origin = focusOrigin();
    if (popover.focus) (el.querySelector('textarea') ?? el.querySelector('button'))?.focus();
    return () => {
      const now = document.activeElement;
      if (citing.current || !now || now === document.body || el.contains(now)) returnFocus(origin);
    };
  }, []);
  // Escape closes it wherever focus is: also in the reader's text, an editable surface (ProseMirror's) that
  // marks the key handled and that the app's shortcuts leave alone. Its own fields and the find bar stop
  // their Escape before it gets here; a modal dialog keeps its Escape. (Listening from the commit, not after
  // paint: an Escape pressed as soon as the popover shows must close it.)
  useLayoutEffect(() => {
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape' && !(e.target as Element | null)?.closest?.('dialog')) onClose(); };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  const cite = (a: { id?: string; start: number; end: number; exact: string }) => { citing.current = true; onCite(a); onClose(); };
  return (
    <div ref={ref} class="popover" role="dialog" aria-label={popover.mode === 'new' ? 'New annotation' : 'Annotation'}
      style={{ width: `${POPOVER_WIDTH}px` }}>
      {popover.mode === 'new' ? (
        <AnnotationEditor
          key={`${popover.start}-${popover.end}`} label="New annotation" initial={{ color: 'yellow', comment: '', tags: [] }} knownTags={knownTags}
          draft={{ key: newDraftKey(sourceId), extra: { start: popover.start, end: popover.end, exact: popover.exact } }}
          onSave={(d) => onCreate(popover, d)} onCancel={onClose}
          onCite={() => cite(popover)}
        />
      ) : (
        <AnnotationEditor
          key={popAnn!.id + popAnn!.modified} label="Edit annotation" initial={{ color: popAnn!.color, comment: popAnn!.comment, tags: popAnn!.tags }} knownTags={knownTags}
          draft={{ key: editDraftKey(popAnn!.id), extra: { modified: popAnn!.modified } }}
          onSave={(d) => onSave(popAnn!, d)} onCancel={onClose}
          onDelete={() => onDelete(popAnn!)} onCite={() => cite(popAnn!)}
        />
      )}
    </div>
  );
}
