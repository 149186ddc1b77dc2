// Where a query's terms occur in a stored text, found the way the full-text
// index would match them (common/unicode61.ts), in time linear in the text
// read: each term's first token is looked for with indexOf in a folded copy of
// one chunk at a time, and each candidate is confirmed by tokenizing there.
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

/** The matches of every term in text[from, to), ordered by start (then term). */
export function findMatches(text: string, terms: readonly SearchTerm[], options: FindOptions = {}): TermMatch[] {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? text.length, text.length);
  const max = options.max ?? Infinity;
  const found: TermMatch[] = [];
  if (terms.length === 0) return found;
  // A first token the offset-keeping fold would change (a character the index does not lower-case) is found by tokenizing.
  const byIndexOf = terms.every((t) => searchFold(t.tokens[0]!) === t.tokens[0]);
  const chunk = max === Infinity ? CHUNK : FIRST_CHUNK;
  for (let a = from; a < to && found.length < max; a += chunk) {
    const b = Math.min(to, a + chunk);
    const chunkMatches: TermMatch[] = [];
    const folded = searchFold(text.slice(a, Math.min(text.length, b + OVERLAP)));
    if (folded === null || !byIndexOf) matchesByTokens(text, terms, a, b, chunkMatches);
    else {
      for (let t = 0; t < terms.length; t++) {
        const first = terms[t]!.tokens[0]!;
        for (let i = folded.indexOf(first); i >= 0 && a + i < b; i = folded.indexOf(first, i + 1)) {
          const at = a + i;
          if (!startsToken(text, at)) continue;
          const end = matchAt(text, at, terms[t]!);
          if (end >= 0) chunkMatches.push({ term: t, start: at, end });
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
