// Where an annotation stands in its text, as the terminal shows it.
import type { AnnotationStatus } from '../../common/types.ts';

interface Placed { status: AnnotationStatus; start: number; end: number; score: number | null }

/** Beside a status column: "[120-158]", "[120-158] score 0.82" (moved), "not placed" (an orphan). */
export const placeText = (a: Placed): string =>
  (a.status === 'orphaned' ? 'not placed' : `[${a.start}-${a.end}]${a.status === 'moved' ? ` score ${a.score}` : ''}`);

/** With no status column: "[120-158]", "[120-158] moved, score 0.82", "orphaned, not placed" (its quote is not in this text). */
export const statusPlaceText = (a: Placed): string =>
  (a.status === 'anchored' ? placeText(a) : a.status === 'moved' ? `[${a.start}-${a.end}] moved, score ${a.score}` : 'orphaned, not placed');
