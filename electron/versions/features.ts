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
// Words are case-folded runs of letters and digits; shingles made only of
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function wordHash(w: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const STOP_HASHES = new Set(STOPWORDS.map(wordHash));

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
const isWordChar = (c: number, ch: string): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c > 127 && LETTER_OR_DIGIT.test(ch));

/**
 * Calls fn with the hash of every shingle of the text, in order, and whether
 * it is made only of stopwords.
 */
function forEachShingle(text: string, fn: (hash: number, allStop: boolean) => void): void {
  // the last SHINGLE words' hashes, and whether each is a stopword
  const window = new Array<number>(SHINGLE).fill(0);
  const stop = new Array<boolean>(SHINGLE).fill(true);
  let words = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const endWord = () => {
    const w = h >>> 0;
    window[words % SHINGLE] = w;
    stop[words % SHINGLE] = STOP_HASHES.has(w);
    words++;
    if (words < SHINGLE) return;
    let combined = 0;
    let allStop = true;
    for (let k = SHINGLE; k >= 1; k--) {
      const at = (words - k) % SHINGLE;
      combined = Math.imul(combined ^ window[at]!, FNV_PRIME) + k;
      allStop &&= stop[at]!;
    }
    fn(mix(combined), allStop);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ch = text[i]!;
    // a surrogate pair is one character (letters beyond the BMP)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) ch = text.slice(i, i + 2);
    if (isWordChar(c, ch)) {
      if (!inWord) { h = FNV_OFFSET; inWord = true; }
      const lower = c >= 65 && c <= 90 ? c + 32 : c > 127 ? ch.toLowerCase().charCodeAt(0) : c;
      h = Math.imul(h ^ lower, FNV_PRIME);
      if (ch.length === 2) { h = Math.imul(h ^ ch.charCodeAt(1), FNV_PRIME); i++; }
    } else if (inWord) {
      inWord = false;
      endWord();
    }
  }
  if (inWord) endWord();
}

export interface Signature {
  /** Sampled shingle hashes, ascending, at most MAX_FEATURES. */
  hashes: number[];
  /** The word position of each hash's first occurrence. */
  positions: number[];
}

/** The signature of a text. */
export function shingleSignature(text: string): Signature {
  const first = new Map<number, number>();
  let position = 0;
  forEachShingle(text, (x, allStop) => {
    if (!allStop && (x & (SAMPLE - 1)) === 0 && !first.has(x)) first.set(x, position);
    position++;
  });
  let hashes = [...first.keys()].sort((a, b) => a - b);
  if (hashes.length > MAX_FEATURES) hashes = hashes.slice(0, MAX_FEATURES);
  return { hashes, positions: hashes.map((h) => first.get(h)!) };
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
