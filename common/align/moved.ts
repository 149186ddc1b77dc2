// Moved passages: units left out of the in-order alignment that have a
// counterpart elsewhere. A counterpart far away must be very like the unit
// (a moved sentence); one within a few units of where the unit would sit may
// be less alike (a sentence whose parts were redistributed: a merge across a
// reordering). A counterpart already aligned may be shared (the moved segment
// then overlaps another one), so a repeated passage is linked too.
import { TermIndex, type Pair } from './anchors.ts';
import { overlap, overlapBeyond, type Bag } from './similarity.ts';

const NOTHING = new Int32Array(0);
import type { Unit, Vocabulary } from './units.ts';

export interface MovedOptions {
  /** Similarity for a counterpart anywhere. */
  minScore: number;
  /** Similarity for a counterpart within `window` units of the unit's in-order place (between the pairs around it). */
  minLocalScore: number;
  window: number;
  /** Content terms (not stopwords) a nearby counterpart must share beyond what its own partner holds. */
  minLocalShared: number;
  /** Share of the weight they have in common that a nearby counterpart's own partner must not hold. */
  minBeyond: number;
  /**
   * Similarity for two leftovers that are each other's best counterpart among all units of
   * both texts, anywhere, when the texts are versions (`versions`); null: not looked for.
   */
  minVersionScore: number | null;
  /** Content terms such a pair must share. */
  minVersionShared: number;
}

/** Where the units of one side stand in the in-order alignment. */
export interface Placement {
  /** Units not aligned in order. */
  left: number[];
  /** For each unit, the indices on the other side between which it sits in order (its partner, or the pairs around a leftover). */
  lo: Int32Array;
  hi: Int32Array;
  /** For each aligned unit, the bag of its in-order counterpart (null when left over). */
  partner: (Bag | null)[];
}

/** Returns pairs (i in A, j in B), each leftover unit in at most one pair. */
export function findMoved(A: Unit[], B: Unit[], pa: Placement, pb: Placement, vocab: Vocabulary, opts: MovedOptions): Pair[] {
  const leftA = pa.left;
  const leftB = pb.left;
  const out: Pair[] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();

  // 1. leftovers on both sides that are each other's best counterpart (the indexes are built only when
  // a lookup can use them: most pairs of versions leave nothing or one side only)
  const leftIndexB = leftA.length > 0 && leftB.length > 0 ? new TermIndex(B, leftB, vocab) : null;
  const leftIndexA = leftIndexB && new TermIndex(A, leftA, vocab);
  for (const i of leftIndexB && leftIndexA ? leftA : []) {
    const best = leftIndexB!.candidates(A[i]!, 1)[0];
    if (!best || best.score < opts.minScore || usedB.has(best.j)) continue;
    const back = leftIndexA!.candidates(B[best.j]!, 1)[0];
    if (back?.j !== i) continue;
    out.push({ i, j: best.j, score: best.score });
    usedA.add(i);
    usedB.add(best.j);
  }

  // 2. a leftover unit with a counterpart anywhere (aligned or not) that is very alike, or nearby and alike enough
  let allB: TermIndex | null = null;
  let allA: TermIndex | null = null;
  // nearby, most of what they share must be beyond what the counterpart's own in-order
  // partner holds: a headline and the sentence it sums up share words that must not pull
  // a third sentence in
  const accept = (x: Unit, lo: number, hi: number, c: Pair, other: Unit, otherPartner: Bag | null) => {
    if (c.score >= opts.minScore) return true;
    // nearby means near a well-defined place: between pairs a few units apart
    if (c.score < opts.minLocalScore || hi - lo > 2 * opts.window || c.j < lo - opts.window || c.j > hi + opts.window) return false;
    const besides = otherPartner?.terms ?? NOTHING;
    return overlapBeyond(x.terms, other.terms, besides, vocab.weight) >= opts.minBeyond * overlap(x.terms, other.terms, vocab.weight)
      && overlapBeyond(x.terms, other.terms, besides, vocab.content) >= opts.minLocalShared;
  };
  const leftoverB = new Set(leftB);
  for (const i of leftA) {
    if (usedA.has(i)) continue;
    const c = (allB ??= new TermIndex(B, B.keys(), vocab)).candidates(A[i]!, 8).find((c) => accept(A[i]!, pa.lo[i]!, pa.hi[i]!, c, B[c.j]!, pb.partner[c.j]!));
    if (!c) continue;
    out.push({ i, j: c.j, score: c.score });
    usedA.add(i);
    // a leftover of B placed so is in its pair: looked for from B's side it would give the same pair again
    if (leftoverB.has(c.j)) usedB.add(c.j);
  }
  for (const j of leftB) {
    if (usedB.has(j)) continue;
    const c = (allA ??= new TermIndex(A, A.keys(), vocab)).candidates(B[j]!, 8).find((c) => accept(B[j]!, pb.lo[j]!, pb.hi[j]!, c, A[c.j]!, pa.partner[c.j]!));
    if (c) { out.push({ i: c.j, j, score: c.score }); usedB.add(j); }
  }

  // 3. in versions of one story, a sentence reworded and moved far ("will be shown on BBC One at 2010 GMT" ->
  // "will be broadcast on BBC One at 2010 GMT") scores below what a far move needs among unrelated
  // sentences; two leftovers that are each other's best counterpart in both whole texts are taken lower
  if (opts.minVersionScore !== null) {
    const min = opts.minVersionScore;
    for (const i of leftA) {
      if (usedA.has(i)) continue;
      const best = (allB ??= new TermIndex(B, B.keys(), vocab)).candidates(A[i]!, 1)[0];
      if (!best || best.score < min || usedB.has(best.j) || !leftoverB.has(best.j)) continue;
      const back = (allA ??= new TermIndex(A, A.keys(), vocab)).candidates(B[best.j]!, 1)[0];
      if (back?.j !== i || overlap(A[i]!.terms, B[best.j]!.terms, vocab.content) < opts.minVersionShared) continue;
      out.push({ i, j: best.j, score: best.score });
      usedA.add(i);
      usedB.add(best.j);
    }
  }
  return out.sort((p, q) => p.i - q.i || p.j - q.j);
}
