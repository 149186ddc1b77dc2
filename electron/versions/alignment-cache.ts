// Alignments of stored sources, kept for the few pairs used last. A source's
// text changes only when it is reopened with another encoding, which changes
// its updatedAt: the key holds it, so an alignment of the old text is not reused.
// "Also in" asks for the same pairs on every hover of a citation, the compare
// view for its rows page by page, and the comparison report for the pair the
// compare view just showed.
import type { Alignment } from '../../common/align/types.ts';
import { compareRows, type CompareRow } from '../../common/compare-rows.ts';
import type { Source } from '../../common/types.ts';
import { alignSources } from './align-sources.ts';

const KEPT = 8;

export function createAlignmentCache() {
  const kept = new Map<string, Alignment>();
  // the rows of an alignment live as long as it is kept
  const rowsOf = new WeakMap<Alignment, CompareRow[]>();
  const get = (a: Source, b: Source): Alignment => {
    const key = `${a.id}:${a.sha256}:${a.updatedAt}|${b.id}:${b.sha256}:${b.updatedAt}`;
    let al = kept.get(key);
    if (al) kept.delete(key);
    else al = alignSources(a, b);
    kept.set(key, al);
    while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return al;
  };
  return {
    /** alignSources(a, b), from the cache when this pair (by ids and sha256) was aligned lately. */
    get,
    /** The alignment of a with b and its compare rows (common/compare-rows.ts), built once per alignment kept. */
    rows(a: Source, b: Source): { alignment: Alignment; rows: CompareRow[] } {
      const alignment = get(a, b);
      let rows = rowsOf.get(alignment);
      if (!rows) rowsOf.set(alignment, rows = compareRows(alignment, a.text, b.text));
      return { alignment, rows };
    },
  };
}

export type AlignmentCache = ReturnType<typeof createAlignmentCache>;
