// Whether two aligned texts are versions, share passages, or neither, from
// their alignment (see README, "Versions of a story"):
// - a passage is an aligned segment (same, changed or moved) that reads alike
//   (score >= passageScore) and is more than a few words long;
// - version: the passages cover most of the shorter text (>= versionShare),
//   and either nearly all of it (>= wholeShare) or its opening has a
//   counterpart (>= openingShare of its first openingPart aligned). A version
//   retells the shorter text from its start; a follow-up that reuses much of
//   an earlier story opens with news of its own;
// - shares: not a version, but at least sharesPassages passages in common;
// - neither: same-topic texts whose sentences only resemble each other.
// The thresholds are calibrated in `npm run bench:versions` on labelled BBC
// pairs (test/fixtures/version-pairs.json).
import type { Alignment, Segment } from '../../common/align/types.ts';
import type { RelationFigures } from '../../db/relations.ts';

export const CLASSIFY = {
  /** An aligned segment at least this alike is a shared passage. */
  passageScore: 0.6,
  /** …when its shorter side has at least this many code points (a headline rewritten word for word is not one; see passageLength). */
  passageChars: 40,
  /** Share of the shorter text covered by passages for two texts to be versions. */
  versionShare: 0.6,
  /** Covered this much, the shorter text is a version whatever its opening. */
  wholeShare: 0.8,
  /** The opening of a text: this share of its sentence text, from its start. */
  openingPart: 0.25,
  /** Share of the shorter text's opening aligned, at least openingScore alike, for a version covered less than wholeShare. */
  openingShare: 0.6,
  /** An opening's counterpart scores at least what the aligner asks of an in-order pair (a looser nearby match does not count). */
  openingScore: 0.3,
  /** Passages in common for two texts to share passages. */
  sharesPassages: 1,
} as const;

export type DetectedKind = 'version' | 'shares';

export interface Classified {
  kind: DetectedKind | null;
  figures: RelationFigures;
  /** Share of a's and of b's sentence text covered by passages. */
  aShared: number;
  bShared: number;
}

type Range = { start: number; end: number };

/** The ranges sorted and merged (disjoint, ascending). */
function union(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

const length = (rs: readonly Range[]) => rs.reduce((n, r) => n + r.end - r.start, 0);

/** Total length of the union of ranges. */
const covered = (ranges: readonly Range[]) => length(union(ranges));

/** Han and kana: a character says about what three Latin letters do (a Chinese word is ~1.7 of them, an English one ~6 with its space). */
const IDEOGRAPHIC = /(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/gu;
const MAYBE_IDEOGRAPHIC = /[\u2e80-\u9fff\uf900-\ufaff\ud840-\ud87f]/;

/** A side's length as passageChars counts it: code points, each Han or kana character counted three times. */
function passageLength(r: { start: number; end: number; text: string }): number {
  const n = r.end - r.start;
  return MAYBE_IDEOGRAPHIC.test(r.text) ? n + 2 * (r.text.match(IDEOGRAPHIC)?.length ?? 0) : n;
}

const isPassage = (g: Segment): boolean =>
  g.kind !== 'onlyA' && g.kind !== 'onlyB' && g.score >= CLASSIFY.passageScore
  && Math.min(passageLength(g.a!), passageLength(g.b!)) >= CLASSIFY.passageChars;

/** Share of a side's opening (its first openingPart of sentence text) that the aligned ranges cover. */
function openingAligned(all: readonly Range[], aligned: readonly Range[]): number {
  const text = union(all);
  let budget = Math.max(1, Math.round(length(text) * CLASSIFY.openingPart));
  const opening: Range[] = [];
  for (const r of text) {
    if (budget <= 0) break;
    const end = Math.min(r.end, r.start + budget);
    opening.push({ start: r.start, end });
    budget -= end - r.start;
  }
  const end = opening[opening.length - 1]?.end ?? 0;
  const inOpening = aligned.flatMap((r) => (r.start < end ? [{ start: r.start, end: Math.min(r.end, end) }] : []));
  return covered(inOpening) / Math.max(1, length(opening));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function classify(al: Alignment): Classified {
  const passages = al.segments.filter(isPassage);
  const ranges = (side: 'a' | 'b', of: readonly Segment[]) => of.flatMap((g) => (g[side] ? [g[side]!] : []));
  const totalA = covered(ranges('a', al.segments));
  const totalB = covered(ranges('b', al.segments));
  const aShared = totalA > 0 ? round(covered(ranges('a', passages)) / totalA) : 0;
  const bShared = totalB > 0 ? round(covered(ranges('b', passages)) / totalB) : 0;
  const shorter: 'a' | 'b' = totalA <= totalB ? 'a' : 'b';
  const shorterShared = shorter === 'a' ? aShared : bShared;
  const retold = () => openingAligned(ranges(shorter, al.segments), ranges(shorter, al.segments.filter((g) => g.a && g.b && g.score >= CLASSIFY.openingScore)))
    >= CLASSIFY.openingShare;
  const kind = passages.length === 0 ? null
    : shorterShared >= CLASSIFY.versionShare && (shorterShared >= CLASSIFY.wholeShare || retold()) ? 'version'
      : passages.length >= CLASSIFY.sharesPassages ? 'shares' : null;
  return {
    kind,
    figures: { similarity: al.similarity, aInB: al.aInB, bInA: al.bInA, passages: passages.length },
    aShared,
    bShared,
  };
}
