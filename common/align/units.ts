// The units an alignment works on: the sentences of both texts, each as a
// sorted bag of term ids, with term weights (inverse sentence frequency over
// both texts, numbers up, stopwords down) shared by the pair.
import { paragraphsUtf16, sentencesUtf16 } from '../segment.ts';
import { STOPWORDS, isNumberTerm, words } from './words.ts';

export interface Unit {
  /** UTF-16 range of the sentence in its text. */
  start: number;
  end: number;
  paragraph: number;
  /** Term ids, sorted ascending (a bag: repeats kept). */
  terms: Int32Array;
  /** Sum of the weights of `terms`. */
  weight: number;
  /** The sentence's terms joined: equal keys are the same wording. */
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

function readUnits(text: string, ids: Map<string, number>, terms: string[]): { units: Unit[]; df: Map<number, number> } {
  const units: Unit[] = [];
  const df = new Map<number, number>();
  for (const s of sentencesUtf16(text, paragraphsUtf16(text))) {
    const ws = words(text, s.start, s.end);
    const arr = new Int32Array(ws.length);
    ws.forEach((w, i) => {
      let id = ids.get(w.term);
      if (id === undefined) { id = terms.length; ids.set(w.term, id); terms.push(w.term); }
      arr[i] = id;
    });
    const key = ws.map((w) => w.term).join(' ');
    arr.sort();
    for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) df.set(arr[i]!, (df.get(arr[i]!) ?? 0) + 1);
    units.push({ start: s.start, end: s.end, paragraph: s.paragraph, terms: arr, weight: 0, key });
  }
  return { units, df };
}

/** Reads both texts into units with one shared vocabulary. */
export function readPair(a: string, b: string): { A: UnitSet; B: UnitSet; vocab: Vocabulary } {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const ra = readUnits(a, ids, terms);
  const rb = readUnits(b, ids, terms);
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
