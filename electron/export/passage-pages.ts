// The page of the original file each exported passage is on (a PDF's, from its
// page map, found as citations find it: common/pages.ts), each source's page
// map read once however many of its passages are exported.
import { pageAt } from '../../common/pages.ts';
import type { AnnotationListItem, SourcePage } from '../../common/types.ts';

/** A passage's page, or null: not a paged source, or an orphan (no place in the text). */
export type PageOf = (p: AnnotationListItem) => SourcePage | null;

export function passagePages(pagesOf: (sourceId: string) => readonly SourcePage[]): PageOf {
  const maps = new Map<string, readonly SourcePage[]>();
  return (p) => {
    if (p.status === 'orphaned') return null;
    let pages = maps.get(p.sourceId);
    if (!pages) maps.set(p.sourceId, (pages = pagesOf(p.sourceId)));
    return pageAt(pages, p.start);
  };
}
