// The undo of Adjust in the review of carried copies (issue 9 item 3): the
// copy goes back to the place and verdict it had before it was placed by hand,
// handed to the app's one Undo (its toast and Mod-Z).
import type { Annotation } from '../../common/types.ts';
import type { ActionUndo } from '../undo.ts';

const short = (t: string, n = 60) => (t.length > n ? `${t.slice(0, n)}…` : t);

/** `before`: the copy as it was; `restored` shows it again wherever it is listed. */
export function adjustUndo(before: Annotation, restored: (copy: Annotation) => void): ActionUndo {
  return {
    message: `Placed the copy of “${short(before.exact)}” by hand.`,
    run: async () => {
      const { start, end, exact, prefix, suffix, status, score } = before;
      restored(await window.lectern.restoreAnnotationPlace(before.id, { start, end, exact, prefix, suffix, status, score }));
    },
  };
}
