// Whether two aligned texts are versions, share passages, or neither, from
// their alignment (see README, "Versions of a story"):
// - a passage is an aligned segment (same, changed or moved) that reads alike
//   (score >= PASSAGE_SCORE) and is more than a few words long;
// - version: the passages cover most of the shorter text (>= VERSION_SHARE);
// - shares: not a version, but at least SHARES_PASSAGES passages in common;
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

/** Total length of the union of ranges. */
function covered(ranges: Range[]): number {
  const sorted = [...ranges].sort((x, y) => x.start - y.start || x.end - y.end);
  let total = 0;
  let end = -1;
  for (const r of sorted) {
    if (r.end <= end) continue;
    total += r.end - Math.max(r.start, end);
    end = r.end;
  }
  return total;
}

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

const round = (x: number) => Math.round(x * 1000) / 1000;

export function classify(al: Alignment): Classified {
  const passages = al.segments.filter(isPassage);
  const all = (side: 'a' | 'b') => covered(al.segments.flatMap((g) => (g[side] ? [g[side]!] : [])));
  const shared = (side: 'a' | 'b') => covered(passages.map((g) => g[side]!));
  const totalA = all('a');
  const totalB = all('b');
  const aShared = totalA > 0 ? round(shared('a') / totalA) : 0;
  const bShared = totalB > 0 ? round(shared('b') / totalB) : 0;
  const shorterShared = totalA <= totalB ? aShared : bShared;
  const kind = passages.length === 0 ? null
    : shorterShared >= CLASSIFY.versionShare ? 'version'
      : passages.length >= CLASSIFY.sharesPassages ? 'shares' : null;
  return {
    kind,
    figures: { similarity: al.similarity, aInB: al.aInB, bInA: al.bInA, passages: passages.length },
    aShared,
    bShared,
  };
}
