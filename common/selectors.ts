// W3C selectors for a passage: TextQuoteSelector (exact, prefix, suffix) and
// TextPositionSelector (start, end in code points).
import { OffsetMap } from './offsets.ts';

export const CONTEXT_CODE_POINTS = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPosition {
  start: number;
  end: number;
}

/** Quote selector for [start, end) code points of text. */
export function quoteAt(text: string, start: number, end: number, map: OffsetMap = new OffsetMap(text)): TextQuote {
  const s = map.toUtf16(start);
  const e = map.toUtf16(end);
  const ps = map.toUtf16(Math.max(0, start - CONTEXT_CODE_POINTS));
  const se = map.toUtf16(Math.min(map.codePoints, end + CONTEXT_CODE_POINTS));
  return { exact: text.slice(s, e), prefix: text.slice(ps, s), suffix: text.slice(e, se) };
}

/** Code-point ranges of every occurrence of quote in text (non-overlapping scan from each index). */
export function findOccurrences(text: string, quote: string, map: OffsetMap = new OffsetMap(text)): TextPosition[] {
  const found: TextPosition[] = [];
  if (quote.length === 0) return found;
  let from = 0;
  for (;;) {
    const i = text.indexOf(quote, from);
    if (i < 0) break;
    const start = map.toCodePoint(i);
    found.push({ start, end: map.toCodePoint(i + quote.length) });
    from = i + 1;
  }
  return found;
}
