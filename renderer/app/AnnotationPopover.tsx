// The floating annotation editor: "New annotation" over a fresh selection, or
// "Annotation" for a clicked highlight, placed under its anchor rect.
import type { Annotation } from '../../common/types.ts';
import { AnnotationEditor, type AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { editDraftKey, newDraftKey } from '../annotations/draft-keys.ts';

export type Popover =
  | { mode: 'new'; start: number; end: number; exact: string; rect: DOMRect }
  | { mode: 'edit'; id: string; rect: DOMRect };

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

export function AnnotationPopover({ popover, sourceId, annotation: popAnn, knownTags, onCreate, onSave, onDelete, onCite, onClose }: AnnotationPopoverProps) {
  return (
    <div class="popover" role="dialog" aria-label={popover.mode === 'new' ? 'New annotation' : 'Annotation'}
      style={{ top: `${Math.min(window.innerHeight - 330, popover.rect.bottom + 8)}px`, left: `${Math.max(8, Math.min(window.innerWidth - 340, popover.rect.left))}px` }}>
      {popover.mode === 'new' ? (
        <AnnotationEditor
          key={`${popover.start}-${popover.end}`} label="New annotation" initial={{ color: 'yellow', comment: '', tags: [] }} knownTags={knownTags}
          draft={{ key: newDraftKey(sourceId), extra: { start: popover.start, end: popover.end, exact: popover.exact } }}
          onSave={(d) => onCreate(popover, d)} onCancel={onClose}
          onCite={() => { onCite(popover); onClose(); }}
        />
      ) : (
        <AnnotationEditor
          key={popAnn!.id + popAnn!.modified} label="Edit annotation" initial={{ color: popAnn!.color, comment: popAnn!.comment, tags: popAnn!.tags }} knownTags={knownTags}
          draft={{ key: editDraftKey(popAnn!.id), extra: { modified: popAnn!.modified } }}
          onSave={(d) => onSave(popAnn!, d)} onCancel={onClose}
          onDelete={() => onDelete(popAnn!)} onCite={() => { onCite(popAnn!); onClose(); }}
        />
      )}
    </div>
  );
}
