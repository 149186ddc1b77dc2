// Running headers, footers and page numbers: lines at the top or bottom edge
// of a page that repeat from page to page (compared with their digits
// masked, so "Page 3 of 12" repeats as "Page # of #"), and edge lines that
// are only a page number. They are layout, not the text, and would break
// paragraphs that run across pages.
import type { Line } from './pdf-lines.ts';

/** How many lines at each edge of a page are looked at. */
const EDGE_LINES = 2;

const PAGE_NUMBER = /^(?:page|p\.|seite|pág\.?|стр\.?)?\s*[-–—([|]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]|]?(?:\s*(?:of|\/|de|из|von)\s*\d{1,4})?$/iu;

const key = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

export function dropFurniture(pages: readonly Line[][]): { pages: Line[][]; dropped: number } {
  const edges = pages.map((lines) => {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const top = byY.slice(0, EDGE_LINES);
    const bottom = byY.slice(Math.max(EDGE_LINES, byY.length - EDGE_LINES)).reverse();
    return { top, bottom };
  });
  const counts = new Map<string, number>();
  for (const { top, bottom } of edges) {
    for (const k of new Set([...top, ...bottom].map((l) => key(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const withText = pages.filter((p) => p.length > 0).length;
  const repeats = (l: Line) => (counts.get(key(l.text)) ?? 0) >= Math.max(2, Math.ceil(withText * 0.4));
  let dropped = 0;
  const kept = pages.map((lines, i) => {
    const { top, bottom } = edges[i]!;
    const drop = new Set<Line>();
    for (const edge of [top, bottom]) {
      // from the edge inwards: a repeated line, or the outermost line when it is only a page number
      for (const [j, l] of edge.entries()) {
        if (repeats(l) || (j === 0 && PAGE_NUMBER.test(l.text))) drop.add(l);
        else break;
      }
    }
    dropped += drop.size;
    return lines.filter((l) => !drop.has(l));
  });
  return { pages: kept, dropped };
}
