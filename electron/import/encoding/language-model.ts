// Character bigram statistics of one language, and how likely a decoded text
// is under them. Every ASCII-compatible encoding reads ASCII bytes alike, so
// what tells decodings apart are the transitions that involve a non-ASCII
// character: each is scored as log P(c | previous) with Witten-Bell smoothing
// down to a class model (char-class.ts): P(class | previous class) ×
// P(c | its class), and for characters never seen a uniform share of the BMP.
// Transitions between two ASCII characters are scored at class level only
// and at a reduced weight (does the language write Latin words here?), so an
// Italian text misread as Cyrillic loses to the Italian reading even when its
// few accents happen to make Russian-looking words. Characters that no real text contains (C0/C1
// controls, unassigned code points, private use, U+FFFD) cost the same fixed
// amount under every language.

import { CLASS_COUNT, charClass } from './char-class.ts';

export interface LanguageModelData {
  code: string;
  /** Kept characters, concatenated. */
  chars: string;
  counts: number[];
  /** For each kept character: how many distinct characters followed it in training. */
  followers: number[];
  /** Kept bigrams (each involves a non-ASCII character), concatenated. */
  pairs: string;
  pairCounts: number[];
  /** Class transition counts, CLASS_COUNT × CLASS_COUNT, row = previous class. */
  classPairs: number[];
  /** Characters seen per class, and distinct characters seen per class. */
  classChars: number[];
  classTypes: number[];
}

/** Character frequencies pooled over every language (equal weight each): what an unseen character's chance rests on. */
export interface BackgroundData {
  chars: string;
  counts: number[];
}

/** Natural-log cost of one character that real text never contains. */
export const IMPOSSIBLE = -40;
/** An invalid byte sequence (U+FFFD) costs more: a multi-byte decoding that has one is almost surely the wrong one. */
export const INVALID = -200;
const UNSEEN_SHARE = 1 / 65536;
const CLASS_PRIOR = 0.1;
/**
 * ASCII-to-ASCII class transitions weigh a fifth: enough to tell an Italian
 * text from its Cyrillic misreading, too little for a page of markup or a
 * list of capitalised names to outvote the non-ASCII evidence.
 */
const ASCII_WEIGHT = 0.2;

/** Runs of ASCII whitespace count as one space, as in training (a no-break space stays itself). */
export function foldWhitespace(text: string): string {
  return text.replace(/[\t\n\v\f\r ]+/g, ' ');
}

const NOT_TEXT = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\uFFFD]/u;
const isAscii = (cp: number) => cp < 0x80;
const key = (prev: number, cp: number) => prev * 0x110000 + cp;

export class LanguageModel {
  readonly code: string;
  private readonly uni = new Map<number, number>();
  private readonly follow = new Map<number, [count: number, followers: number]>();
  private readonly bi = new Map<number, number>();
  /** log P(class | previous class), and P itself */
  readonly classLog: Float64Array;
  private readonly classProb: Float64Array;
  /** Numerator share and denominator of P(c | class) for unseen c, per class. */
  private readonly classUnseen: Float64Array;
  private readonly classDenominator: Float64Array;

  private readonly background: Background;

  constructor(data: LanguageModelData, background: Background) {
    this.code = data.code;
    this.background = background;
    const chars = Array.from(data.chars, (c) => c.codePointAt(0)!);
    chars.forEach((cp, i) => {
      this.uni.set(cp, data.counts[i]!);
      this.follow.set(cp, [data.counts[i]!, Math.max(1, data.followers[i]!)]);
    });
    const pairs = Array.from(data.pairs, (c) => c.codePointAt(0)!);
    for (let i = 0; i < data.pairCounts.length; i++) this.bi.set(key(pairs[2 * i]!, pairs[2 * i + 1]!), data.pairCounts[i]!);
    this.classLog = new Float64Array(CLASS_COUNT * CLASS_COUNT);
    for (let a = 0; a < CLASS_COUNT; a++) {
      let row = 0;
      for (let b = 0; b < CLASS_COUNT; b++) row += data.classPairs[a * CLASS_COUNT + b]!;
      for (let b = 0; b < CLASS_COUNT; b++) {
        this.classLog[a * CLASS_COUNT + b] = Math.log((data.classPairs[a * CLASS_COUNT + b]! + CLASS_PRIOR) / (row + CLASS_PRIOR * CLASS_COUNT));
      }
    }
    this.classProb = this.classLog.map(Math.exp);
    this.classUnseen = Float64Array.from(data.classTypes, (t) => Math.max(1, t));
    this.classDenominator = Float64Array.from(data.classChars, (n, k) => n + Math.max(1, data.classTypes[k]!));
  }

  /** log P(cp | prev), or IMPOSSIBLE for a character that is never text. */
  logProb(prev: number, cp: number, impossible: boolean): number {
    if (impossible) return cp === 0xfffd ? INVALID : IMPOSSIBLE;
    const k = charClass(cp);
    const backoff = this.classProb[charClass(prev) * CLASS_COUNT + k]!
      * ((this.uni.get(cp) ?? 0) + this.classUnseen[k]! * this.background.share(cp, k)) / this.classDenominator[k]!;
    const ctx = this.follow.get(prev);
    if (!ctx) return Math.log(backoff);
    const [count, followers] = ctx;
    return Math.log(((this.bi.get(key(prev, cp)) ?? 0) + followers * backoff) / (count + followers));
  }
}

/** P(c | its class) pooled over all languages, smoothed with a uniform share of the BMP. */
export class Background {
  private readonly counts = new Map<number, number>();
  private readonly classTotal = new Float64Array(CLASS_COUNT);
  private readonly classTypes = new Float64Array(CLASS_COUNT);

  constructor(data: BackgroundData) {
    Array.from(data.chars, (c) => c.codePointAt(0)!).forEach((cp, i) => {
      const n = data.counts[i]!;
      this.counts.set(cp, n);
      this.classTotal[charClass(cp)]! += n;
      this.classTypes[charClass(cp)]!++;
    });
  }

  share(cp: number, k: number): number {
    const types = Math.max(1, this.classTypes[k]!);
    return ((this.counts.get(cp) ?? 0) + types * UNSEEN_SHARE) / (this.classTotal[k]! + types);
  }
}

/** Pool languages' character counts (of all their training text), each language scaled to the same weight. */
export function trainBackground(trainingTexts: Iterable<Iterable<string>>, perLanguage = 100_000): BackgroundData {
  const pooled = new Map<string, number>();
  for (const texts of trainingTexts) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const text of texts) {
      for (const ch of foldWhitespace(text)) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        total++;
      }
    }
    for (const [ch, n] of counts) pooled.set(ch, (pooled.get(ch) ?? 0) + (n * perLanguage) / total);
  }
  const kept = [...pooled].filter(([, n]) => n >= 0.05).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { chars: kept.map(([c]) => c).join(''), counts: kept.map(([, n]) => Math.round(n * 100) / 100) };
}

/** A text prepared once for scoring under many models: its distinct distinguishing transitions, counted. */
export interface Transitions {
  /** Distinct transitions that involve a non-ASCII (or impossible) character. */
  prev: Int32Array;
  cur: Int32Array;
  count: Float64Array;
  impossible: Uint8Array;
  /** Class transition counts of the ASCII-to-ASCII transitions. */
  asciiClassPairs: Float64Array;
  /** How many characters are impossible in text. */
  impossibleCount: number;
}

const notTextCache = new Int8Array(0x10000).fill(-1);
function notText(cp: number): boolean {
  if (cp > 0xffff) return NOT_TEXT.test(String.fromCodePoint(cp));
  let v = notTextCache[cp]!;
  if (v === -1) notTextCache[cp] = v = NOT_TEXT.test(String.fromCharCode(cp)) ? 1 : 0;
  return v === 1;
}

export function transitions(text: string): Transitions {
  const index = new Map<number, number>();
  const prev: number[] = [];
  const cur: number[] = [];
  const count: number[] = [];
  const impossible: number[] = [];
  const asciiClassPairs = new Float64Array(CLASS_COUNT * CLASS_COUNT);
  let impossibleCount = 0;
  let p = 0x20;
  const folded = foldWhitespace(text);
  for (let i = 0; i < folded.length; i++) {
    const cp = folded.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const bad = (cp < 0x20 || cp >= 0x7f) && notText(cp);
    if (bad) impossibleCount++;
    if (!isAscii(cp) || !isAscii(p) || bad) {
      const k = key(p, cp);
      const at = index.get(k);
      if (at === undefined) {
        index.set(k, prev.length);
        prev.push(p);
        cur.push(cp);
        count.push(1);
        impossible.push(bad ? 1 : 0);
      } else {
        count[at]!++;
      }
    } else {
      asciiClassPairs[charClass(p) * CLASS_COUNT + charClass(cp)]!++;
    }
    p = cp;
  }
  return {
    prev: Int32Array.from(prev), cur: Int32Array.from(cur), count: Float64Array.from(count), impossible: Uint8Array.from(impossible),
    asciiClassPairs, impossibleCount,
  };
}

/** Log-likelihood of a text's distinguishing transitions under a model. */
export function score(model: LanguageModel, t: Transitions): number {
  let sum = 0;
  for (let i = 0; i < t.cur.length; i++) sum += t.count[i]! * model.logProb(t.prev[i]!, t.cur[i]!, t.impossible[i] === 1);
  for (let i = 0; i < t.asciiClassPairs.length; i++) if (t.asciiClassPairs[i]) sum += ASCII_WEIGHT * t.asciiClassPairs[i]! * model.classLog[i]!;
  return sum;
}

/** Count a language's training text into model data (the corpus generator's half). */
export function trainModel(code: string, texts: Iterable<string>, limits = { chars: 5000, pairs: 6000 }): LanguageModelData {
  const uni = new Map<number, number>();
  const bi = new Map<number, number>();
  const followers = new Map<number, Set<number>>();
  const classPairs = new Array<number>(CLASS_COUNT * CLASS_COUNT).fill(0);
  for (const raw of texts) {
    let p = 0x20;
    for (const ch of foldWhitespace(raw)) {
      const cp = ch.codePointAt(0)!;
      uni.set(cp, (uni.get(cp) ?? 0) + 1);
      let f = followers.get(p);
      if (!f) followers.set(p, (f = new Set()));
      f.add(cp);
      if (!isAscii(cp) || !isAscii(p)) bi.set(key(p, cp), (bi.get(key(p, cp)) ?? 0) + 1);
      classPairs[charClass(p) * CLASS_COUNT + charClass(cp)]!++;
      p = cp;
    }
  }
  const classChars = new Array<number>(CLASS_COUNT).fill(0);
  const classTypes = new Array<number>(CLASS_COUNT).fill(0);
  for (const [cp, n] of uni) {
    classChars[charClass(cp)]! += n;
    classTypes[charClass(cp)]!++;
  }
  const kept = [...uni].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limits.chars);
  const keptSet = new Set(kept.map(([cp]) => cp));
  const pairs = [...bi]
    .filter(([k, n]) => n >= 2 && keptSet.has(Math.floor(k / 0x110000)) && keptSet.has(k % 0x110000))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limits.pairs);
  return {
    code,
    chars: kept.map(([cp]) => String.fromCodePoint(cp)).join(''),
    counts: kept.map(([, n]) => n),
    followers: kept.map(([cp]) => followers.get(cp)?.size ?? 0),
    pairs: pairs.map(([k]) => String.fromCodePoint(Math.floor(k / 0x110000), k % 0x110000)).join(''),
    pairCounts: pairs.map(([, n]) => n),
    classPairs,
    classChars,
    classTypes,
  };
}
