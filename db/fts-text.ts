// The form of a text the full-text indexes hold: the text itself, except that
// runs of scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
// Myanmar) are cut into the words ICU's dictionaries find (common/align/words.ts),
// with a space between them. FTS5's unicode61 tokenizer makes a whole clause of
// Han characters one token; in this form each word is a token of its own. The
// index triggers call it as the SQL function lectern_fts_text (migration 0023),
// queries are cut the same way (db/fts-query.ts), and matches found in the
// spaced form are mapped back to the stored text (db/term-matches.ts).
import { dictionaryWords, UNSPACED_LETTER, unspacedRunEnd } from '../common/align/words.ts';
import type { Db } from './write.ts';

/** The SQL function the index triggers and content views call. */
export const FTS_TEXT_FUNCTION = 'lectern_fts_text';

/**
 * Any unspaced-script letter (UNSPACED_LETTER unanchored): V8 answers at once
 * for a text held one byte a character (Latin-1, most English), and scans
 * natively otherwise.
 */
const ANY_UNSPACED = new RegExp(UNSPACED_LETTER.source.replace(/^\^|\$$/g, ''), 'u');

/** The offset of the first unspaced-script letter in text[from, to), or -1 (a character of those scripts that is no letter, as 、, is passed over). */
export function firstUnspaced(text: string, from = 0, to = text.length): number {
  for (let at = from; at < to;) {
    const m = ANY_UNSPACED.exec(at === 0 && to === text.length ? text : text.slice(at, to));
    if (!m) return -1;
    const i = at + m.index;
    if (unspacedRunEnd(text, i, to) > i) return i;
    at = i + m[0].length;
  }
  return -1;
}

/** A spaced form of text[from, to) and where it put spaces: `inserted[k]` is the offset, in the spaced form, of the k-th space added. */
export interface SpacedText {
  text: string;
  inserted: number[];
}

/**
 * The spaced form of text[from, to), or null when it has no unspaced-script
 * letter (the form is then the text itself). A space goes before and after
 * each word of a run (only where the text has none), so a word touching Latin
 * letters or digits ("iPhone手机") is a token of its own too. `cut(start, end)`
 * says whether to cut a run into words (ICU's work); a run not cut is still
 * spaced at its ends.
 */
export function spacedText(text: string, from = 0, to = text.length, cut: (start: number, end: number) => boolean = () => true): SpacedText | null {
  let i = firstUnspaced(text, from, to);
  if (i < 0) return null;
  const parts: string[] = [];
  let copied = from;
  const inserted: number[] = [];
  let spacedAt = -1;
  // a space before text[at], unless there is one already or it would begin or end the form
  const space = (at: number) => {
    if (at <= from || at >= to || at === spacedAt || text.charCodeAt(at) === 32 || text.charCodeAt(at - 1) === 32) return;
    parts.push(text.slice(copied, at));
    copied = spacedAt = at;
    inserted.push(at - from + inserted.length);
    parts.push(' ');
  };
  while (i >= 0) {
    const end = unspacedRunEnd(text, i, to);
    if (cut(i, end)) dictionaryWords(text, i, end, (start, wordEnd) => { space(start); space(wordEnd); });
    else { space(i); space(end); }
    i = firstUnspaced(text, end, to);
  }
  parts.push(text.slice(copied, to));
  return { text: parts.join(''), inserted };
}

/** The form the index holds (the text itself when it has no unspaced-script letter). */
export const ftsText = (text: string): string => spacedText(text)?.text ?? text;

/** An offset in a spaced form back to the offset, from the form's start, in the text it came from (inserted spaces are not in it). */
export function originalOffset(spaced: SpacedText, at: number): number {
  let lo = 0;
  let hi = spaced.inserted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spaced.inserted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return at - lo;
}

/** An offset, from a spaced form's start, in the text it came from, to the form (after the spaces inserted before it). */
export function formOffset(spaced: SpacedText, at: number): number {
  let lo = 0;
  let hi = spaced.inserted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spaced.inserted[mid]! - mid < at) lo = mid + 1;
    else hi = mid;
  }
  return at + lo;
}

/**
 * Registers lectern_fts_text on a connection. Every connection that writes
 * sources, annotations or notes needs it (their index triggers call it), and
 * every one that reads the indexes' content views: opening a library does it
 * (db/open.ts), and so does the migration runner (db/migrate.ts).
 */
export function registerFtsText(db: Db): void {
  db.function(FTS_TEXT_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? ftsText(value) : value));
}
