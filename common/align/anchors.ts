// Anchors: pairs of units that are surely the same passage, used to cut the
// alignment into small independent gaps so its cost stays about linear.
// Sure = the same wording occurring once in each text, or (inside a gap that
// is still large) a mutual best match by similarity over shared rare terms.
import { dice } from './similarity.ts';
import type { Unit, Vocabulary } from './units.ts';
import { partitionPoint } from '../sorted.ts';

export interface Pair {
  i: number;
  j: number;
  score: number;
}

/** Fewer terms than this and an identical sentence is too common to be sure ("He said."). */
const MIN_ANCHOR_TERMS = 4;

const sameOrder = (x: Int32Array, y: Int32Array): boolean => {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
};

/**
 * Pairs of units with the same wording, occurring once in A and once in B.
 * Wordings are told apart by their hashes (Unit.key); when two different
 * wordings share one (a collision), by their term ids joined.
 */
export function exactAnchors(A: Unit[], B: Unit[]): Pair[] {
  let collided = false;
  const count = <K>(units: Unit[], keyOf: (u: Unit) => K) => {
    const m = new Map<K, number>();
    const first = new Map<K, Unit>();
    units.forEach((u, i) => {
      if (u.terms.length < MIN_ANCHOR_TERMS) return;
      const key = keyOf(u);
      const seen = first.get(key);
      if (seen && !sameOrder(seen.order, u.order)) collided = true;
      if (!seen) first.set(key, u);
      m.set(key, m.has(key) ? -1 : i);
    });
    return m;
  };
  const anchors = <K>(keyOf: (u: Unit) => K): Pair[] => {
    const inA = count(A, keyOf);
    const inB = count(B, keyOf);
    const out: Pair[] = [];
    for (const [key, i] of inA) {
      const j = inB.get(key);
      if (i >= 0 && j !== undefined && j >= 0) {
        if (!sameOrder(A[i]!.order, B[j]!.order)) collided = true;
        out.push({ i, j, score: 1 });
      }
    }
    return out.sort((x, y) => x.i - y.i);
  };
  const byHash = anchors((u) => u.key);
  return collided ? anchors((u) => u.order.join(' ')) : byHash;
}

/** The longest chain of pairs increasing in both i and j (pairs sorted by i, each i once), O(n log n). */
export function longestIncreasing(pairs: Pair[]): { chain: Pair[]; rest: Pair[] } {
  const tailIdx: number[] = []; // tailIdx[k]: index of the pair ending the best chain of length k+1
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p]!.j;
    const lo = partitionPoint(tailIdx.length, (k) => pairs[tailIdx[k]!]!.j < j);
    if (lo > 0) prev[p] = tailIdx[lo - 1]!;
    tailIdx[lo] = p;
  }
  const inChain = new Uint8Array(pairs.length);
  const chain: Pair[] = [];
  for (let p = tailIdx.length ? tailIdx[tailIdx.length - 1]! : -1; p >= 0; p = prev[p]!) { chain.push(pairs[p]!); inChain[p] = 1; }
  chain.reverse();
  return { chain, rest: pairs.filter((_, p) => !inChain[p]) };
}

/** Terms held by more units than this are not looked up (too common to find a counterpart). */
const MAX_POSTINGS = 24;
/** How many of a unit's rarest terms are looked up. */
const LOOKUP_TERMS = 6;
/** A term held by at most this many units counts as two shared terms. */
const VERY_RARE = 2;

/** An inverted index from rare terms to the units holding them, for finding counterparts without a scan. */
export class TermIndex {
  /**
   * Postings by term id (ids are dense: the pair's vocabulary), in flat arrays:
   * term t's units are list[first[t] .. first[t] + count[t]), in index order, at
   * most MAX_POSTINGS + 1 of them (a longer list is never read: count says so).
   */
  private readonly first: Int32Array;
  private readonly count: Int32Array;
  private readonly list: Int32Array;
  private readonly units: Unit[];
  private readonly vocab: Vocabulary;
  /** Per unit: the call that last saw it, and how many looked-up terms it shares then. */
  private readonly seenAt: Uint32Array;
  private readonly hits: Int32Array;
  private stamp = 0;
  /** The terms a lookup reads (candidates). */
  private readonly looked = new Int32Array(LOOKUP_TERMS);

  constructor(units: Unit[], ids: Iterable<number>, vocab: Vocabulary) {
    this.units = units;
    this.vocab = vocab;
    this.seenAt = new Uint32Array(units.length);
    this.hits = new Int32Array(units.length);
    const terms = vocab.weight.length;
    const count = new Int32Array(terms);
    const held = Array.from(ids);
    for (const u of held) {
      const t = units[u]!.terms;
      for (let k = 0; k < t.length; k++) if (k === 0 || t[k] !== t[k - 1]) count[t[k]!]!++;
    }
    const first = new Int32Array(terms);
    let n = 0;
    for (let t = 0; t < terms; t++) {
      first[t] = n;
      count[t] = Math.min(count[t]!, MAX_POSTINGS + 1);
      n += count[t]!;
    }
    const list = new Int32Array(n);
    const filled = new Int32Array(terms);
    for (const u of held) {
      const t = units[u]!.terms;
      for (let k = 0; k < t.length; k++) {
        const id = t[k]!;
        if ((k === 0 || id !== t[k - 1]) && filled[id]! < count[id]!) list[first[id]! + filled[id]!++] = u;
      }
    }
    this.first = first;
    this.count = count;
    this.list = list;
  }

  /**
   * Units sharing two of `x`'s rarest terms, or one very rare one, best first
   * by similarity (ties: lower index). Bounded: a few terms, short postings.
   */
  candidates(x: Unit, limit = 4): Pair[] {
    // the LOOKUP_TERMS rarest terms (fewest units, then heaviest, then lowest id), kept in order by insertion
    const looked = this.looked;
    let kept = 0;
    const count = this.count;
    const weight = this.vocab.weight;
    const before = (a: number, b: number) => count[a]! - count[b]! || weight[b]! - weight[a]! || a - b;
    const t = x.terms;
    for (let k = 0; k < t.length; k++) {
      const id = t[k]!;
      if (k > 0 && id === t[k - 1]) continue;
      const n = count[id]!;
      if (n === 0 || n > MAX_POSTINGS) continue;
      if (kept === LOOKUP_TERMS && before(id, looked[kept - 1]!) > 0) continue;
      let at = kept < LOOKUP_TERMS ? kept++ : kept - 1;
      for (; at > 0 && before(id, looked[at - 1]!) < 0; at--) looked[at] = looked[at - 1]!;
      looked[at] = id;
    }
    this.stamp++;
    const found: number[] = [];
    for (let l = 0; l < kept; l++) {
      const term = looked[l]!;
      const n = count[term]!;
      for (let p = this.first[term]!, end = p + n; p < end; p++) {
        const u = this.list[p]!;
        if (this.seenAt[u] !== this.stamp) { this.seenAt[u] = this.stamp; this.hits[u] = 0; found.push(u); }
        this.hits[u] += n <= VERY_RARE ? 2 : 1;
      }
    }
    const out: Pair[] = [];
    for (const u of found) if (this.hits[u]! >= 2) out.push({ i: -1, j: u, score: dice(x, this.units[u]!, this.vocab) });
    return out.sort((p, q) => q.score - p.score || p.j - q.j).slice(0, limit);
  }
}

/** Mutual best pairs at or above `minScore` between A units `ai` and B units `bj` (sorted by i). */
export function similarAnchors(A: Unit[], B: Unit[], ai: number[], bj: number[], vocab: Vocabulary, minScore: number): Pair[] {
  const toB = new TermIndex(B, bj, vocab);
  const toA = new TermIndex(A, ai, vocab);
  const out: Pair[] = [];
  for (const i of ai) {
    const best = toB.candidates(A[i]!, 1)[0];
    if (!best || best.score < minScore) continue;
    const back = toA.candidates(B[best.j]!, 1)[0];
    if (back && back.j === i) out.push({ i, j: best.j, score: best.score });
  }
  return out;
}
