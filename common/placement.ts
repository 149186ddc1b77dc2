// Whether an annotation has a place in its source's text. An orphan (its
// passage was not found when it was re-anchored) keeps its last known range
// only as a record: it is never painted, in the reader or in an exported PDF,
// and neither is a range that falls outside the text.
import type { Annotation } from './types.ts';

export function isPlaced(a: Pick<Annotation, 'status' | 'start' | 'end'>, textCodePoints: number): boolean {
  return a.status !== 'orphaned' && a.start < a.end && a.end <= textCodePoints;
}
