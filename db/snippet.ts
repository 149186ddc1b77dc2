// A search hit's snippet, made from a bounded window of the stored text around
// the first matches (FTS5's snippet() weighs every window of the whole
// document, which grows with the square of its matches: 28.7 s for "the" in a
// 4.7 MB source). Matched words are wrapped in ⟦ ⟧ (common/types.ts).
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../common/types.ts';
import { forEachToken, tokenBoundary } from '../common/unicode61.ts';
import type { SearchTerm } from './fts-query.ts';
import { findMatches, type TermMatch } from './term-matches.ts';

/** Tokens in a snippet (FTS5's snippet() took 16 here too). */
export const SNIPPET_TOKENS = 16;
/** Tokens shown before the first match in the window. */
const LEAD_TOKENS = 4;
/** The first matches looked at when choosing the window (the one covering the most different terms wins). */
const MATCHES_CONSIDERED = 64;
/** How far (UTF-16 units) a window reaches for other terms. */
const WINDOW_REACH = 120;
/** The longest snippet (UTF-16 units): unicode61 makes one token of a run of CJK text, which can be long. */
const MAX_CHARS = 320;
const ELLIPSIS = '…';

/** i moved back off the second half of a surrogate pair. */
const atCodePoint = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c < 0xe000 ? i - 1 : i;
};

export interface Snippet {
  snippet: string;
  /** The first match shown (UTF-16 offsets into the text), or null when no term was found in it. */
  match: { start: number; end: number } | null;
}

/** The match to centre on: the earliest of those whose neighbourhood holds the most different terms. */
function anchorOf(matches: readonly TermMatch[]): TermMatch {
  let best = matches[0]!;
  let bestTerms = 0;
  for (let i = 0; i < matches.length; i++) {
    const terms = new Set<number>();
    for (let j = i; j < matches.length && matches[j]!.start - matches[i]!.start <= WINDOW_REACH; j++) terms.add(matches[j]!.term);
    if (terms.size > bestTerms) {
      best = matches[i]!;
      bestTerms = terms.size;
    }
  }
  return best;
}

/**
 * The window: LEAD_TOKENS tokens before the anchor and the rest after it, or
 * more before when the text ends sooner; the whole text when it is that short.
 */
function windowOf(text: string, anchor: number): { start: number; end: number } {
  const after: number[] = [];
  forEachToken(text, (_t, _s, e) => { after.push(e); return after.length <= SNIPPET_TOKENS; }, anchor);
  const reachBack = tokenBoundary(text, Math.max(0, anchor - 16 * SNIPPET_TOKENS));
  const before: number[] = [];
  forEachToken(text, (_t, s) => { before.push(s); }, reachBack, anchor);
  const lead = Math.min(before.length, Math.max(LEAD_TOKENS, SNIPPET_TOKENS - after.length));
  const tail = Math.max(1, SNIPPET_TOKENS - lead);
  const end = after.length > tail ? after[tail - 1]! : text.length;
  if (lead === before.length && reachBack === 0) return { start: 0, end };
  return { start: lead === 0 ? anchor : before[before.length - lead]!, end };
}

/** The source's own ⟦ ⟧ would read as marks: shown as brackets. */
const plain = (s: string): string => s.replaceAll(SNIPPET_OPEN, '[').replaceAll(SNIPPET_CLOSE, ']');

/** A snippet of text around its first matches of terms; the text's beginning, unmarked, when none is found. */
export function makeSnippet(text: string, terms: readonly SearchTerm[], first?: readonly TermMatch[]): Snippet {
  const matches = first && first.length > 0 ? first : findMatches(text, terms, { max: MATCHES_CONSIDERED });
  if (matches.length === 0) {
    const { end } = windowOf(text, 0);
    const cut = Math.min(end, atCodePoint(text, MAX_CHARS));
    return { snippet: plain(text.slice(0, cut)) + (cut < text.length ? ELLIPSIS : ''), match: null };
  }
  const anchor = anchorOf(matches);
  let { start, end } = windowOf(text, anchor.start);
  end = Math.max(end, anchor.end);
  if (end - start > MAX_CHARS) {
    start = atCodePoint(text, Math.max(start, anchor.start - MAX_CHARS / 4));
    end = atCodePoint(text, Math.min(end, start + MAX_CHARS));
  }
  const inWindow = findMatches(text, terms, { from: start, to: end });
  let out = start > 0 ? ELLIPSIS : '';
  let at = start;
  let marked = -1; // where the last mark ends
  for (const m of inWindow) {
    if (m.start < at || m.start >= end) continue; // overlaps a mark already made (a prefix and a word on the same token)
    const stop = Math.min(m.end, end);
    // a match right after the last one (words of a script written without spaces) extends its mark
    if (m.start === marked) out = `${out.slice(0, -SNIPPET_CLOSE.length)}${plain(text.slice(m.start, stop))}${SNIPPET_CLOSE}`;
    else out += `${plain(text.slice(at, m.start))}${SNIPPET_OPEN}${plain(text.slice(m.start, stop))}${SNIPPET_CLOSE}`;
    at = marked = stop;
  }
  out += plain(text.slice(at, end)) + (end < text.length ? ELLIPSIS : '');
  return { snippet: out, match: { start: anchor.start, end: anchor.end } };
}
