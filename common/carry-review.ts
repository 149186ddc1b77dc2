// How a carried copy stands in its review (issue 9.3), read from what the
// store keeps of it (status, score, words) and its original's words, so the
// review list, its counts and the comparison report say the same thing after
// a restart. There is no column of its own; a decision is written into
// status and score (electron/versions/review-copy.ts):
// - orphaned: score null as carried, 0 once kept as an orphan;
// - moved: not reviewed yet (score: its match);
// - anchored, score null: on the original's very words, not reviewed yet;
//   on other words, placed there by hand (no match score: the researcher chose it);
// - anchored, score set: accepted (1 on the original's words; a moved copy
//   accepted keeps its match).
import type { Annotation } from './types.ts';

export type CopyVerdict = 'anchored' | 'moved' | 'placed' | 'orphaned';

export interface CopyReview {
  verdict: CopyVerdict;
  /** The match of the copy's words to the original's (moved); null otherwise. */
  score: number | null;
  /** The researcher decided on it: accepted, kept as an orphan, or placed by hand. */
  decided: boolean;
}

type Copy = Pick<Annotation, 'status' | 'score' | 'exact'>;

/** The score an accepted copy is stored with (status becomes or stays 'anchored'; an orphan stays one). */
export function acceptedScore(copy: Copy): number {
  return copy.status === 'moved' && copy.score !== null ? copy.score : copy.status === 'orphaned' ? 0 : 1;
}

export function copyReview(copy: Copy, original: Pick<Annotation, 'exact'>): CopyReview {
  if (copy.status === 'orphaned') return { verdict: 'orphaned', score: null, decided: copy.score !== null };
  if (copy.status === 'moved') return { verdict: 'moved', score: copy.score, decided: false };
  const same = copy.exact === original.exact;
  if (copy.score === null) return same ? { verdict: 'anchored', score: null, decided: false } : { verdict: 'placed', score: null, decided: true };
  return same && copy.score === 1 ? { verdict: 'anchored', score: null, decided: true } : { verdict: 'moved', score: copy.score, decided: true };
}

export const VERDICT_LABEL: Record<CopyVerdict, string> = {
  anchored: 'Anchored', moved: 'Moved', placed: 'Placed by hand', orphaned: 'Orphaned',
};

/** The copies of each verdict, for a summary line. */
export function verdictCounts(reviews: readonly CopyReview[]): Record<CopyVerdict, number> {
  const n: Record<CopyVerdict, number> = { anchored: 0, moved: 0, placed: 0, orphaned: 0 };
  for (const r of reviews) n[r.verdict]++;
  return n;
}

/** "2 anchored, 1 placed by hand, 0 moved, 1 orphaned" (placed by hand only when there is one). */
export function verdictSummary(n: Record<CopyVerdict, number>): string {
  return [`${n.anchored} anchored`, ...(n.placed ? [`${n.placed} placed by hand`] : []), `${n.moved} moved`, `${n.orphaned} orphaned`].join(', ');
}
