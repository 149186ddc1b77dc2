// How alike two bags of terms are: weighted Dice (the share of their weight
// they have in common), and containment (the share of one found in the other).
import type { Vocabulary } from './units.ts';

/** A bag of term ids, sorted ascending, with its total weight. */
export interface Bag {
  terms: Int32Array;
  weight: number;
}

/** Weight of the terms x and y share that `besides` does not hold at all (all three sorted). */
export function overlapBeyond(x: Int32Array, y: Int32Array, besides: Int32Array, weight: Float64Array): number {
  let i = 0;
  let j = 0;
  let k = 0;
  let s = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    if (a === b) {
      while (k < besides.length && besides[k]! < a) k++;
      if (k >= besides.length || besides[k] !== a) s += weight[a]!;
      i++; j++;
    } else if (a < b) i++; else j++;
  }
  return s;
}

const NOTHING = new Int32Array(0);

/** Weight of the terms the two bags share (each repeat counted as often as both hold it). */
export function overlap(x: Int32Array, y: Int32Array, weight: Float64Array): number {
  return overlapBeyond(x, y, NOTHING, weight);
}

/** Weighted Dice similarity in 0..1. */
export function dice(x: Bag, y: Bag, vocab: Vocabulary): number {
  const total = x.weight + y.weight;
  return total > 0 ? (2 * overlap(x.terms, y.terms, vocab.weight)) / total : 0;
}

/** Share of x's weight found in y, 0..1. */
export function containment(x: Bag, y: Bag, vocab: Vocabulary): number {
  return x.weight > 0 ? overlap(x.terms, y.terms, vocab.weight) / x.weight : 0;
}

/** The bag of several units read as one (a merge). */
export function joinBags(bags: readonly Bag[]): Bag {
  if (bags.length === 1) return bags[0]!;
  let n = 0;
  for (const b of bags) n += b.terms.length;
  const terms = new Int32Array(n);
  let at = 0;
  let weight = 0;
  for (const b of bags) { terms.set(b.terms, at); at += b.terms.length; weight += b.weight; }
  terms.sort();
  return { terms, weight };
}
