// Where a query's terms occur in a stored text, found the way the full-text
// index would match them (common/unicode61.ts), in time linear in the text
// read: the places where a term's first token may start are found in a folded
// copy of one chunk at a time (with indexOf, or one regular expression for all
// terms when some are short), and each is confirmed by tokenizing there.
import { forEachToken, searchFold, startsToken, tokenAt, tokenBoundary } from '../common/unicode61.ts';
import type { SearchTerm } from './fts-query.ts';

/** One occurrence of a term: which term, and its span in the text (UTF-16 offsets, end exclusive). */
export interface TermMatch {
  term: number;
  start: number;
  end: number;
}

const CHUNK = 64 * 1024;
/** The chunk when only the first few matches are wanted (a snippet's): a common word is found near the start. */
const FIRST_CHUNK = 4 * 1024;
/** Read past a chunk's end so a token or phrase that starts inside it is seen whole. */
const OVERLAP = 1024;

/** Whether term matches at `start` (a token start); the end of its last token, or -1. */
function matchAt(text: string, start: number, term: SearchTerm): number {
  let at = start;
  let end = -1;
  for (let k = 0; k < term.tokens.length; k++) {
    // the next token (k > 0 skips separators first)
    if (k > 0) {
      let next = -1;
      forEachToken(text, (_t, s) => { next = s; return false; }, at, Math.min(text.length, at + OVERLAP));
      if (next < 0) return -1;
      at = next;
    }
    const tok = tokenAt(text, at);
    const want = term.tokens[k]!;
    const last = k === term.tokens.length - 1;
    if (!(tok.term === want || (last && term.prefix && tok.term.startsWith(want)))) return -1;
    end = tok.end;
    at = tok.end;
  }
  return end;
}

/** The end of the token at `start` when it is all ASCII (and followed by ASCII or nothing), else -1. */
function asciiTokenEnd(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
  }
  return i;
}

/** Matches in one chunk [from, to), by tokenizing it (when a fold would shift offsets). */
function matchesByTokens(text: string, terms: readonly SearchTerm[], from: number, to: number, out: TermMatch[]): void {
  forEachToken(text, (term, start) => {
    for (let t = 0; t < terms.length; t++) {
      if (!term.startsWith(terms[t]!.tokens[0]!)) continue;
      const end = matchAt(text, start, terms[t]!);
      if (end >= 0) out.push({ term: t, start, end });
    }
  }, tokenBoundary(text, from), to);
}

export interface FindOptions {
  from?: number;
  /** Matches must start before this offset. */
  to?: number;
  /** Stop once this many matches are found (those found so far are returned, in order). */
  max?: number;
}

/** Characters that always belong to a token: a match cannot start right after one, nor a whole word end right before one. */
const ASCII_WORD = '0-9a-z';
/** Each query's pattern, made once per search (every candidate's text is matched against the same terms). */
const patterns = new WeakMap<readonly SearchTerm[], RegExp>();
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression for the places where any term's first token may
 * start in folded text: one pass over a chunk for all terms, used when a first
 * token is short (an indexOf for the term "a" stops at every "a" inside other
 * words). A word (not a prefix) must also end there. Each place is confirmed
 * by tokenizing.
 */
function startsPattern(terms: readonly SearchTerm[]): RegExp {
  const known = patterns.get(terms);
  if (known) return known;
  const alternatives = [...new Set(terms.map((t) => {
    const whole = t.tokens.length > 1 || !t.prefix;
    return `${escapeRegExp(t.tokens[0]!)}${whole ? `(?![${ASCII_WORD}])` : ''}`;
  }))].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![${ASCII_WORD}])(?:${alternatives.join('|')})`, 'g');
  patterns.set(terms, pattern);
  return pattern;
}

/** First tokens shorter than this are looked for by the pattern, longer ones by indexOf (faster for a word of several letters). */
const SHORT_TOKEN = 3;

/**
 * Term t's match at `at` (a place in folded, the chunk from `a`, where its
 * first token is), if any, added to out. `token`: the ASCII token there, when
 * known, which decides a one-word term without tokenizing.
 */
function confirm(text: string, folded: string, a: number, at: number, token: string | null, terms: readonly SearchTerm[], t: number, out: TermMatch[]): void {
  const term = terms[t]!;
  const first = term.tokens[0]!;
  if (token !== null && term.tokens.length === 1) {
    if (term.prefix ? token.startsWith(first) : token === first) out.push({ term: t, start: at, end: at + token.length });
    return;
  }
  if (!folded.startsWith(first, at - a)) return;
  const end = matchAt(text, at, term);
  if (end >= 0) out.push({ term: t, start: at, end });
}

/** The ASCII token at `at` (a token start) from the folded chunk, or null when it is not all ASCII or runs past the chunk. */
function asciiToken(text: string, folded: string, a: number, at: number): string | null {
  const end = asciiTokenEnd(text, at);
  return end >= 0 && end - a <= folded.length ? folded.slice(at - a, end - a) : null;
}

/** The matches of every term in text[from, to), ordered by start (then term). */
export function findMatches(text: string, terms: readonly SearchTerm[], options: FindOptions = {}): TermMatch[] {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? text.length, text.length);
  const max = options.max ?? Infinity;
  const found: TermMatch[] = [];
  if (terms.length === 0) return found;
  // A first token the offset-keeping fold would change (a character the index does not lower-case) is found by tokenizing.
  const byFold = terms.every((t) => searchFold(t.tokens[0]!) === t.tokens[0]);
  const pattern = byFold && terms.some((t) => t.tokens[0]!.length < SHORT_TOKEN) ? startsPattern(terms) : null;
  const chunk = max === Infinity ? CHUNK : FIRST_CHUNK;
  for (let a = from; a < to && found.length < max; a += chunk) {
    const b = Math.min(to, a + chunk);
    const chunkMatches: TermMatch[] = [];
    const folded = searchFold(text.slice(a, Math.min(text.length, b + OVERLAP)));
    if (folded === null || !byFold) matchesByTokens(text, terms, a, b, chunkMatches);
    else if (pattern) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(folded); m !== null && a + m.index < b; m = pattern.exec(folded)) {
        const at = a + m.index;
        if (!startsToken(text, at)) continue;
        const token = asciiToken(text, folded, a, at);
        for (let t = 0; t < terms.length; t++) confirm(text, folded, a, at, token, terms, t, chunkMatches);
      }
    } else {
      for (let t = 0; t < terms.length; t++) {
        const first = terms[t]!.tokens[0]!;
        for (let i = folded.indexOf(first); i >= 0 && a + i < b; i = folded.indexOf(first, i + 1)) {
          const at = a + i;
          if (startsToken(text, at)) confirm(text, folded, a, at, asciiToken(text, folded, a, at), terms, t, chunkMatches);
        }
      }
    }
    chunkMatches.sort((x, y) => x.start - y.start || x.term - y.term);
    for (const m of chunkMatches) {
      if (found.length >= max) break;
      found.push(m);
    }
  }
  return found;
}
