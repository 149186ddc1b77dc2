// The library listing, read from the store a page at a time: the count of the
// current filter, and rows fetched as they are needed (the virtual list asks
// for the rows in view). A change of sort or filter starts afresh; a change of
// `version` (something was imported, edited, deleted) re-reads what is shown,
// keeping the old rows on screen until the new ones arrive.
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { SourceCount, SourceListQuery, SourceLocation, SourceSummary } from '../../common/types.ts';

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
  const [, pageArrived] = useReducer((n: number) => n + 1, 0);
  const pages = useRef(new Map<number, SourceSummary[]>());
  /** The pages of the previous version, shown until their fresh copies arrive. */
  const stale = useRef(new Map<number, SourceSummary[]>());
  const pending = useRef(new Map<number, Promise<SourceSummary[]>>());
  // every listing (a query at a version) has its generation: answers for another query are dropped,
  // those for an older version of this one are shown as stale until the fresh ones arrive
  const generation = useRef(0);
  const [gen, setGen] = useState(0);
  const lastQuery = useRef(queryKey);
  /** The generation of the count shown (an older one's answer never replaces a newer one's). */
  const countGen = useRef(0);

  const fetchPage = (g: number, page: number): Promise<SourceSummary[]> => {
    if (!enabled || g !== generation.current) return Promise.resolve([]); // not started, or being replaced
    const have = pages.current.get(page);
    if (have) return Promise.resolve(have);
    let p = pending.current.get(page);
    if (!p) {
      const key = queryKey;
      p = window.lectern.listSources({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((rows) => {
        if (g === generation.current) {
          pages.current.set(page, rows);
          stale.current.delete(page);
          pageArrived(undefined);
        } else if (key === lastQuery.current && !pages.current.has(page)) {
          stale.current.set(page, rows);
          pageArrived(undefined);
        }
        return rows;
      });
      pending.current.set(page, p);
      p.catch(() => pending.current.delete(page));
    }
    return p;
  };

  useEffect(() => {
    if (!enabled) return;
    const g = ++generation.current;
    setGen(g);
    const sameQuery = lastQuery.current === queryKey;
    stale.current = sameQuery ? new Map([...stale.current, ...pages.current]) : new Map();
    lastQuery.current = queryKey;
    pages.current = new Map();
    pending.current = new Map();
    if (!sameQuery) { setCount(null); countGen.current = g; }
    window.lectern.countSources({ collectionId: query.collectionId, tag: query.tag, withVersions: query.withVersions }).then((c) => {
      if (queryKey !== lastQuery.current || g < countGen.current) return;
      countGen.current = g;
      setCount(c);
    }).catch(() => { /* the list shows what it has; the next change retries */ });
    // a new listing's first page is asked for with its count, not after it (bench:library's first frame)
    if (stale.current.size === 0) void fetchPage(g, 0).catch(() => {});
  }, [queryKey, version, enabled]);

  return useMemo(() => ({
    count,
    rowAt(index) {
      const page = Math.floor(index / PAGE_SIZE);
      const rows = pages.current.get(page);
      if (!rows) void fetchPage(gen, page).catch(() => {});
      return (rows ?? stale.current.get(page))?.[index % PAGE_SIZE];
    },
    async load(index) {
      return (await fetchPage(gen, Math.floor(index / PAGE_SIZE)))[index % PAGE_SIZE];
    },
    locate: (target) => window.lectern.locateSource(query, target),
    // a new object for each listing and count, so that rows are read afresh
  }), [gen, count, enabled]);
}
