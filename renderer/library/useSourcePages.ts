// The library listing, read from the store a page at a time (usePagedRows: a
// change of sort or filter starts afresh, a change of `version` re-reads what
// is shown keeping the old rows until the new ones arrive), and the count of
// the current filter, asked for beside the first page.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SourceCount, SourceListQuery, SourceLocation, SourceSummary } from '../../common/types.ts';
import { usePagedRows } from '../paged-rows.ts';

export const PAGE_SIZE = 100;

export interface SourcePages {
  /** Null until the first count arrives. */
  count: SourceCount | null;
  /** The row at an offset, if loaded (its page is requested when not). */
  rowAt(index: number): SourceSummary | undefined;
  /** The row at an offset, loading its page when needed. */
  load(index: number): Promise<SourceSummary | undefined>;
  /** The offset of a source in this listing, or of the first title starting with typed text (null: none). */
  locate(target: SourceLocation): Promise<number | null>;
}

/** `enabled` false: nothing is read yet (the filter is not known). */
export function useSourcePages(query: SourceListQuery, version: number, enabled = true): SourcePages {
  const queryKey = JSON.stringify(query);
  const [count, setCount] = useState<SourceCount | null>(null);
  const asked = useRef(0);
  const lastQuery = useRef(queryKey);
  /** Which request's count is shown (an older one's answer never replaces a newer one's). */
  const countShown = useRef(0);
  // (before the rows' hook: a new listing's count is asked for with its first page, not after it — bench:library's first frame)
  useEffect(() => {
    if (!enabled) return;
    const n = ++asked.current;
    if (lastQuery.current !== queryKey) { setCount(null); countShown.current = n; }
    lastQuery.current = queryKey;
    window.lectern.countSources({ collectionId: query.collectionId, tag: query.tag, withVersions: query.withVersions }).then((c) => {
      if (queryKey !== lastQuery.current || n < countShown.current) return;
      countShown.current = n;
      setCount(c);
    }).catch(() => { /* the list shows what it has; the next change retries */ });
  }, [queryKey, version, enabled]);
  const rows = usePagedRows<SourceSummary, never>({
    key: queryKey, version, enabled, size: PAGE_SIZE,
    read: (offset, limit) => window.lectern.listSources({ ...query, offset, limit }).then((list) => ({ rows: list })),
  });
  return useMemo(() => ({
    count, rowAt: rows.rowAt, load: rows.load,
    locate: (target) => window.lectern.locateSource(query, target),
  }), [rows, count]);
}
