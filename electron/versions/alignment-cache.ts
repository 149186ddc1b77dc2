// Alignments of stored sources, kept for the few pairs used last. A source's
// text changes only when it is reopened with another encoding, which changes
// its updatedAt: the key holds it, so an alignment of the old text is not reused.
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
      const key = `${a.id}:${a.sha256}:${a.updatedAt}|${b.id}:${b.sha256}:${b.updatedAt}`;
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
