// In-order alignment of one gap between anchors: a dynamic programme (in the
// manner of Gale–Church sentence alignment) over the units of A and B whose
// steps are skip one of A, skip one of B, or pair 1–1, 1–2, 2–1, 1–3 or 3–1
// units (merges and splits). A pair gains (similarity − threshold) per unit
// it covers, so only pairs above the threshold are worth making, and a merge
// is taken only when every part shares enough of its words with the other side.
// Large gaps are searched in a band around their diagonal, so work is bounded.
import { dice, joinBags, overlap } from './similarity.ts';
import type { Unit, Vocabulary } from './units.ts';

export interface GapStep {
  /** Units of A (indices) and of B in this step: one side empty for a skip. */
  as: number[];
  bs: number[];
  score: number;
}

export interface MonotoneOptions {
  /** Pairs below this similarity are not made. */
  minScore: number;
  /** In a merge, each part must have at least this share of its weight in the other side. */
  minPart: number;
}

/** Gaps with more cells than this are searched in a band. */
const FULL_CELLS = 160_000;
/** Half-width of the band, in units of B. */
const BAND = 24;

/** Content words each part of a merge must share with the other side. */
const MIN_PART_SHARED = 2;

const MOVES: readonly [number, number][] = [[1, 0], [0, 1], [1, 1], [1, 2], [2, 1], [1, 3], [3, 1]];
/** MOVES' steps in A and in B, as arrays of numbers (read in the innermost loop). */
const MOVE_A = Int8Array.from(MOVES, (m) => m[0]);
const MOVE_B = Int8Array.from(MOVES, (m) => m[1]);

export function alignGap(
  A: Unit[], B: Unit[], i0: number, i1: number, j0: number, j1: number, vocab: Vocabulary, opts: MonotoneOptions,
): GapStep[] {
  const n = i1 - i0;
  const m = j1 - j0;
  if (n === 0 || m === 0) {
    const steps: GapStep[] = [];
    for (let i = i0; i < i1; i++) steps.push({ as: [i], bs: [], score: 0 });
    for (let j = j0; j < j1; j++) steps.push({ as: [], bs: [j], score: 0 });
    return steps;
  }
  // row r (0..n) holds columns lo[r]..hi[r] (0..m)
  const banded = (n + 1) * (m + 1) > FULL_CELLS;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowAt = new Int32Array(n + 2);
  for (let r = 0; r <= n; r++) {
    if (banded) {
      const c = Math.round((r * m) / n);
      const w = BAND + Math.ceil(m / n);
      lo[r] = Math.max(0, c - w);
      hi[r] = Math.min(m, c + w);
    } else { lo[r] = 0; hi[r] = m; }
    rowAt[r + 1] = rowAt[r]! + hi[r]! - lo[r]! + 1;
  }
  const cells = rowAt[n + 1]!;
  const best = new Float64Array(cells).fill(-Infinity);
  const move = new Int8Array(cells).fill(-1);
  const cellScore = new Float64Array(cells);
  const ov = new Float64Array(cells); // overlap of A[i0+r-1] and B[j0+c-1], the 1–1 pair ending at (r, c)
  const at = (r: number, c: number) => (r < 0 || c < lo[r]! || c > hi[r]! ? -1 : rowAt[r]! + c - lo[r]!);
  const w = vocab.weight;
  // the cell being filled, read by ovAt (one closure for the whole gap)
  let r = 0;
  let c = 0;
  const ovAt = (dr: number, dc: number) => ov[at(r - dr, c - dc)] ?? 0;

  for (r = 0; r <= n; r++) {
    for (c = lo[r]!; c <= hi[r]!; c++) {
      const here = at(r, c);
      if (r > 0 && c > 0) ov[here] = overlap(A[i0 + r - 1]!.terms, B[j0 + c - 1]!.terms, w);
      if (r === 0 && c === 0) { best[here] = 0; continue; }
      for (let k = 0; k < MOVES.length; k++) {
        const p = MOVE_A[k]!;
        const q = MOVE_B[k]!;
        const from = at(r - p, c - q);
        if (from < 0 || best[from] === -Infinity) continue;
        let gain = 0;
        let sc = 0;
        if (p > 0 && q > 0) {
          sc = pairScore(A, B, i0 + r - p, p, j0 + c - q, q, vocab, opts, ovAt);
          if (sc < opts.minScore) continue;
          gain = (sc - opts.minScore) * (p + q) / 2;
        }
        const total = best[from]! + gain;
        if (total > best[here]!) { best[here] = total; move[here] = k; cellScore[here] = sc; }
      }
    }
  }

  const steps: GapStep[] = [];
  for (r = n, c = m; r > 0 || c > 0;) {
    const here = at(r, c);
    const [p, q] = MOVES[move[here]!]!;
    const as: number[] = [];
    const bs: number[] = [];
    for (let k = p; k > 0; k--) as.push(i0 + r - k);
    for (let k = q; k > 0; k--) bs.push(j0 + c - k);
    if (p > 0 && q > 0) steps.push({ as, bs, score: cellScore[here]! });
    else steps.push({ as, bs, score: 0 });
    r -= p;
    c -= q;
  }
  return steps.reverse();
}

/** Whether units[i, i+n) are all of the headline or all of the body: a headline is never merged into body text. */
function headlinesApart(units: Unit[], i: number, n: number): boolean {
  return n === 1 || units[i]!.headline === units[i + n - 1]!.headline;
}

/**
 * Similarity of A[ia, ia+p) read as one with B[jb, jb+q), or -1 when a merge
 * has a part that does not belong. `ovAt(dr, dc)` is the overlap of the 1–1 pair
 * ending dr rows and dc columns before the end of this step.
 */
function pairScore(
  A: Unit[], B: Unit[], ia: number, p: number, jb: number, q: number, vocab: Vocabulary, opts: MonotoneOptions,
  ovAt: (dr: number, dc: number) => number,
): number {
  if (!headlinesApart(A, ia, p) || !headlinesApart(B, jb, q)) return -1;
  // when both texts have a headline, a headline's counterpart is the other headline
  if (A[0]!.headline && B[0]!.headline && A[ia]!.headline !== B[jb]!.headline) return -1;
  if (p === 1 && q === 1) {
    const x = A[ia]!;
    const y = B[jb]!;
    const total = x.weight + y.weight;
    return total > 0 ? (2 * ovAt(0, 0)) / total : 0;
  }
  // each part of the merged side must share enough with the single unit (pairwise overlaps first: cheap)
  if (p === 1) {
    for (let k = 0; k < q; k++) if (ovAt(0, q - 1 - k) < opts.minPart * B[jb + k]!.weight) return -1;
  } else {
    for (let k = 0; k < p; k++) if (ovAt(p - 1 - k, 0) < opts.minPart * A[ia + k]!.weight) return -1;
  }
  const x = joinBags(A.slice(ia, ia + p));
  const y = joinBags(B.slice(jb, jb + q));
  // and share some content words, not only a stopword or a single name ("What the dossier says")
  const parts = p === 1 ? B.slice(jb, jb + q) : A.slice(ia, ia + p);
  const whole = p === 1 ? x : y;
  for (const part of parts) if (overlap(part.terms, whole.terms, vocab.content) < MIN_PART_SHARED) return -1;
  return dice(x, y, vocab);
}
