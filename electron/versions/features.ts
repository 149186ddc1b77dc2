// The candidate index's view of a text (its signature): a bounded, consistent
// sample of its word shingles (runs of SHINGLE consecutive words), as 32-bit
// hashes, each with the word position where it first occurs. Two texts
// sharing a passage share its shingles, and the same shingles are sampled in
// both (a shingle is kept when its hash is 0 modulo SAMPLE), so a shared
// passage of a couple of sentences leaves a few hashes in common whatever
// else either text holds; and they stand at the same distance from each
// other in both texts (sharedSpan). A text with more than MAX_FEATURES sampled
// shingles keeps the smallest hashes (a bottom-k sample, consistent too): a
// 5 MB source costs what a long article does.
//
// Words are case-folded runs of letters and digits (in scripts written without
// spaces, Chinese, Japanese, Thai…, the words ICU's dictionaries find, as the
// aligner reads them: common/align/words.ts); shingles made only of
// stopwords are skipped (they recur in unrelated texts). No stemming: the
// index only proposes pairs; alignment decides.

/** Words per shingle. */
export const SHINGLE = 3;
/** One shingle in SAMPLE is kept (a power of two). */
export const SAMPLE = 8;
/** The most hashes kept for one text. */
export const MAX_FEATURES = 2000;

const STOPWORDS = (
  'a an and are as at be been but by for from had has have he her his i in into is it its of on or our she so that the their them '
  + 'there they this to was we were which who will with would not no than then also after before over about more most such can could '
  + 'may might must should do does did being these those what when where while you your all any some other out up down off said says '
  + 'say told us him my me one two'
).split(' ');

import { dictionaryWords, unspacedRunEnd } from '../../common/align/words.ts';

/** No script written without spaces has letters below U+0E00 (Thai): below it a character needs no check. */
const FIRST_UNSPACED = 0x0e00;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function wordHash(w: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The stopwords' hashes, in a small open-addressing table (a word's hash is looked up once per word). */
const STOP_TABLE = (() => {
  const table = new Int32Array(512);
  const used = new Uint8Array(512);
  for (const w of STOPWORDS) {
    const h = wordHash(w) | 0;
    let s = h & 511;
    while (used[s] && table[s] !== h) s = (s + 1) & 511;
    table[s] = h;
    used[s] = 1;
  }
  return { table, used };
})();

function isStopHash(h: number): boolean {
  const { table, used } = STOP_TABLE;
  for (let s = h & 511; used[s]; s = (s + 1) & 511) if (table[s] === h) return true;
  return false;
}

/** murmur3's finaliser: spreads the bits of a combined hash. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Per BMP code unit beyond ASCII: its case-folded first unit if a letter or digit, -1 if not, -2 not known yet. */
const BMP_LOWER = new Int32Array(0x10000).fill(-2);

function lowerOfBmp(c: number): number {
  let l = BMP_LOWER[c]!;
  if (l === -2) {
    const ch = String.fromCharCode(c);
    BMP_LOWER[c] = l = LETTER_OR_DIGIT.test(ch) ? ch.toLowerCase().charCodeAt(0) : -1;
  }
  return l;
}

export interface Signature {
  /** Sampled shingle hashes, ascending, at most MAX_FEATURES. */
  hashes: number[];
  /** The word position of each hash's first occurrence. */
  positions: number[];
}

/**
 * The signature of a text. One pass over its character codes: words are
 * hashed as they are read (FNV-1a of their case-folded units), each shingle's
 * hash combined from its SHINGLE words' hashes, oldest first.
 */
export function shingleSignature(text: string): Signature {
  /** Sampled hash (as signed, which V8 keeps unboxed) -> word position of its first occurrence. */
  const first = new Map<number, number>();
  // the last three words' hashes (w0 oldest) and whether each is a stopword (SHINGLE = 3)
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let s0 = true;
  let s1 = true;
  let s2 = true;
  let words = 0;
  let position = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const endWord = () => {
    w0 = w1; w1 = w2; w2 = h;
    s0 = s1; s1 = s2; s2 = isStopHash(h | 0);
    words++;
    if (words < SHINGLE) return;
    let combined = Math.imul(0 ^ w0, FNV_PRIME) + 3;
    combined = Math.imul(combined ^ w1, FNV_PRIME) + 2;
    combined = Math.imul(combined ^ w2, FNV_PRIME) + 1;
    const x = mix(combined);
    if (!(s0 && s1 && s2) && (x & (SAMPLE - 1)) === 0 && !first.has(x | 0)) first.set(x | 0, position);
    position++;
  };
  const n = text.length;
  const dictionaryWord = (from: number, to: number) => {
    h = FNV_OFFSET;
    for (let j = from; j < to; j++) h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
    endWord();
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= FIRST_UNSPACED) {
      const runEnd = unspacedRunEnd(text, i, n);
      if (runEnd > i) {
        if (inWord) { inWord = false; endWord(); }
        dictionaryWords(text, i, runEnd, dictionaryWord);
        i = runEnd - 1;
        continue;
      }
    }
    // ASCII without making a string of the character; beyond it, a letter or digit by its Unicode class
    // (a surrogate pair is one character: letters beyond the BMP), case-folded by its first unit
    let lower: number;
    let second = -1;
    if (c < 128) {
      if (c >= 97 && c <= 122) lower = c;
      else if (c >= 65 && c <= 90) lower = c + 32;
      else if (c >= 48 && c <= 57) lower = c;
      else lower = -1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const ch = text.slice(i, i + 2);
      if (LETTER_OR_DIGIT.test(ch)) {
        lower = ch.toLowerCase().charCodeAt(0);
        second = ch.charCodeAt(1);
      } else lower = -1;
    } else lower = lowerOfBmp(c);
    if (lower >= 0) {
      if (!inWord) { h = FNV_OFFSET; inWord = true; }
      h = Math.imul(h ^ lower, FNV_PRIME);
      if (second >= 0) { h = Math.imul(h ^ second, FNV_PRIME); i++; }
    } else if (inWord) {
      inWord = false;
      endWord();
    }
  }
  if (inWord) endWord();
  const sorted = Float64Array.from(first.keys(), (k) => k >>> 0).sort();
  const hashes = Array.from(sorted.length > MAX_FEATURES ? sorted.subarray(0, MAX_FEATURES) : sorted);
  return { hashes, positions: hashes.map((x) => first.get(x | 0)!) };
}

/** Two shared shingles at the same offset belong to one passage when at most this many words apart. */
const SPAN_GAP = 40;

/**
 * The longest stretch (in words) over which the two texts share sampled
 * shingles at one and the same offset: shingles that stand as far apart in
 * both texts mark a passage they share (10 words shared word for word give a
 * span of about 8). Unrelated texts sharing stock phrases score 0.
 */
export function sharedSpan(x: Signature, y: Signature): number {
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < x.hashes.length && j < y.hashes.length;) {
    const a = x.hashes[i]!;
    const b = y.hashes[j]!;
    if (a === b) { pairs.push([x.positions[i]!, y.positions[j]!]); i++; j++; } else if (a < b) i++; else j++;
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let best = 0;
  let start = 0;
  for (let k = 1; k < pairs.length; k++) {
    const [pa, pb] = pairs[k]!;
    const [qa, qb] = pairs[k - 1]!;
    if (pb - pa === qb - qa && pa - qa <= SPAN_GAP) best = Math.max(best, pa - pairs[start]![0]);
    else start = k;
  }
  return best;
}
