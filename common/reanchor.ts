// Re-anchoring a stored passage (W3C TextQuoteSelector + TextPositionSelector)
// onto a text that may have changed. Order: the stored position, then the exact
// quote (nearest the old position, disambiguated by prefix/suffix), then an
// approximate match scored on quote, prefix, suffix and distance, as Hypothesis
// does (client/src/annotator/anchoring/match-quote.ts), with approx-string-match.
// Pure: no Node, DOM or Electron. Offsets are code points.
import approxSearch from 'approx-string-match';
import { OffsetMap } from './offsets.ts';
import type { AnnotationStatus } from './types.ts';

export interface StoredAnchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface Reanchored {
  status: AnnotationStatus;
  start: number;
  end: number;
  /** 1 when anchored at the stored position; the match score (0..1) when moved; 0 when orphaned. */
  score: number;
}

/** Weights of the match score (Hypothesis' values). */
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** Below this overall score an approximate match is not accepted (orphaned instead). */
export const MIN_APPROX_SCORE = 0.6;
/** An approximate match must share at least this share of the quote. */
export const MIN_QUOTE_SCORE = 0.6;
/** Quotes shorter than this (code points) are only matched exactly. */
const MIN_APPROX_LENGTH = 8;

interface Match { start: number; end: number; errors: number }

function bestApprox(text: string, pattern: string, maxErrors: number): Match | null {
  if (pattern.length === 0 || text.length === 0) return null;
  const exact = text.indexOf(pattern);
  if (exact >= 0) return { start: exact, end: exact + pattern.length, errors: 0 };
  const found = approxSearch(text, pattern, maxErrors);
  let best: Match | null = null;
  for (const m of found) if (!best || m.errors < best.errors) best = m;
  return best;
}

/** How well `str` matches (somewhere in) `text`: 1 - errors / length. */
function textMatchScore(text: string, str: string): number {
  if (str.length === 0) return 1;
  if (text.length === 0) return 0;
  const m = bestApprox(text, str, str.length);
  return m ? 1 - m.errors / str.length : 0;
}

/** UTF-16 positions; `hint` is the expected UTF-16 start. */
function score(text: string, m: Match, quoteLen: number, a: StoredAnchor, hint: number): number {
  const quoteScore = 1 - m.errors / Math.max(1, quoteLen);
  const prefixScore = a.prefix ? textMatchScore(text.slice(Math.max(0, m.start - a.prefix.length), m.start), a.prefix) : 1;
  const suffixScore = a.suffix ? textMatchScore(text.slice(m.end, m.end + a.suffix.length), a.suffix) : 1;
  const posScore = 1 - Math.abs(m.start - hint) / Math.max(1, text.length);
  return (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * posScore) / MAX_SCORE;
}

export function reanchor(text: string, anchor: StoredAnchor, map: OffsetMap = new OffsetMap(text)): Reanchored {
  const { exact } = anchor;
  const orphaned: Reanchored = { status: 'orphaned', start: anchor.start, end: anchor.end, score: 0 };
  if (exact.length === 0) return orphaned;

  // 1. the stored position still holds the quote
  if (anchor.start >= 0 && anchor.end <= map.codePoints && anchor.start < anchor.end) {
    const s = map.toUtf16(anchor.start);
    const e = map.toUtf16(anchor.end);
    if (text.slice(s, e) === exact) return { status: 'anchored', start: anchor.start, end: anchor.end, score: 1 };
  }
  const hint = map.toUtf16(Math.min(Math.max(0, anchor.start), map.codePoints));

  // 2. the exact quote elsewhere: best by context, then by distance
  const exactMatches: Match[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
    exactMatches.push({ start: i, end: i + exact.length, errors: 0 });
  }
  let candidates = exactMatches;

  // 3. an approximate match
  if (candidates.length === 0) {
    if ([...exact].length < MIN_APPROX_LENGTH) return orphaned;
    const maxErrors = Math.min(256, Math.floor(exact.length / 2));
    candidates = approxSearch(text, exact, maxErrors);
    if (candidates.length > 200) candidates = candidates.sort((a, b) => a.errors - b.errors).slice(0, 200);
  }
  let best: { m: Match; score: number } | null = null;
  for (const m of candidates) {
    const sc = score(text, m, exact.length, anchor, hint);
    if (!best || sc > best.score || (sc === best.score && Math.abs(m.start - hint) < Math.abs(best.m.start - hint))) best = { m, score: sc };
  }
  if (!best) return orphaned;
  const quoteScore = 1 - best.m.errors / exact.length;
  if (best.m.errors > 0 && (best.score < MIN_APPROX_SCORE || quoteScore < MIN_QUOTE_SCORE)) return orphaned;
  let { start, end } = best.m;
  if (best.m.errors > 0) {
    // approximate edges can land inside a word; snap them to word edges when the quote's edges are word edges
    if (isWordChar(exact, 0) && !isWordChar(anchor.prefix, anchor.prefix.length - 1)) start = snap(text, start, true);
    if (isWordChar(exact, exact.length - 1) && !isWordChar(anchor.suffix, 0)) end = snap(text, end, false);
    if (end <= start) ({ start, end } = best.m);
  }
  return {
    status: 'moved',
    start: map.toCodePoint(start),
    end: map.toCodePoint(end),
    score: Math.round(best.score * 1000) / 1000,
  };
}

const WORD = /[\p{L}\p{N}]/u;
function isWordChar(s: string, i: number): boolean {
  return i >= 0 && i < s.length && WORD.test(s[i]!);
}
/** Is there a word edge at UTF-16 offset i (a start edge when `start`, else an end edge)? */
function isEdge(text: string, i: number, start: boolean): boolean {
  return start ? isWordChar(text, i) && !isWordChar(text, i - 1) : isWordChar(text, i - 1) && !isWordChar(text, i);
}
/** Moves i to the nearest word edge within 4 code units (forward first), else leaves it. */
function snap(text: string, i: number, start: boolean): number {
  if (isEdge(text, i, start)) return i;
  for (let d = 1; d <= 4; d++) {
    const fwd = start ? i + d : i - d; // shrink first: a start moves right, an end moves left
    const back = start ? i - d : i + d;
    if (fwd >= 0 && fwd <= text.length && isEdge(text, fwd, start)) return fwd;
    if (back >= 0 && back <= text.length && isEdge(text, back, start)) return back;
  }
  return i;
}
