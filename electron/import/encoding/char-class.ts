// Coarse classes of characters (script × case, digits, punctuation,
// symbols, marks) for the language models' backoff: even a pair of
// characters never seen together is judged by whether its classes follow
// each other in the language (a capital inside a lower-case word, a Cyrillic
// letter inside a Latin word, a box-drawing symbol after a letter are rare).

export const CLASS_COUNT = 21;

const SPACE = 0, DIGIT = 1, ASCII_PUNCT = 2, LATIN_UPPER = 3, LATIN_LOWER = 4, CYRILLIC_UPPER = 5, CYRILLIC_LOWER = 6,
  GREEK_UPPER = 7, GREEK_LOWER = 8, HEBREW = 9, ARABIC = 10, THAI = 11, HAN = 12, KANA = 13, HANGUL = 14,
  OTHER_LETTER = 15, PUNCT = 16, SYMBOL = 17, MARK = 18, OTHER = 19, WIDE_SPACE = 20;

const cache = new Int8Array(0x10000).fill(-1);

export function charClass(cp: number): number {
  if (cp < 0x80) {
    if (cp === 0x20) return SPACE;
    if (cp >= 0x30 && cp <= 0x39) return DIGIT;
    if (cp >= 0x41 && cp <= 0x5a) return LATIN_UPPER;
    if (cp >= 0x61 && cp <= 0x7a) return LATIN_LOWER;
    return cp < 0x20 || cp === 0x7f ? OTHER : ASCII_PUNCT;
  }
  if (cp > 0xffff) return classify(cp);
  let k = cache[cp]!;
  if (k === -1) cache[cp] = k = classify(cp);
  return k;
}

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (/\p{M}/u.test(ch)) return MARK;
  if (/\p{N}/u.test(ch)) return DIGIT;
  // No-break and other non-ASCII spaces: where they stand (before a unit, inside a number) is telling.
  if (/\p{Z}|\s/u.test(ch)) return WIDE_SPACE;
  if (/\p{P}/u.test(ch)) return PUNCT;
  if (/\p{S}/u.test(ch)) return SYMBOL;
  if (!/\p{L}/u.test(ch)) return OTHER;
  const upper = /\p{Lu}|\p{Lt}/u.test(ch);
  if (/\p{Script=Latin}/u.test(ch)) return upper ? LATIN_UPPER : LATIN_LOWER;
  if (/\p{Script=Cyrillic}/u.test(ch)) return upper ? CYRILLIC_UPPER : CYRILLIC_LOWER;
  if (/\p{Script=Greek}/u.test(ch)) return upper ? GREEK_UPPER : GREEK_LOWER;
  if (/\p{Script=Hebrew}/u.test(ch)) return HEBREW;
  if (/\p{Script=Arabic}/u.test(ch)) return ARABIC;
  if (/\p{Script=Thai}/u.test(ch)) return THAI;
  if (/\p{Script=Han}/u.test(ch)) return HAN;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return KANA;
  if (/\p{Script=Hangul}/u.test(ch)) return HANGUL;
  return OTHER_LETTER;
}
