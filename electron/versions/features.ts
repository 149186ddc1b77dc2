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

/** Keyed as signed 32-bit integers (`h | 0`), which V8 keeps unboxed (as unsigned, half would be heap numbers). */
const STOP_HASHES = new Set(STOPWORDS.map((w) => wordHash(w) | 0));

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

/**
 * Calls fn with the hash of every shingle of the text, in order, and whether
 * it is made only of stopwords.
 */
function forEachShingle(text: string, fn: (hash: number, allStop: boolean) => void): void {
  // the last SHINGLE words' hashes (as signed: XOR reads them so), and whether each is a stopword
  const window = new Int32Array(SHINGLE);
  const stop = new Uint8Array(SHINGLE).fill(1);
  let words = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const endWord = () => {
    const at0 = words % SHINGLE;
    window[at0] = h;
    stop[at0] = STOP_HASHES.has(h | 0) ? 1 : 0;
    words++;
    if (words < SHINGLE) return;
    let combined = 0;
    let allStop = true;
    for (let k = SHINGLE; k >= 1; k--) {
      const at = (words - k) % SHINGLE;
      combined = Math.imul(combined ^ window[at]!, FNV_PRIME) + k;
      allStop &&= stop[at] === 1;
    }
    fn(mix(combined), allStop);
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // ASCII without making a string of the character; beyond it, a letter or digit by its Unicode class
    // (a surrogate pair is one character: letters beyond the BMP), case-folded by its first unit
    let lower: number;
    let second = -1;
    if (c < 128) {
      if (c >= 97 && c <= 122) lower = c;
      else if (c >= 65 && c <= 90) lower = c + 32;
      else if (c >= 48 && c <= 57) lower = c;
      else lower = -1;
    } else {
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
      const ch = pair ? text.slice(i, i + 2) : text[i]!;
      if (LETTER_OR_DIGIT.test(ch)) {
        lower = ch.toLowerCase().charCodeAt(0);
        if (pair) second = ch.charCodeAt(1);
      } else lower = -1;
    }
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
}

export interface Signature {
  /** Sampled shingle hashes, ascending, at most MAX_FEATURES. */
  hashes: number[];
  /** The word position of each hash's first occurrence. */
  positions: number[];
}

/** The signature of a text. */
export function shingleSignature(text: string): Signature {
  /** Sampled hash (as signed, see STOP_HASHES) -> word position of its first occurrence. */
  const first = new Map<number, number>();
  let position = 0;
  forEachShingle(text, (x, allStop) => {
    if (!allStop && (x & (SAMPLE - 1)) === 0 && !first.has(x | 0)) first.set(x | 0, position);
    position++;
  });
  const sorted = Float64Array.from(first.keys(), (k) => k >>> 0).sort();
  const hashes = Array.from(sorted.length > MAX_FEATURES ? sorted.subarray(0, MAX_FEATURES) : sorted);
  return { hashes, positions: hashes.map((h) => first.get(h | 0)!) };
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
