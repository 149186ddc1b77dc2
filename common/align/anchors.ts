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

/** Pairs of units with the same wording, occurring once in A and once in B. */
export function exactAnchors(A: Unit[], B: Unit[]): Pair[] {
  const count = (units: Unit[]) => {
    const m = new Map<string, number>();
    units.forEach((u, i) => { if (u.terms.length >= MIN_ANCHOR_TERMS) m.set(u.key, m.has(u.key) ? -1 : i); });
    return m;
  };
  const inA = count(A);
  const inB = count(B);
  const out: Pair[] = [];
  for (const [key, i] of inA) {
    const j = inB.get(key);
    if (i >= 0 && j !== undefined && j >= 0) out.push({ i, j, score: 1 });
  }
  return out.sort((x, y) => x.i - y.i);
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
  private readonly postings = new Map<number, number[]>();
  private readonly units: Unit[];
  private readonly vocab: Vocabulary;
  /** Per unit: the call that last saw it, and how many looked-up terms it shares then. */
  private readonly seenAt: Uint32Array;
  private readonly hits: Int32Array;
  private stamp = 0;

  constructor(units: Unit[], ids: Iterable<number>, vocab: Vocabulary) {
    this.units = units;
    this.vocab = vocab;
    this.seenAt = new Uint32Array(units.length);
    this.hits = new Int32Array(units.length);
    for (const u of ids) {
      const t = units[u]!.terms;
      for (let k = 0; k < t.length; k++) {
        if (k > 0 && t[k] === t[k - 1]) continue;
        let list = this.postings.get(t[k]!);
        if (!list) { list = []; this.postings.set(t[k]!, list); }
        if (list.length <= MAX_POSTINGS) list.push(u);
      }
    }
  }

  /**
   * Units sharing two of `x`'s rarest terms, or one very rare one, best first
   * by similarity (ties: lower index). Bounded: a few terms, short postings.
   */
  candidates(x: Unit, limit = 4): Pair[] {
    const looked: { t: number; n: number }[] = [];
    const t = x.terms;
    for (let k = 0; k < t.length; k++) {
      if (k > 0 && t[k] === t[k - 1]) continue;
      const n = this.postings.get(t[k]!)?.length ?? 0;
      if (n > 0 && n <= MAX_POSTINGS) looked.push({ t: t[k]!, n });
    }
    looked.sort((p, q) => p.n - q.n || this.vocab.weight[q.t]! - this.vocab.weight[p.t]! || p.t - q.t);
    if (looked.length > LOOKUP_TERMS) looked.length = LOOKUP_TERMS;
    this.stamp++;
    const found: number[] = [];
    for (const { t: term, n } of looked) {
      for (const u of this.postings.get(term)!) {
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
