// The units an alignment works on: the sentences of both texts, each as a
// sorted bag of term ids, with term weights (inverse sentence frequency over
// both texts, numbers up, stopwords down) shared by the pair.
import { paragraphsUtf16, sentencesUtf16 } from '../segment.ts';
import { STOPWORDS, WORD, isNumberTerm, term } from './words.ts';

export interface Unit {
  /** UTF-16 range of the sentence in its text. */
  start: number;
  end: number;
  paragraph: number;
  /** Term ids, sorted ascending (a bag: repeats kept). */
  terms: Int32Array;
  /** Sum of the weights of `terms`. */
  weight: number;
  /** The sentence's term ids joined, in order: equal keys are the same wording. */
  key: string;
}

export interface UnitSet {
  text: string;
  units: Unit[];
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

const STOPWORD_WEIGHT = 0.15;
const NUMBER_BOOST = 1.5;

/** `ids` maps each word as written to its term id (a memo: most words recur). */
function readUnits(text: string, ids: Map<string, number>, termIds: Map<string, number>, terms: string[]): { units: Unit[]; df: Map<number, number> } {
  const units: Unit[] = [];
  const df = new Map<number, number>();
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id !== undefined) return id;
    const t = term(word);
    id = termIds.get(t);
    if (id === undefined) { id = terms.length; termIds.set(t, id); terms.push(t); }
    ids.set(word, id);
    return id;
  };
  for (const s of sentencesUtf16(text, paragraphsUtf16(text))) {
    const found: number[] = [];
    for (const m of text.slice(s.start, s.end).matchAll(WORD)) found.push(idOf(m[0]));
    const key = found.join(' ');
    const arr = Int32Array.from(found).sort();
    for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) df.set(arr[i]!, (df.get(arr[i]!) ?? 0) + 1);
    units.push({ start: s.start, end: s.end, paragraph: s.paragraph, terms: arr, weight: 0, key });
  }
  return { units, df };
}

/** Reads both texts into units with one shared vocabulary. */
export function readPair(a: string, b: string): { A: UnitSet; B: UnitSet; vocab: Vocabulary } {
  const ids = new Map<string, number>();
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const ra = readUnits(a, ids, termIds, terms);
  const rb = readUnits(b, ids, termIds, terms);
  const n = terms.length;
  const dfA = new Int32Array(n);
  const dfB = new Int32Array(n);
  for (const [id, c] of ra.df) dfA[id] = c;
  for (const [id, c] of rb.df) dfB[id] = c;
  const total = ra.units.length + rb.units.length;
  const weight = new Float64Array(n);
  const content = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    let w = Math.log(1 + total / (dfA[id]! + dfB[id]!));
    const t = terms[id]!;
    if (STOPWORDS.has(t) || t.length === 1) w *= STOPWORD_WEIGHT;
    else {
      content[id] = 1;
      if (isNumberTerm(t)) w *= NUMBER_BOOST;
    }
    weight[id] = w;
  }
  for (const u of [...ra.units, ...rb.units]) {
    let s = 0;
    for (const id of u.terms) s += weight[id]!;
    u.weight = s;
  }
  return { A: { text: a, units: ra.units }, B: { text: b, units: rb.units }, vocab: { weight, dfA, dfB, content, terms } };
}
