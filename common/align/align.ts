// Aligns two texts sentence by sentence (see README, "Comparing versions"):
// 1. sentences (common/segment.ts) read as bags of weighted terms;
// 2. anchors: identical sentences unique in both texts, kept in order by a
//    longest increasing chain, then, inside gaps that are still large, mutual
//    best matches by similarity, so the rest of the work is in small gaps;
// 3. each gap aligned in order with merges and splits (monotone.ts);
// 4. moved passages among what is left (moved.ts);
// 5. segments with code-point ranges and word-level changes (jsdiff).
// Deterministic: every choice breaks ties by position.
import type { OffsetMap } from '../offsets.ts';
import { exactAnchors, longestIncreasing, similarAnchors, type Pair } from './anchors.ts';
import { alignGap, type GapStep } from './monotone.ts';
import { findMoved, type Placement } from './moved.ts';
import { dice, joinBags, overlap, type Bag } from './similarity.ts';
import type { Alignment, Segment, SideRange, WordChange } from './types.ts';
import { readPair, type TextTerms, type Unit, type Vocabulary } from './units.ts';
import { diffParts, rawChanges } from './word-diff.ts';

/**
 * Thresholds, calibrated in `npm run bench:versions` against sentence pairs of
 * unrelated articles on the same topic from the BBC corpus (which it prints):
 * an in-order pair must beat all but ~0.01% of those, a far move all but a
 * few of the best pair of each article pair, a nearby one all but ~0.1%.
 */
export const THRESHOLDS = {
  /** Similarity for an in-order pair (1–1 or a merge) between anchors; a large gap without anchors needs `moved`. */
  pair: 0.3,
  /** In a merge, the share of each part's weight found on the other side. */
  part: 0.25,
  /** Similarity of a mutual best match taken as an anchor inside a large gap. */
  anchor: 0.5,
  /** Similarity for a moved passage anywhere. */
  moved: 0.5,
  /** Similarity for a counterpart within `window` sentences of the in-order place. */
  local: 0.25,
  window: 3,
  /** Content words a nearby counterpart must share beyond those of its own in-order partner. */
  localShared: 3,
  /** Share of their common weight a nearby counterpart's own partner must not hold. */
  localBeyond: 0.5,
  /** Similarity for a far move between two leftovers that are each other's best counterpart, in versions. */
  version: 0.25,
  /** Content words such a pair must share. */
  versionShared: 3,
  /** Similarity of the in-order pairs that count towards `versionCover`. */
  versionPair: 0.6,
  /** Share of the shorter text in in-order pairs at least `versionPair` alike for two texts to read as versions. */
  versionCover: 0.55,
  /** Content words a sentence alone between two such pairs must share with the one alone across from it to be its pair (at `local`). */
  placeShared: 2,
} as const;

/** Gaps with more cells than this get anchors of their own before the in-order pass. */
const LARGE_GAP = 400;

interface Item {
  kind: 'pair' | 'moved' | 'onlyA' | 'onlyB';
  as: number[];
  bs: number[];
  score: number;
}

function backboneAnchors(A: Unit[], B: Unit[], vocab: ReturnType<typeof readPair>['vocab']): Pair[] {
  const { chain } = longestIncreasing(exactAnchors(A, B));
  const out: Pair[] = [];
  let pi = -1;
  let pj = -1;
  for (const next of [...chain, { i: A.length, j: B.length, score: 0 }]) {
    const n = next.i - pi - 1;
    const m = next.j - pj - 1;
    if (n * m > LARGE_GAP) {
      const ai = Array.from({ length: n }, (_, k) => pi + 1 + k);
      const bj = Array.from({ length: m }, (_, k) => pj + 1 + k);
      out.push(...longestIncreasing(similarAnchors(A, B, ai, bj, vocab, THRESHOLDS.anchor)).chain);
    }
    if (next.i < A.length) out.push(next);
    pi = next.i;
    pj = next.j;
  }
  return out;
}

export interface AlignOptions {
  /**
   * The word-level changes of changed and moved segments (default true).
   * Without them every segment's `changes` is empty and all else is the same:
   * what detection needs (classify.ts reads segments and figures only), at
   * about two thirds of the cost.
   */
  wordChanges?: boolean;
  /** The texts already read (readText of a and of b), for a text aligned with several others. */
  readA?: TextTerms;
  readB?: TextTerms;
}

export function alignTexts(a: string, b: string, options: AlignOptions = {}): Alignment {
  if ((options.readA && options.readA.text !== a) || (options.readB && options.readB.text !== b)) throw new Error('alignTexts: a text read is not the text aligned');
  const { A: As, B: Bs, vocab } = readPair(options.readA ?? a, options.readB ?? b);
  const wordChanges = options.wordChanges ?? true;
  const A = As.units;
  const B = Bs.units;

  // in-order steps: anchors and the gaps between them
  const steps: GapStep[] = [];
  let pi = -1;
  let pj = -1;
  for (const next of [...backboneAnchors(A, B, vocab), { i: A.length, j: B.length, score: 0 }]) {
    // a pair in a small gap between anchors has them vouching for it; a large stretch with
    // no anchor at all (unrelated texts, mostly) must find pairs as alike as a move
    const cells = (next.i - pi - 1) * (next.j - pj - 1);
    const minScore = cells > LARGE_GAP ? THRESHOLDS.moved : THRESHOLDS.pair;
    steps.push(...alignGap(A, B, pi + 1, next.i, pj + 1, next.j, vocab, { minScore, minPart: THRESHOLDS.part }));
    if (next.i < A.length) steps.push({ as: [next.i], bs: [next.j], score: next.score });
    pi = next.i;
    pj = next.j;
  }

  leftoversAFirst(steps);

  // where each unit sits on the other side (a leftover: between the pairs around it), and what is left over
  const pa: Placement = { left: [], lo: new Int32Array(A.length), hi: new Int32Array(A.length), partner: new Array<Bag | null>(A.length).fill(null) };
  const pb: Placement = { left: [], lo: new Int32Array(B.length), hi: new Int32Array(B.length), partner: new Array<Bag | null>(B.length).fill(null) };
  let prevA = 0;
  let prevB = 0;
  for (const s of steps) {
    if (s.as.length && s.bs.length) {
      const bagA = joinBags(s.as.map((i) => A[i]!));
      const bagB = joinBags(s.bs.map((j) => B[j]!));
      for (const i of s.as) pa.partner[i] = bagB;
      for (const j of s.bs) pb.partner[j] = bagA;
      prevA = s.as[0]!;
      prevB = s.bs[0]!;
    }
    for (const i of s.as) pa.lo[i] = prevB;
    for (const j of s.bs) pb.lo[j] = prevA;
    if (s.bs.length === 0) pa.left.push(...s.as);
    if (s.as.length === 0) pb.left.push(...s.bs);
  }
  let nextA = A.length - 1;
  let nextB = B.length - 1;
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (s.as.length && s.bs.length) { nextA = s.as.at(-1)!; nextB = s.bs.at(-1)!; }
    for (const i of s.as) pa.hi[i] = s.bs.length ? s.bs.at(-1)! : nextB;
    for (const j of s.bs) pb.hi[j] = s.as.length ? s.as.at(-1)! : nextA;
  }
  const versions = areVersions(A, B, steps);
  const moved = findMoved(A, B, pa, pb, vocab, {
    minScore: THRESHOLDS.moved, minLocalScore: THRESHOLDS.local, window: THRESHOLDS.window, minLocalShared: THRESHOLDS.localShared,
    minBeyond: THRESHOLDS.localBeyond,
    minVersionScore: versions ? THRESHOLDS.version : null, minVersionShared: THRESHOLDS.versionShared,
  });
  const movedA = new Set(moved.map((p) => p.i));
  const movedB = new Set(moved.map((p) => p.j));

  // items: in-order steps (leftovers that moved removed, pairs their place vouches for made, runs of leftovers
  // in one paragraph joined), then moved ones
  const inOrder = pairByPlace(steps.filter((s) => s.as.length && s.bs.length ? true : !(s.as.length ? movedA.has(s.as[0]!) : movedB.has(s.bs[0]!))),
    A, B, a, b, vocab, versions);
  const items: Item[] = [];
  for (const s of inOrder) {
    if (s.as.length && s.bs.length) { items.push({ kind: 'pair', as: s.as, bs: s.bs, score: s.score }); continue; }
    const isA = s.as.length > 0;
    const u = isA ? s.as[0]! : s.bs[0]!;
    const last = items.at(-1);
    const units = isA ? A : B;
    const kind = isA ? 'onlyA' : 'onlyB';
    const prev = last && last.kind === kind ? (isA ? last.as : last.bs).at(-1)! : -2;
    if (last && prev === u - 1 && units[prev]!.paragraph === units[u]!.paragraph) (isA ? last.as : last.bs).push(u);
    else items.push({ kind, as: isA ? [u] : [], bs: isA ? [] : [u], score: 0 });
  }

  const mapA = As.offsets;
  const mapB = Bs.offsets;
  const side = (text: string, map: OffsetMap, units: Unit[], ids: number[]): SideRange | null => {
    if (ids.length === 0) return null;
    const s = units[ids[0]!]!.start;
    const e = units[ids.at(-1)!]!.end;
    return { start: map.toCodePoint(s), end: map.toCodePoint(e), text: text.slice(s, e) };
  };
  const changesOf = (x: SideRange, y: SideRange, as: number[], bs: number[]): WordChange[] => {
    const a0 = A[as[0]!]!.start;
    const b0 = B[bs[0]!]!.start;
    return rawChanges(diffParts(a, a0, a0 + x.text.length, b, b0, b0 + y.text.length)).map((c) => ({
      a: c.a1 > c.a0 ? { start: mapA.toCodePoint(c.a0), end: mapA.toCodePoint(c.a1), text: a.slice(c.a0, c.a1) } : null,
      b: c.b1 > c.b0 ? { start: mapB.toCodePoint(c.b0), end: mapB.toCodePoint(c.b1), text: b.slice(c.b0, c.b1) } : null,
    }));
  };
  const toSegment = (it: Item): Segment => {
    const x = side(a, mapA, A, it.as);
    const y = side(b, mapB, B, it.bs);
    if (it.kind === 'onlyA' || it.kind === 'onlyB') return { kind: it.kind, a: x, b: y, score: 0, changes: [] };
    const identical = x!.text === y!.text;
    const kind = it.kind === 'moved' ? 'moved' : identical ? 'same' : 'changed';
    const score = identical ? 1 : Math.round(it.score * 1000) / 1000;
    return { kind, a: x, b: y, score, changes: identical || !wordChanges ? [] : changesOf(x!, y!, it.as, it.bs) };
  };

  const segments = joinSame(items.map(toSegment), a, b, mapA, mapB);
  const movedSegments = moved.map((p) => toSegment({ kind: 'moved', as: [p.i], bs: [p.j], score: p.score }));
  return { ...figures(A, B, items, moved, mapA, mapB), segments: placeMoved(segments, movedSegments) };
}

/**
 * Whether two texts read as versions of one story to the aligner: in-order pairs at least
 * `versionPair` alike (`paired`, the length of each side they cover) cover `versionCover` of the
 * shorter text.
 * Lengths in any one unit for both sides (UTF-16 units here, code points in the carry).
 */
export function readAsVersions(pairedA: number, totalA: number, pairedB: number, totalB: number): boolean {
  const [covered, total] = totalA <= totalB ? [pairedA, totalA] : [pairedB, totalB];
  return total > 0 && covered >= THRESHOLDS.versionCover * total;
}

/** readAsVersions of the in-order steps (their units' UTF-16 lengths). */
function areVersions(A: Unit[], B: Unit[], steps: GapStep[]): boolean {
  const len = (u: Unit) => u.end - u.start;
  let totalA = 0;
  let totalB = 0;
  for (const u of A) totalA += len(u);
  for (const u of B) totalB += len(u);
  let inA = 0;
  let inB = 0;
  for (const s of steps) {
    if (s.as.length === 0 || s.bs.length === 0 || s.score < THRESHOLDS.versionPair) continue;
    for (const i of s.as) inA += len(A[i]!);
    for (const j of s.bs) inB += len(B[j]!);
  }
  return readAsVersions(inA, totalA, inB, totalB);
}

/** readAsVersions of an alignment's segments (code points: every segment's text, and that of the in-order pairs). */
export function alignedAsVersions(al: Alignment): boolean {
  const union = (ranges: SideRange[]) => {
    let total = 0;
    let end = -1;
    for (const r of [...ranges].sort((x, y) => x.start - y.start)) {
      if (r.end > end) { total += r.end - Math.max(r.start, end); end = r.end; }
    }
    return total;
  };
  const side = (k: 'a' | 'b', paired: boolean) => union(al.segments.flatMap((g) => {
    const r = g[k];
    return r && (!paired || ((g.kind === 'same' || g.kind === 'changed') && g.score >= THRESHOLDS.versionPair)) ? [r] : [];
  }));
  return readAsVersions(side('a', true), side('a', false), side('b', true), side('b', false));
}

/**
 * Leftovers whose place alone says they are counterparts, paired in the in-order steps (one side
 * each: a leftover that moved is not among them):
 * - the same text without terms ("." alone) on both sides between the same two pairs, as same;
 * - one sentence of A and one of B alone between two pairs at least `versionPair` alike, sharing
 *   `placeShared` content words and `local` alike (a nearby counterpart's threshold; the pairs around
 *   vouch for it as they do in a gap): a sentence reworded in place;
 * - A's headline and B's headline, both left over before the first pair, in texts that read as
 *   versions, sharing a content word.
 */
function pairByPlace(steps: GapStep[], A: Unit[], B: Unit[], a: string, b: string, vocab: Vocabulary, versions: boolean): GapStep[] {
  const out: GapStep[] = [];
  const isPair = (s: GapStep | undefined) => !!s && s.as.length > 0 && s.bs.length > 0;
  const strong = (s: GapStep | undefined) => isPair(s) && s!.score >= THRESHOLDS.versionPair;
  for (let k = 0; k < steps.length;) {
    if (isPair(steps[k])) { out.push(steps[k++]!); continue; }
    let m = k;
    while (m < steps.length && !isPair(steps[m])) m++;
    const as = steps.slice(k, m).flatMap((s) => s.as);
    const bs = steps.slice(k, m).flatMap((s) => s.bs);
    const before = steps[k - 1];
    const after = steps[m];
    k = m;
    const x = joinBags(as.map((i) => A[i]!));
    const y = joinBags(bs.map((j) => B[j]!));
    const shared = as.length > 0 && bs.length > 0 ? overlap(x.terms, y.terms, vocab.content) : 0;
    const headlines = !before && after && versions && as.every((i) => A[i]!.headline) && bs.every((j) => B[j]!.headline);
    if ((headlines && shared >= 1) || (as.length === 1 && bs.length === 1 && strong(before) && strong(after) && shared >= THRESHOLDS.placeShared && dice(x, y, vocab) >= THRESHOLDS.local)) {
      out.push({ as, bs, score: dice(x, y, vocab) });
      continue;
    }
    // equal texts without terms, in order; the leftovers before each such pair stay before it
    const textA = (i: number) => a.slice(A[i]!.start, A[i]!.end);
    const textB = (j: number) => b.slice(B[j]!.start, B[j]!.end);
    let ia = 0;
    let jb = 0;
    if (isPair(before) && isPair(after)) {
      for (let x = 0; x < as.length; x++) {
        if (A[as[x]!]!.terms.length > 0) continue;
        let y = jb;
        while (y < bs.length && !(B[bs[y]!]!.terms.length === 0 && textB(bs[y]!) === textA(as[x]!))) y++;
        if (y === bs.length) continue;
        for (; ia < x; ia++) out.push({ as: [as[ia]!], bs: [], score: 0 });
        for (; jb < y; jb++) out.push({ as: [], bs: [bs[jb]!], score: 0 });
        out.push({ as: [as[ia++]!], bs: [bs[jb++]!], score: 1 });
      }
    }
    for (; ia < as.length; ia++) out.push({ as: [as[ia]!], bs: [], score: 0 });
    for (; jb < bs.length; jb++) out.push({ as: [], bs: [bs[jb]!], score: 0 });
  }
  return out;
}

/** Between two pairs, what only A has comes before what only B has (as a diff reads: deleted, then inserted). */
function leftoversAFirst(steps: GapStep[]): void {
  for (let k = 0; k < steps.length;) {
    if (steps[k]!.as.length && steps[k]!.bs.length) { k++; continue; }
    let m = k;
    while (m < steps.length && !(steps[m]!.as.length && steps[m]!.bs.length)) m++;
    const run = steps.slice(k, m);
    steps.splice(k, m - k, ...run.filter((s) => s.as.length), ...run.filter((s) => s.bs.length));
    k = m;
  }
}

/** Consecutive same segments whose in-between text is also the same become one. */
function joinSame(segments: Segment[], a: string, b: string, mapA: OffsetMap, mapB: OffsetMap): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (s.kind === 'same' && last?.kind === 'same') {
      const ga = a.slice(mapA.toUtf16(last.a!.end), mapA.toUtf16(s.a!.start));
      const gb = b.slice(mapB.toUtf16(last.b!.end), mapB.toUtf16(s.b!.start));
      if (ga === gb) {
        const text = last.a!.text + ga + s.a!.text;
        out[out.length - 1] = { ...last, a: { start: last.a!.start, end: s.a!.end, text }, b: { start: last.b!.start, end: s.b!.end, text } };
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

/** Moved segments inserted in A's order (after an in-order segment starting at the same place). */
function placeMoved(segments: Segment[], moved: Segment[]): Segment[] {
  const out: Segment[] = [];
  let k = 0;
  for (const s of segments) {
    while (k < moved.length && s.a && moved[k]!.a!.start < s.a.start) out.push(moved[k++]!);
    out.push(s);
  }
  while (k < moved.length) out.push(moved[k++]!);
  return out;
}

function figures(A: Unit[], B: Unit[], items: Item[], moved: Pair[], mapA: OffsetMap, mapB: OffsetMap) {
  const lenA = (i: number) => mapA.toCodePoint(A[i]!.end) - mapA.toCodePoint(A[i]!.start);
  const lenB = (j: number) => mapB.toCodePoint(B[j]!.end) - mapB.toCodePoint(B[j]!.start);
  let totalA = 0;
  let totalB = 0;
  for (let i = 0; i < A.length; i++) totalA += lenA(i);
  for (let j = 0; j < B.length; j++) totalB += lenB(j);
  const inA = new Uint8Array(A.length);
  const inB = new Uint8Array(B.length);
  let weighted = 0;
  const count = (as: number[], bs: number[], score: number) => {
    let n = 0;
    for (const i of as) { n += lenA(i); inA[i] = 1; }
    for (const j of bs) { n += lenB(j); inB[j] = 1; }
    weighted += score * n;
  };
  for (const it of items) if (it.kind === 'pair') count(it.as, it.bs, it.score);
  for (const p of moved) if (!inA[p.i] || !inB[p.j]) count(inA[p.i] ? [] : [p.i], inB[p.j] ? [] : [p.j], p.score);
  let coveredA = 0;
  let coveredB = 0;
  for (let i = 0; i < A.length; i++) if (inA[i]) coveredA += lenA(i);
  for (let j = 0; j < B.length; j++) if (inB[j]) coveredB += lenB(j);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    similarity: totalA + totalB > 0 ? r(Math.min(1, weighted / (totalA + totalB))) : 0,
    aInB: totalA > 0 ? r(coveredA / totalA) : 0,
    bInA: totalB > 0 ? r(coveredB / totalB) : 0,
  };
}
