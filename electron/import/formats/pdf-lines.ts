// A PDF page's text items -> lines in reading order. pdfjs gives text runs
// with their position (baseline x, y in PDF units, y upwards) and size, in
// content-stream order, which is not always reading order. Runs on one
// baseline, close together, are one line; a wide horizontal gap (a column
// gutter) ends a line. Lines are then ordered by recursive cuts: a vertical
// gutter no line crosses splits a region into columns, read left to right;
// where a full-width line (a title, a running header) crosses the gutter the
// region is first cut into bands above and below it.

export interface TextRun {
  text: string;
  x: number;
  /** Baseline, PDF units (upwards). */
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** A gap between runs wider than this many font sizes ends a line (justified word gaps stay well under it). */
const GUTTER_EMS = 1.5;

/** Runs in content order -> lines (each left to right). */
export function linesOf(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  const sorted = runs.filter((r) => r.text !== '' && r.size > 0);
  for (const r of sorted) {
    const sameLine = cur !== null && Math.abs(r.y - cur.y) < Math.max(r.size, cur.size) * 0.4
      && r.x >= cur.x1 - cur.size * 0.5 && r.x - cur.x1 < GUTTER_EMS * Math.max(r.size, cur.size);
    if (cur && sameLine) {
      const gap = r.x - cur.x1;
      const needsSpace = gap > Math.min(r.size, cur.size) * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(r.text);
      cur.text += (needsSpace ? ' ' : '') + r.text;
      cur.x1 = Math.max(cur.x1, r.x + r.width);
      cur.size = Math.max(cur.size, r.size);
    } else {
      if (cur) lines.push(cur);
      cur = { text: r.text, x0: r.x, x1: r.x + r.width, y: r.y, size: r.size };
    }
  }
  if (cur) lines.push(cur);
  return lines
    // a symbol font's bullet arrives as a private-use character (U+F0B7 in Symbol, U+F095 in OpenSymbol)
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim().replace(/^[\uE000-\uF8FF](?=\s)/u, '•') }))
    .filter((l) => l.text !== '');
}

const byTopThenLeft = (a: Line, b: Line) => (Math.abs(a.y - b.y) > Math.min(a.size, b.size) * 0.4 ? b.y - a.y : a.x0 - b.x0);

/** An x where the region splits into columns: inside a gap no line covers, at least `min` wide; null when there is none. */
function gutter(lines: readonly Line[], min: number): number | null {
  const spans = lines.map((l) => [l.x0, l.x1] as const).sort((a, b) => a[0] - b[0]);
  let reach = spans[0]![1];
  let best: { at: number; width: number } | null = null;
  for (const [x0, x1] of spans.slice(1)) {
    if (x0 - reach >= min && (!best || x0 - reach > best.width)) best = { at: (x0 + reach) / 2, width: x0 - reach };
    reach = Math.max(reach, x1);
  }
  return best?.at ?? null;
}

/** Lines in reading order. */
export function readingOrder(lines: readonly Line[], depth = 0): Line[] {
  if (lines.length <= 1 || depth > 12) return [...lines].sort(byTopThenLeft);
  const em = median(lines.map((l) => l.size));
  const cut = gutter(lines, em);
  if (cut !== null) {
    const left = lines.filter((l) => l.x1 <= cut);
    const right = lines.filter((l) => l.x0 >= cut);
    return [...readingOrder(left, depth + 1), ...readingOrder(right, depth + 1)];
  }
  // No gutter: is there one under the wide lines (a title or header spanning columns)?
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const isWide = (l: Line) => l.x1 - l.x0 > (x1 - x0) * 0.6;
  const narrow = lines.filter((l) => !isWide(l));
  const wide = lines.filter(isWide);
  if (wide.length === 0 || narrow.length < 2 || gutter(narrow, em) === null) return [...lines].sort(byTopThenLeft);
  // bands between the wide lines, each read on its own (columns inside a band)
  const out: Line[] = [];
  let band: Line[] = [];
  for (const l of [...lines].sort(byTopThenLeft)) {
    if (isWide(l)) {
      out.push(...readingOrder(band, depth + 1), l);
      band = [];
    } else {
      band.push(l);
    }
  }
  out.push(...readingOrder(band, depth + 1));
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
