// The undo of a decision in the review of carried copies (issue 9 item 3):
// Adjust, Accept or Keep as orphan. The copy goes back to the place and
// verdict it had before, handed to the app's one Undo (its toast and Mod-Z).
import type { Annotation } from '../../common/types.ts';
import type { ActionUndo } from '../undo.ts';

const short = (t: string, n = 60) => (t.length > n ? `${t.slice(0, n)}…` : t);

export type ReviewDecision = 'adjusted' | 'accepted' | 'kept';

const SAID: Record<ReviewDecision, (quote: string) => string> = {
  adjusted: (q) => `Placed the copy of “${q}” by hand.`,
  accepted: (q) => `Accepted the copy of “${q}”.`,
  kept: (q) => `Kept the copy of “${q}” as an orphan.`,
};

/** `before`: the copy as it was; `restored` shows it again wherever it is listed. */
export function decisionUndo(decision: ReviewDecision, before: Annotation, restored: (copy: Annotation) => void): ActionUndo {
  return {
    message: SAID[decision](short(before.exact)),
    run: async () => {
      const { start, end, exact, prefix, suffix, status, score } = before;
      restored(await window.lectern.restoreAnnotationPlace(before.id, { start, end, exact, prefix, suffix, status, score }));
    },
  };
}
