// Words of a sentence as comparable terms: case-folded, diacritics removed,
// possessives dropped and lightly stemmed, so "Kremlin’s" ~ "Kremlin" and
// "planned" ~ "planning". Language-light on purpose: the only English-specific
// parts are a short suffix list and a stopword list, which only lower weights.

/**
 * A word: letters, marks and digits, with inner apostrophes ("Kremlin’s", "don't"). Scripts written
 * without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are cut into words by
 * ICU's dictionaries (Intl.Segmenter): a run of them is otherwise one "word" as long as a clause.
 * WORD is the rule for the other scripts.
 */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const MARKS = /\p{M}/gu;
const DIGIT = /\p{N}/u;
const NON_ASCII = /[^ -~]/;

/** Words that carry little meaning in English news text: counted at a small weight. */
export const STOPWORDS: ReadonlySet<string> = new Set((
  'a an and are as at be been but by for from had has have he her his i in into is it its of on or our she so that the their them '
  + 'there they this to was we were which who will with would not no than then also after before over about more most such '
  + 'can could may might must should do does did been being these those what when where while you your all any some other '
  + 'out up down off said says say told being us him my me one two'
).split(' '));

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 'ly', 's'];

/** Words' comparable forms (term() is pure; most words recur across texts), bounded: emptied when full. */
const TERMS = new Map<string, string>();
const TERMS_MAX = 200_000;

/** The comparable form of one word. */
export function term(word: string): string {
  let t = TERMS.get(word);
  if (t === undefined) {
    if (TERMS.size >= TERMS_MAX) TERMS.clear();
    TERMS.set(word, (t = termOf(word)));
  }
  return t;
}

function termOf(word: string): string {
  let w = word.toLowerCase();
  if (NON_ASCII.test(w)) w = w.normalize('NFKD').replace(MARKS, '');
  w = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (DIGIT.test(w)) return w;
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 4 && w.endsWith(s)) {
      if (s === 's' && /(ss|us|is)$/.test(w)) break;
      w = w.slice(0, w.length - s.length);
      if (s === 'ies') w += 'y';
      break;
    }
  }
  // planning/planned -> plann -> plan: undouble a final consonant left by a suffix
  if (w.length >= 4 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1]!)) w = w.slice(0, -1);
  return w;
}

/** Character classes of a word: not in a word, a letter or mark, a digit (any \p{N}), a letter of a script written without spaces. */
const NONE = 0;
const LETTER = 1;
const NUMBER = 2;
const UNSPACED = 3;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const NUMERIC = /^\p{N}$/u;
/** Letters of the scripts ICU cuts into words with a dictionary (the Katakana-Hiragana prolonged sound mark is in them by its script extensions). */
const UNSPACED_SCRIPTS = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}';
export const UNSPACED_LETTER = new RegExp(`^[${UNSPACED_SCRIPTS}]$`, 'u');
/** Whether a string holds a letter of those scripts. */
export const HAS_UNSPACED_LETTER = new RegExp(`(?=[\\p{L}\\p{M}])[${UNSPACED_SCRIPTS}]`, 'u');
/** The class of each UTF-16 unit (BMP code points; surrogates are read in pairs), found once; 255 = not yet. */
const BMP_CLASS = new Uint8Array(0x10000).fill(255);
const ASTRAL_CLASS = new Map<number, number>();
const classOfChar = (ch: string) => (LETTER_OR_MARK.test(ch) ? (UNSPACED_LETTER.test(ch) ? UNSPACED : LETTER) : NUMERIC.test(ch) ? NUMBER : NONE);

/** The word class of the code point at text[i] (a surrogate pair read as one), and its length in UTF-16 units. */
function charAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? NUMBER : NONE;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let k = ASTRAL_CLASS.get(cp);
      if (k === undefined) ASTRAL_CLASS.set(cp, (k = classOfChar(String.fromCodePoint(cp))));
      return k | 4; // 4: two units long
    }
  }
  let k = BMP_CLASS[c]!;
  if (k === 255) BMP_CLASS[c] = k = classOfChar(String.fromCharCode(c));
  return k;
}

const isApostrophe = (c: number) => c === 39 || c === 0x2019;

let wordSegmenter: Intl.Segmenter | null = null;

/** The end of the run of unspaced-script letters starting at text[i] (i itself when text[i] is not one). */
export function unspacedRunEnd(text: string, i: number, end: number): number {
  let k = charAt(text, i, end);
  while (i < end && (k & 3) === UNSPACED) { i += k & 4 ? 2 : 1; if (i < end) k = charAt(text, i, end); }
  return i;
}

/** Calls fn with the UTF-16 range of each word ICU finds in text[start, end) (a run of unspaced-script letters). */
export function dictionaryWords(text: string, start: number, end: number, fn: (from: number, to: number) => void): void {
  wordSegmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  for (const s of wordSegmenter.segment(text.slice(start, end))) {
    if (s.isWordLike) fn(start + s.index, start + s.index + s.segment.length);
  }
}

/**
 * Calls fn with the UTF-16 range of every word of `text[start, end)`, in order
 * (see WORD): a loop over character codes, without a regular expression or a
 * string per word, except for runs of unspaced scripts, which ICU cuts.
 */
export function forEachWord(text: string, start: number, end: number, fn: (from: number, to: number) => void): void {
  let i = start;
  while (i < end) {
    let k = charAt(text, i, end);
    const cls = k & 3;
    if (cls === NONE) { i += k & 4 ? 2 : 1; continue; }
    const from = i;
    if (cls === UNSPACED) {
      i = unspacedRunEnd(text, i, end);
      dictionaryWords(text, from, i, fn);
      continue;
    }
    // letters, marks and digits
    while (i < end && ((k & 3) === LETTER || (k & 3) === NUMBER)) { i += k & 4 ? 2 : 1; if (i < end) k = charAt(text, i, end); }
    // then any number of: an apostrophe followed by letters or marks
    while (i + 1 < end && isApostrophe(text.charCodeAt(i)) && (charAt(text, i + 1, end) & 3) === LETTER) {
      i++;
      while (i < end && ((k = charAt(text, i, end)) & 3) === LETTER) i += k & 4 ? 2 : 1;
    }
    fn(from, i);
  }
}

export interface WordSpan {
  term: string;
  /** UTF-16 range of the word in the text it was read from. */
  start: number;
  end: number;
}

/** The words of `text[start, end)`, with their UTF-16 ranges in `text`. */
export function words(text: string, start = 0, end = text.length): WordSpan[] {
  const out: WordSpan[] = [];
  forEachWord(text, start, end, (from, to) => { out.push({ term: term(text.slice(from, to)), start: from, end: to }); });
  return out;
}

export const isNumberTerm = (t: string): boolean => DIGIT.test(t);
