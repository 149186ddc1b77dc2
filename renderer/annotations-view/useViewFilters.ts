// What the Annotations view is filtered and sorted by, kept in localStorage
// (`lectern.annotationsView`) so a reload shows the same passages: a tag,
// colours, sources (with their titles, for the chips), a collection, words,
// the order. What is read back is checked: an unknown colour or order, or a
// malformed entry, is dropped rather than sent to the store.
import { useLayoutEffect, useState } from 'preact/hooks';
import {
  ANNOTATION_SORTS, MAX_FILTER_SOURCES, isAnnotationColor, type AnnotationColor, type AnnotationSort,
} from '../../common/types.ts';
import type { AnnotationsFilter } from './useAnnotationPages.ts';

export const FILTERS_KEY = 'lectern.annotationsView';

export interface PickedSource { id: string; title: string }

export interface ViewFilters {
  tag: string;
  colors: AnnotationColor[];
  sources: PickedSource[];
  collectionId: string;
  text: string;
  sort: AnnotationSort;
}

export const NO_FILTERS: ViewFilters = { tag: '', colors: [], sources: [], collectionId: '', text: '', sort: 'source' };

const str = (v: unknown, max = 1000): string => (typeof v === 'string' ? v.slice(0, max) : '');

function read(): ViewFilters {
  try {
    const v = JSON.parse(localStorage.getItem(FILTERS_KEY) ?? '{}') as Record<string, unknown>;
    const colors = Array.isArray(v.colors) ? v.colors.filter((c): c is AnnotationColor => typeof c === 'string' && isAnnotationColor(c)) : [];
    const sources = Array.isArray(v.sources)
      ? (v.sources as unknown[]).flatMap((s) => {
        const o = s as Record<string, unknown> | null;
        return o && typeof o.id === 'string' && o.id ? [{ id: o.id.slice(0, 200), title: str(o.title, 500) }] : [];
      }).slice(0, MAX_FILTER_SOURCES)
      : [];
    const sort = (ANNOTATION_SORTS as readonly unknown[]).includes(v.sort) ? v.sort as AnnotationSort : 'source';
    return { tag: str(v.tag, 200), colors: [...new Set(colors)], sources, collectionId: str(v.collectionId, 200), text: str(v.text), sort };
  } catch {
    return NO_FILTERS;
  }
}

/** The filters and a setter that merges a change; saved as each change is committed. */
export function useViewFilters() {
  const [filters, setFilters] = useState<ViewFilters>(read);
  useLayoutEffect(() => { localStorage.setItem(FILTERS_KEY, JSON.stringify(filters)); }, [filters]);
  const change = (patch: Partial<ViewFilters> | ((f: ViewFilters) => Partial<ViewFilters>)) =>
    setFilters((f) => ({ ...f, ...(typeof patch === 'function' ? patch(f) : patch) }));
  return { filters, change };
}

/** Whether any filter (not the order) narrows the list. */
export const isFiltered = (f: ViewFilters): boolean =>
  !!f.tag || f.colors.length > 0 || f.sources.length > 0 || !!f.collectionId || !!f.text.trim();

/** The query the store answers for these filters. */
export const queryOf = (f: ViewFilters): AnnotationsFilter => ({
  sort: f.sort, ...(f.tag ? { tag: f.tag } : {}), ...(f.colors.length ? { colors: f.colors } : {}),
  ...(f.collectionId ? { collectionId: f.collectionId } : {}), ...(f.sources.length ? { sourceIds: f.sources.map((s) => s.id) } : {}),
  ...(f.text.trim() ? { text: f.text } : {}),
});
