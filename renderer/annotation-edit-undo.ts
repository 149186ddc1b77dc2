// The Undo of an annotation's edit (its comment, colour or tags), as the
// app's one Undo offers it (the toast's button, Mod-Z): the values from before
// the edit written back.
import type { Annotation } from '../common/types.ts';
import type { ActionUndo } from './undo.ts';

const QUOTE_CHARS = 40;

const sameTags = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((t, i) => t === y[i]);

/** "the comment", "the colour and tags", "the comment, colour and tags". */
function whatChanged(before: Annotation, after: Annotation): string {
  const parts = [
    before.comment !== after.comment && 'comment',
    before.color !== after.color && 'colour',
    !sameTags(before.tags, after.tags) && 'tags',
  ].filter((p): p is string => !!p);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * The Undo of an edit that turned `before` into `after`, or null when nothing
 * the researcher edits changed. `restored` is told the annotation as written back.
 */
export function annotationEditUndo(before: Annotation, after: Annotation, restored: (a: Annotation) => void): ActionUndo | null {
  const what = whatChanged(before, after);
  if (!what) return null;
  const quote = before.exact.length > QUOTE_CHARS ? `${before.exact.slice(0, QUOTE_CHARS).trimEnd()}…` : before.exact;
  return {
    message: `Changed the ${what} of “${quote}”.`,
    async run() {
      restored(await window.lectern.updateAnnotation(before.id, { color: before.color, comment: before.comment, tags: before.tags }));
    },
  };
}
