// The units an alignment works on: the sentences of both texts, each as a
// sorted bag of term ids, with term weights (inverse sentence frequency over
// both texts, numbers up, stopwords down) shared by the pair.
//
// Reading a text (sentences, words, terms: most of the cost) does not depend
// on the other text, so it is done once per text (readText) and may be reused
// for every pair the text is in (detection aligns a new source with several
// candidates); a pair only numbers the two texts' terms together.
import { OffsetMap } from '../offsets.ts';
import { paragraphsUtf16, sentencesUtf16 } from '../segment.ts';
import { STOPWORDS, forEachWord, isNumberTerm, term } from './words.ts';

export interface Unit {
  /** UTF-16 range of the sentence in its text. */
  start: number;
  end: number;
  paragraph: number;
  /** Term ids, sorted ascending (a bag: repeats kept). */
  terms: Int32Array;
  /** Sum of the weights of `terms`. */
  weight: number;
  /** The sentence's term ids in order: equal ones are the same wording. */
  order: Int32Array;
  /** A hash of `order` (53 bits): different hashes, different wordings (equal ones are checked, anchors.ts). */
  key: number;
  /** Whether the unit is in its text's headline (`headlineUnits`). */
  headline: boolean;
}

export interface UnitSet {
  text: string;
  units: Unit[];
  /** Code points of `text` (read once with the text, not once per pair). */
  offsets: OffsetMap;
}

export interface Vocabulary {
  /** Weight of each term id. */
  weight: Float64Array;
  /** In how many units of A and of B each term id occurs. */
  dfA: Int32Array;
  dfB: Int32Array;
  /** 1 for a content term, 0 for a stopword: as weights, overlap() counts shared content terms. */
  content: Float64Array;
  /** The term of each id. */
  terms: string[];
}

/** One text read on its own: its sentences, each as the text's own term numbers in order. */
export interface TextTerms {
  text: string;
  sentences: { start: number; end: number; paragraph: number; terms: Int32Array }[];
  /** The distinct terms, numbered in order of first occurrence. */
  terms: string[];
  /** The number of each term (terms read backwards). */
  ids: ReadonlyMap<string, number>;
  /** The class of each term (STOP, NUMBER or CONTENT), which scales its weight in any pair. */
  classes: Uint8Array;
  offsets: OffsetMap;
  /** How many of the first sentences are the text's headline (headlineUnits); 0: it has none. */
  headline: number;
}

/** Words in a headline: more and the first line is a paragraph. */
export const MAX_HEADLINE_WORDS = 20;

/**
 * A text's headline, as the import reads a title: its first paragraph when that is a single line of at
 * most MAX_HEADLINE_WORDS words and another paragraph follows. The number of its sentences (0: none).
 */
function headlineUnits(text: string, sentences: TextTerms['sentences']): number {
  let n = 0;
  let words = 0;
  while (n < sentences.length && sentences[n]!.paragraph === 0) words += sentences[n++]!.terms.length;
  if (n === 0 || n === sentences.length || words > MAX_HEADLINE_WORDS) return 0;
  return text.slice(sentences[0]!.start, sentences[n - 1]!.end).includes('\n') ? 0 : n;
}

const STOPWORD_WEIGHT = 0.15;
const NUMBER_BOOST = 1.5;

/** How a term's weight is scaled (TextTerms.classes): a stopword (or a single character) down, a number up. */
const CONTENT = 0;
const STOP = 1;
const NUMBER = 2;

const classOf = (t: string): number => (STOPWORDS.has(t) || t.length === 1 ? STOP : isNumberTerm(t) ? NUMBER : CONTENT);

/** Reads a text's sentences and terms (independent of any other text). */
export function readText(text: string): TextTerms {
  const ids = new Map<string, number>(); // each word as written -> its term's number (a memo: most words recur)
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id !== undefined) return id;
    const t = term(word);
    id = termIds.get(t);
    if (id === undefined) { id = terms.length; termIds.set(t, id); terms.push(t); }
    ids.set(word, id);
    return id;
  };
  const sentences: TextTerms['sentences'] = [];
  const found: number[] = [];
  const add = (from: number, to: number) => { found.push(idOf(text.slice(from, to))); };
  for (const s of sentencesUtf16(text, paragraphsUtf16(text))) {
    found.length = 0;
    forEachWord(text, s.start, s.end, add);
    sentences.push({ start: s.start, end: s.end, paragraph: s.paragraph, terms: new Int32Array(found) });
  }
  const classes = new Uint8Array(terms.length);
  for (let k = 0; k < terms.length; k++) classes[k] = classOf(terms[k]!);
  return { text, sentences, terms, ids: termIds, classes, offsets: new OffsetMap(text), headline: headlineUnits(text, sentences) };
}

/** One side's units, its term numbers mapped to the pair's (`toPair`), and each term's sentence count. */
function unitsOf(t: TextTerms, toPair: Int32Array, df: Int32Array): Unit[] {
  return t.sentences.map((s, u) => {
    const n = s.terms.length;
    const order = new Int32Array(n);
    let h1 = 0x811c9dc5;
    let h2 = n;
    for (let k = 0; k < n; k++) {
      const id = toPair[s.terms[k]!]!;
      order[k] = id;
      h1 = Math.imul(h1 ^ id, 0x01000193);
      h2 = Math.imul(h2 ^ id, 0x5bd1e995) + k;
    }
    const arr = order.slice().sort();
    for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) df[arr[i]!]!++;
    return { start: s.start, end: s.end, paragraph: s.paragraph, terms: arr, weight: 0, order, key: (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff), headline: u < t.headline };
  });
}

/**
 * Reads both texts into units with one shared vocabulary (terms numbered in
 * order of first occurrence, A before B). Texts already read may be passed.
 */
export function readPair(a: string | TextTerms, b: string | TextTerms): { A: UnitSet; B: UnitSet; vocab: Vocabulary } {
  const ta = typeof a === 'string' ? readText(a) : a;
  const tb = typeof b === 'string' ? readText(b) : b;
  // A's terms keep their numbers; B's new terms follow
  const terms = ta.terms.slice();
  const toPairA = new Int32Array(ta.terms.length);
  for (let i = 0; i < toPairA.length; i++) toPairA[i] = i;
  const classes: number[] = [];
  for (let i = 0; i < ta.classes.length; i++) classes.push(ta.classes[i]!);
  const toPairB = new Int32Array(tb.terms.length);
  for (let k = 0; k < toPairB.length; k++) {
    const t = tb.terms[k]!;
    let id = ta.ids.get(t);
    if (id === undefined) { id = terms.length; terms.push(t); classes.push(tb.classes[k]!); }
    toPairB[k] = id;
  }
  const n = terms.length;
  const dfA = new Int32Array(n);
  const dfB = new Int32Array(n);
  const unitsA = unitsOf(ta, toPairA, dfA);
  const unitsB = unitsOf(tb, toPairB, dfB);
  const total = unitsA.length + unitsB.length;
  const weight = new Float64Array(n);
  const content = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    let w = Math.log(1 + total / (dfA[id]! + dfB[id]!));
    const c = classes[id]!;
    if (c === STOP) w *= STOPWORD_WEIGHT;
    else {
      content[id] = 1;
      if (c === NUMBER) w *= NUMBER_BOOST;
    }
    weight[id] = w;
  }
  for (const units of [unitsA, unitsB]) {
    for (const u of units) {
      let s = 0;
      const t = u.terms;
      for (let k = 0; k < t.length; k++) s += weight[t[k]!]!;
      u.weight = s;
    }
  }
  return { A: { text: ta.text, units: unitsA, offsets: ta.offsets }, B: { text: tb.text, units: unitsB, offsets: tb.offsets }, vocab: { weight, dfA, dfB, content, terms } };
}
