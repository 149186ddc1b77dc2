// The Annotations view's rows, read from the store a page at a time as they
// come into view (usePagedRows): filtered and sorted in SQL (queryAnnotations),
// never the whole library in the renderer; scrolling on reads each page from
// the cursor of the one before it. A new filter starts again from the top; a
// reload (something changed) re-reads the rows in view, showing the old ones
// until the new ones land.
import type { AnnotationCursor, AnnotationListItem, AnnotationQuery } from '../../common/types.ts';
import { usePagedRows } from '../paged-rows.ts';

export const PAGE = 100;

export type AnnotationsFilter = Omit<AnnotationQuery, 'offset' | 'limit' | 'after'>;

export function useAnnotationPages(filter: AnnotationsFilter, reloadKey: number, fail: (e: unknown) => void) {
  const rows = usePagedRows<AnnotationListItem, AnnotationCursor>({
    key: JSON.stringify(filter), version: reloadKey, size: PAGE, onError: fail,
    read: (offset, limit, after) => window.lectern.queryAnnotations({ ...filter, offset, limit, ...(after && { after }) })
      .then((page) => ({ rows: page.items, next: page.next, total: page.total })),
  });
  return {
    total: rows.total,
    /** The row at index i, or undefined while its page is being read (it is asked for). */
    item: rows.rowAt,
  };
}
