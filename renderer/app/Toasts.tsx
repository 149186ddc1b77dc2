// The toast stack at the bottom: the undo offer after a deletion, and the
// last error.
import type { TrashItem } from '../../common/types.ts';

/** What the next Undo puts back (restore([item.id, ...more])): one deletion, or several at once (carried copies discarded). */
export type Undoable = { item: TrashItem; wasOpen: boolean; more?: TrashItem[] };

export interface ToastsProps {
  undo: Undoable | null;
  notice: string;
  onUndo(): void;
  onDismissUndo(): void;
  onDismissNotice(): void;
}

const undoText = ({ item, more }: Undoable) => item.kind === 'source'
  ? `Deleted “${item.title}”${item.annotations ? ` and its ${item.annotations} ${item.annotations === 1 ? 'annotation' : 'annotations'}` : ''}.`
  : more?.length ? `${more.length + 1} annotations discarded.` : 'Annotation deleted.';

export function Toasts(p: ToastsProps) {
  return (
    <div class="toasts" aria-live="polite">
      {p.undo && (
        <div class="toast" role="status">
          <span>{undoText(p.undo)}</span>
          <button type="button" class="link" onClick={p.onUndo}>Undo</button>
          <button type="button" class="icon" aria-label="Dismiss" onClick={p.onDismissUndo}>×</button>
        </div>
      )}
      {p.notice && (
        <div class="toast error" role="alert">
          <span>{p.notice}</span>
          <button type="button" class="icon" aria-label="Dismiss" onClick={p.onDismissNotice}>×</button>
        </div>
      )}
    </div>
  );
}
