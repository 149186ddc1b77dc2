// Where a query's terms occur in a stored text, found the way the full-text
// index would match them (common/unicode61.ts), in time linear in the text
// read: the places where a term's first token may start are found in a folded
// copy of one chunk at a time (with indexOf, or one regular expression for all
// terms when some are short), and each is confirmed by tokenizing there.
import { forEachToken, isTokenCodePoint, searchFold, startsToken, tokenAt, tokenBoundary } from '../common/unicode61.ts';
import type { SearchTerm } from './fts-query.ts';
import { firstUnspaced, formOffset, originalOffset, spacedText } from './fts-text.ts';

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

/** Characters of a text with letters of a script written without spaces matched at a time (the window's end moves on to a separator); FIRST_CHUNK when only the first few matches are wanted. */
const SPACED_WINDOW = 16 * 1024;

/** The query's words in scripts written without spaces: only the runs of a text holding one are cut into words to be matched. */
const unspacedWords = (terms: readonly SearchTerm[]): string[] =>
  [...new Set(terms.flatMap((t) => t.tokens.filter((w) => firstUnspaced(w) >= 0)))];

/** Where any of words starts in text[from, to), ascending. */
function occurrences(text: string, words: readonly string[], from: number, to: number): number[] {
  const window = text.slice(from, to);
  const at: number[] = [];
  for (const w of words) for (let i = window.indexOf(w); i >= 0; i = window.indexOf(w, i + 1)) at.push(from + i);
  return at.sort((x, y) => x - y);
}

/** The end of the window starting at a: at most `size` on, then at the next character outside any token (a cut inside one only past OVERLAP). */
function windowEnd(text: string, a: number, to: number, size: number): number {
  if (to - a <= size) return to;
  const b = a + size;
  for (let i = b; i < Math.min(to, b + OVERLAP); i++) if (!isTokenCodePoint(text.codePointAt(i)!)) return i;
  return b;
}

/**
 * The matches of every term in text[from, to), ordered by start (then term).
 * A text with letters of a script written without spaces is matched, a window
 * at a time, in the spaced form the index holds (db/fts-text.ts) and the
 * matches mapped back to the text's own offsets; ICU cuts only the runs
 * where one of the query's words in those scripts occurs (the rest cannot
 * hold a match of them).
 */
export function findMatches(text: string, terms: readonly SearchTerm[], options: FindOptions = {}): TermMatch[] {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? text.length, text.length);
  if (terms.length === 0 || firstUnspaced(text, from, Math.min(text.length, to + OVERLAP)) < 0) return findMatchesIn(text, terms, options);
  const max = options.max ?? Infinity;
  const words = unspacedWords(terms);
  const size = max === Infinity ? SPACED_WINDOW : FIRST_CHUNK;
  const found: TermMatch[] = [];
  for (let a = from; a < to && found.length < max;) {
    const b = windowEnd(text, a, to, size);
    const end = Math.min(text.length, b + OVERLAP);
    const at = occurrences(text, words, a, end);
    let k = 0;
    const holdsWord = (start: number, stop: number) => {
      while (k < at.length && at[k]! < start) k++;
      return k < at.length && at[k]! < stop;
    };
    const spaced = spacedText(text, a, end, holdsWord);
    const form = spaced?.text ?? text.slice(a, end);
    const back = (i: number) => a + (spaced ? originalOffset(spaced, i) : i);
    const matches = findMatchesIn(form, terms, { to: spaced ? formOffset(spaced, b - a) : b - a, max: max - found.length });
    for (const m of matches) found.push({ term: m.term, start: back(m.start), end: back(m.end) });
    a = b;
  }
  return found;
}

function findMatchesIn(text: string, terms: readonly SearchTerm[], options: FindOptions): TermMatch[] {
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
