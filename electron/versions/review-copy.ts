// A review decision on a carried copy, written where common/carry-review.ts
// reads it (status and score): Accept (where it is; an orphan is kept as
// one), Adjust (placed by hand on another range), and the undo of either (back
// to the place and verdict it had). An annotation that is not a copy (or whose
// original is gone) is only anchored where it is or is put.
import { acceptedScore } from '../../common/carry-review.ts';
import { ApiError, type Annotation, type AnnotationPlace, type Id } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import { found } from '../found.ts';

type Range = { start: number; end: number };
type Quote = { exact: string; prefix: string; suffix: string };

export function placeCopy(store: Store, id: Id, range: Range | undefined, quoteFor: (sourceId: Id, at: Range) => Quote): Annotation {
  return store.write(() => {
    const a = found(store.annotations.get(id), 'annotation', id);
    const original = a.carriedFrom ? store.annotations.get(a.carriedFrom) : undefined;
    if (!range && a.status === 'orphaned' && !original) throw new ApiError('orphaned', `Annotation ${id} has no place in its source; give the range to put it at`);
    let place: AnnotationPlace;
    if (range) {
      const q = quoteFor(a.sourceId, range);
      // by hand onto the original's very words is the same as accepting it anchored there
      place = { ...range, ...q, status: 'anchored', score: original && q.exact === original.exact ? 1 : null };
    } else {
      place = { start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix, status: a.status === 'orphaned' ? 'orphaned' : 'anchored', score: original ? acceptedScore(a) : null };
    }
    store.carried.setPlace(id, place);
    return found(store.annotations.get(id), 'annotation', id);
  });
}

/** Puts an annotation back where it was (`before`: as the renderer had it), undoing placeCopy. */
export function restorePlace(store: Store, id: Id, before: AnnotationPlace, quoteFor: (sourceId: Id, at: Range) => Quote): Annotation {
  return store.write(() => {
    const a = found(store.annotations.get(id), 'annotation', id);
    if (before.status === 'orphaned') {
      if (before.start !== before.end) throw new ApiError('invalid-range', 'An orphan has no range: start and end must be equal');
      store.carried.setPlace(id, before);
    } else {
      store.carried.setPlace(id, { ...before, ...quoteFor(a.sourceId, before) });
    }
    return found(store.annotations.get(id), 'annotation', id);
  });
}
