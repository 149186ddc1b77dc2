// The toast stack at the bottom: the undo offer after a deletion, a passing
// message (gone after a few seconds), and the last error.
import { useEffect } from 'preact/hooks';
import type { TrashItem } from '../../common/types.ts';
import type { ActionUndo } from '../undo.ts';

/** A deletion the next Undo puts back (restore([item.id, ...more])): one, or several at once (carried copies discarded). */
export type TrashUndo = { item: TrashItem; wasOpen: boolean; more?: TrashItem[] };
/** What the one Undo of the app (the toast's button, Mod-Z) takes back: a deletion, or another change (a note deleted in the notebook, a text reopened with another encoding). */
export type Undoable = TrashUndo | ActionUndo;

export interface ToastsProps {
  undo: Undoable | null;
  notice: string;
  /** Something done that is not an error ("Added to …"). */
  info: string;
  onUndo(): void;
  onDismissUndo(): void;
  onDismissNotice(): void;
  onDismissInfo(): void;
}

/** How long a passing message stays (ms). */
const INFO_MS = 4000;

const undoText = (u: Undoable) => {
  if ('message' in u) return u.message;
  const { item, more } = u;
  if (item.kind === 'source') return `Deleted “${item.title}”${item.annotations ? ` and its ${item.annotations} ${item.annotations === 1 ? 'annotation' : 'annotations'}` : ''}.`;
  if (item.kind === 'collection') return `Deleted the collection “${item.title}” (its sources stay in the library).`;
  if (item.kind === 'tag') return `Deleted the tag “${item.title}”${more?.length ? ` and ${more.length} ${more.length === 1 ? 'child' : 'children'}` : ''}.`;
  return more?.length ? `${more.length + 1} annotations discarded.` : 'Annotation deleted.';
};

export function Toasts(p: ToastsProps) {
  useEffect(() => {
    if (!p.info) return undefined;
    const t = setTimeout(p.onDismissInfo, INFO_MS);
    return () => clearTimeout(t);
  }, [p.info]);
  return (
    <div class="toasts" aria-live="polite">
      {p.info && (
        <div class="toast" role="status">
          <span>{p.info}</span>
          <button type="button" class="icon" aria-label="Dismiss" onClick={p.onDismissInfo}>×</button>
        </div>
      )}
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
