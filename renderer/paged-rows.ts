// A listing read from the store a page at a time as its rows are wanted (the
// virtual list asks for the rows in view): the library's sources and the
// Annotations view's passages. A new `key` (another sort or filter) starts
// afresh; a new `version` of the same listing (something was imported,
// edited, deleted) re-reads the pages as they are asked for, showing the old
// rows until the fresh ones arrive (an answer for an older version is shown
// the same way, never over a fresh one). A page asked for right after the
// one before it is loaded starts from that page's cursor when the store gives
// one (a seek: scrolling on), else from its offset (a jump).
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';

/** One page as the store answers it: its rows, where the next page starts, how many rows the listing has. */
export interface Paged<Row, Cursor> {
  rows: Row[];
  next?: Cursor | null;
  total?: number;
}

export interface PagedRowsOptions<Row, Cursor> {
  /** The listing (its sort and filter): rows of another key are never shown. */
  key: string;
  version: number;
  /** False: nothing is read yet (the listing is not known). */
  enabled?: boolean;
  size: number;
  /** Rows [offset, offset + limit), or with `after` the `limit` rows after that cursor. */
  read(offset: number, limit: number, after: Cursor | undefined): Promise<Paged<Row, Cursor>>;
  /** A page that could not be read (the listing shows what it has; the next change retries). */
  onError?(e: unknown): void;
}

export interface PagedRows<Row> {
  /** The listing's size from its latest page; null until one arrives (and for a source that gives none). */
  total: number | null;
  /** The row at an offset, if loaded (its page is requested when not). */
  rowAt(index: number): Row | undefined;
  /** The row at an offset, loading its page when needed. */
  load(index: number): Promise<Row | undefined>;
}

export function usePagedRows<Row, Cursor>(o: PagedRowsOptions<Row, Cursor>): PagedRows<Row> {
  const { key, version, enabled = true, size, read } = o;
  const [, pageArrived] = useReducer((n: number) => n + 1, 0);
  const pages = useRef(new Map<number, Paged<Row, Cursor>>());
  /** The pages of the previous version, shown until their fresh copies arrive. */
  const stale = useRef(new Map<number, Row[]>());
  const pending = useRef(new Map<number, Promise<Paged<Row, Cursor>>>());
  // every listing (a key at a version) has its generation: answers for another key are dropped,
  // those for an older version of this one are shown as stale until the fresh ones arrive
  const generation = useRef(0);
  const [gen, setGen] = useState(0);
  const lastKey = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  /** The generation of the total shown (an older one's answer never replaces a newer one's). */
  const totalGen = useRef(0);
  const none: Paged<Row, Cursor> = { rows: [] };

  // (read, like key, is the one of the render that made this listing's rowAt: an answer is always for its key)
  const fetchPage = (g: number, page: number): Promise<Paged<Row, Cursor>> => {
    if (!enabled || g !== generation.current) return Promise.resolve(none); // not started, or being replaced
    const have = pages.current.get(page);
    if (have) return Promise.resolve(have);
    let p = pending.current.get(page);
    if (!p) {
      const k = key;
      const after = page > 0 ? pages.current.get(page - 1)?.next ?? undefined : undefined;
      p = read(page * size, size, after).then((answer) => {
        if (g === generation.current) {
          pages.current.set(page, answer);
          stale.current.delete(page);
        } else if (k === lastKey.current && !pages.current.has(page)) {
          stale.current.set(page, answer.rows);
        } else return answer;
        if (answer.total !== undefined && g >= totalGen.current) { totalGen.current = g; setTotal(answer.total); }
        pageArrived(undefined);
        return answer;
      });
      pending.current.set(page, p);
      p.catch(() => pending.current.delete(page));
    }
    return p;
  };
  const report = (e: unknown) => o.onError?.(e);

  useEffect(() => {
    if (!enabled) return;
    const g = ++generation.current;
    setGen(g);
    const sameKey = lastKey.current === key;
    const shown = new Map([...pages.current].map(([n, page]) => [n, page.rows]));
    stale.current = sameKey ? new Map([...stale.current, ...shown]) : new Map();
    lastKey.current = key;
    pages.current = new Map();
    pending.current = new Map();
    if (!sameKey) { setTotal(null); totalGen.current = g; }
    // a new listing's first page is asked for at once (the rows in view are asked for as they render)
    if (stale.current.size === 0) void fetchPage(g, 0).catch(report);
  }, [key, version, enabled]);

  return useMemo(() => ({
    total,
    rowAt(index) {
      const page = Math.floor(index / size);
      const loaded = pages.current.get(page);
      if (!loaded) void fetchPage(gen, page).catch(report);
      return (loaded?.rows ?? stale.current.get(page))?.[index % size];
    },
    async load(index) {
      return (await fetchPage(gen, Math.floor(index / size))).rows[index % size];
    },
    // a new object for each listing and total, so that rows are read afresh
  }), [gen, total, enabled]);
}
