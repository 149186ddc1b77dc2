// The Annotations view's rows, read from the store a page at a time as they
// come into view: filtered and sorted in SQL (queryAnnotations), never the
// whole library in the renderer. A new filter starts again from page 0; a
// reload (something changed) keeps showing the old rows until the new ones land.
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { AnnotationListItem, AnnotationQuery } from '../../common/types.ts';

export const PAGE = 100;

export type AnnotationsFilter = Omit<AnnotationQuery, 'offset' | 'limit'>;

export function useAnnotationPages(filter: AnnotationsFilter, reloadKey: number, fail: (e: unknown) => void) {
  const [total, setTotal] = useState<number | null>(null);
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  const pages = useRef(new Map<number, AnnotationListItem[]>());
  const stale = useRef(new Map<number, AnnotationListItem[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || loading.current.has(page)) return;
    loading.current.add(page);
    const gen = generation.current;
    window.lectern.queryAnnotations({ ...filterRef.current, offset: page * PAGE, limit: PAGE }).then((r) => {
      if (gen !== generation.current) return;
      loading.current.delete(page);
      pages.current.set(page, r.items);
      setTotal(r.total);
      rendered(0);
    }, (e: unknown) => { if (gen === generation.current) { loading.current.delete(page); fail(e); } });
  }, [fail]);

  const restart = (keepOld: boolean) => {
    generation.current++;
    stale.current = keepOld ? new Map([...stale.current, ...pages.current]) : new Map();
    pages.current = new Map();
    loading.current = new Set();
  };

  // a new filter: new rows from the top
  useEffect(() => { restart(false); setTotal(null); load(0); }, [key]);
  // the same filter after a change: the pages shown are read again
  const shown = useRef<[number, number]>([0, 0]);
  useEffect(() => {
    if (reloadKey === 0) return;
    restart(true);
    const [from, to] = shown.current;
    for (let p = Math.floor(from / PAGE); p <= Math.floor(to / PAGE); p++) load(p);
    load(0);
  }, [reloadKey]);

  return {
    total,
    /** The row at index i, or undefined while its page is being read. */
    item: (i: number): AnnotationListItem | undefined => {
      const p = Math.floor(i / PAGE);
      return (pages.current.get(p) ?? stale.current.get(p))?.[i % PAGE];
    },
    /** Rows [from, to] are on screen: read their pages. */
    want(from: number, to: number) {
      shown.current = [from, to];
      for (let p = Math.floor(from / PAGE); p <= Math.floor(to / PAGE); p++) load(p);
    },
  };
}
