// Words of a sentence as comparable terms: case-folded, diacritics removed,
// possessives dropped and lightly stemmed, so "Kremlin’s" ~ "Kremlin" and
// "planned" ~ "planning". Language-light on purpose: the only English-specific
// parts are a short suffix list and a stopword list, which only lower weights.

/** A word: letters, marks and digits, with inner apostrophes ("Kremlin’s", "don't"). */
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

/** The comparable form of one word. */
export function term(word: string): string {
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

export interface WordSpan {
  term: string;
  /** UTF-16 range of the word in the text it was read from. */
  start: number;
  end: number;
}

/** The words of `text[start, end)`, with their UTF-16 ranges in `text`. */
export function words(text: string, start = 0, end = text.length): WordSpan[] {
  const out: WordSpan[] = [];
  const body = text.slice(start, end);
  for (const m of body.matchAll(WORD)) {
    out.push({ term: term(m[0]), start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

export const isNumberTerm = (t: string): boolean => DIGIT.test(t);
