// The page of the original file a passage is on, for sources that have pages
// (PDFs: the page map kept at import, db source_pages). Citations and exports
// say it as a reader of the PDF would look it up: "p. 3", or the PDF's own
// page label ("p. iv").
import type { SourcePage } from './types.ts';
import { lastAtMostBy } from './sorted.ts';

/** The page holding code point `cp`, or null for a source without a page map. */
export function pageAt(pages: readonly SourcePage[] | null | undefined, cp: number): SourcePage | null {
  if (!pages || pages.length === 0) return null;
  return pages[lastAtMostBy(pages, (p) => p.start, cp)]!;
}

/** "3", or "iv" where the PDF labels its pages (a spreadsheet's page column). */
export const pageLabel = (p: SourcePage): string => p.label?.trim() || String(p.page);

/** "p. 3", or "p. iv" where the PDF labels its pages. */
export const pageName = (p: SourcePage): string => `p. ${pageLabel(p)}`;

/** The page name of code point `cp` in a paged source, or null. */
export function pageNameAt(pages: readonly SourcePage[] | null | undefined, cp: number): string | null {
  const p = pageAt(pages, cp);
  return p && pageName(p);
}
