// Words as SQLite's FTS5 tokenizer `unicode61 remove_diacritics 2` (the one
// every full-text index here uses) sees them, in JavaScript: so a snippet or a
// match position computed from the stored text marks exactly the words the
// index matched. Which code points separate tokens, and the few that fold
// other than by lower case plus diacritic removal, come from SQLite itself
// (common/unicode61-table.ts, generated); test/unit/unicode61.test.ts compares
// the result with FTS5's own tokens.
import { FOLD_EXCEPTIONS, SEPARATOR_RANGES } from './unicode61-table.ts';

/** The combining marks unicode61 removes (sqlite3Fts5UnicodeIsdiacritic: U+0300..U+0331, two bit masks). */
function isDiacritic(cp: number): boolean {
  if (cp < 768 || cp > 817) return false;
  return cp < 800 ? (0x08029fdf & (1 << (cp - 768))) !== 0 : (0x000361f8 & (1 << (cp - 800))) !== 0;
}

const MARKS = /^\p{M}+$/u;

/** The general rule: lower case, and a Latin letter with diacritics becomes its ASCII base ("Ł" -> "ł", "ó" -> "o", "ά" stays). */
export function codePointFold(cp: number): string {
  let f = '';
  for (const ch of String.fromCodePoint(cp).toLowerCase()) {
    if (isDiacritic(ch.codePointAt(0)!)) continue;
    const d = ch.normalize('NFD');
    f += d.length > 1 && d.charCodeAt(0) < 0x80 && MARKS.test(d.slice(1)) ? d[0]! : ch;
  }
  return f;
}

function isSeparatorSlow(cp: number): boolean {
  let lo = 0;
  let hi = SEPARATOR_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < SEPARATOR_RANGES[2 * mid]!) hi = mid - 1;
    else if (cp > SEPARATOR_RANGES[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

// 0 not looked up yet, 1 separator, 2 part of a token (BMP only; astral code points are looked up each time).
const bmpKinds = new Uint8Array(0x10000);
const folds = new Map<number, string>(FOLD_EXCEPTIONS.map(([cp, f]) => [cp, f]));

/** Whether a code point is part of a token (a letter, number, private-use or unassigned character, or a removed diacritic). */
export function isTokenCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  if (cp >= 0x10000) return !isSeparatorSlow(cp);
  let k = bmpKinds[cp]!;
  if (k === 0) bmpKinds[cp] = k = isSeparatorSlow(cp) ? 1 : 2;
  return k === 2;
}

/** A token character folded as the index folds it ('' for a diacritic it removes). */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  let f = folds.get(cp);
  if (f === undefined) folds.set(cp, (f = codePointFold(cp)));
  return f;
}

const codePointAt = (text: string, i: number): number => text.codePointAt(i)!;
const width = (cp: number): number => (cp > 0xffff ? 2 : 1);

/** The token that starts at `start` (a token character): its folded term and its end (UTF-16, exclusive). */
export function tokenAt(text: string, start: number): { term: string; end: number } {
  let i = start;
  let ascii = true;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isTokenCodePoint(c)) break;
      i++;
      continue;
    }
    const cp = codePointAt(text, i);
    if (!isTokenCodePoint(cp)) break;
    ascii = false;
    i += width(cp);
  }
  const raw = text.slice(start, i);
  if (ascii) return { term: raw.toLowerCase(), end: i };
  let term = '';
  for (const ch of raw) term += foldCodePoint(ch.codePointAt(0)!);
  return { term, end: i };
}

/**
 * Calls fn for each token that starts in text[from, to), in order; stops when
 * fn returns false. `from` must not fall inside a token.
 */
export function forEachToken(text: string, fn: (term: string, start: number, end: number) => boolean | void, from = 0, to = text.length): void {
  let i = from;
  while (i < to) {
    const cp = codePointAt(text, i);
    if (!isTokenCodePoint(cp)) {
      i += width(cp);
      continue;
    }
    const { term, end } = tokenAt(text, i);
    if (term !== '' && fn(term, i, end) === false) return;
    i = end;
  }
}

/** A token: its folded form and where it is in the text (UTF-16 offsets, end exclusive). */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** Every token of a (short) text. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (term, start, end) => { out.push({ term, start, end }); });
  return out;
}

/** Whether offset i of text starts a token (a token character not preceded by one). */
export function startsToken(text: string, i: number): boolean {
  if (i >= text.length || !isTokenCodePoint(codePointAt(text, i))) return false;
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  const prev = before >= 0xdc00 && before < 0xe000 && i >= 2 ? codePointAt(text, i - 2) : before;
  return !isTokenCodePoint(prev);
}

/** The first offset at or after i that is not inside a token (i itself when a token starts there). */
export function tokenBoundary(text: string, i: number): number {
  while (i > 0 && i < text.length && !startsToken(text, i) && isTokenCodePoint(codePointAt(text, i))) i += width(codePointAt(text, i));
  return i;
}

/**
 * A fold that keeps every offset (one UTF-16 unit for one), for finding a
 * term's candidates with indexOf: lower case, and Latin letters with
 * diacritics to their base. Candidates are then checked with tokenAt, so a
 * character this folds differently from the index can hide a match, never
 * invent one. Null when lower-casing changes the length (a capital dotted İ):
 * the caller then tokenizes instead.
 */
export function searchFold(text: string): string | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  return lower.replace(/[\u00c0-\u024f\u1e00-\u1eff\u00b5\u017f\u03c2\u03d0-\u03f5]/g, (ch) => {
    const f = foldCodePoint(ch.charCodeAt(0));
    return f.length === 1 ? f : ch;
  });
}
