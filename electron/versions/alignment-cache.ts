// Alignments of stored sources, kept for the few pairs used last: a source's
// text never changes, so an alignment stays true while both sources exist.
// "Also in" asks for the same pairs on every hover of a citation, and the
// comparison report for the pair the compare view just showed.
import type { Alignment } from '../../common/align/types.ts';
import type { Source } from '../../common/types.ts';
import { alignSources } from './align-sources.ts';

const KEPT = 8;

export function createAlignmentCache() {
  const kept = new Map<string, Alignment>();
  return {
    /** alignSources(a, b), from the cache when this pair (by ids and sha256) was aligned lately. */
    get(a: Source, b: Source): Alignment {
      const key = `${a.id}:${a.sha256}|${b.id}:${b.sha256}`;
      let al = kept.get(key);
      if (al) kept.delete(key);
      else al = alignSources(a, b);
      kept.set(key, al);
      while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
      return al;
    },
  };
}

export type AlignmentCache = ReturnType<typeof createAlignmentCache>;
