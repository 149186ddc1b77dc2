// What an alignment of two texts says, as data for the CLI, the store and the
// compare UI. Every range is in code points of its own text, half-open.

export type SegmentKind = 'same' | 'changed' | 'moved' | 'onlyA' | 'onlyB';

export interface SideRange {
  start: number;
  end: number;
  text: string;
}

/**
 * A word-level difference inside a changed or moved segment: `a` is what A
 * has there (null for an insertion), `b` what B has (null for a deletion).
 */
export interface WordChange {
  a: SideRange | null;
  b: SideRange | null;
}

export interface Segment {
  kind: SegmentKind;
  /** The passage in A (null for onlyB). */
  a: SideRange | null;
  /** The passage in B (null for onlyA). */
  b: SideRange | null;
  /** Similarity of the two sides, 0..1: 1 for same, 0 for onlyA/onlyB. */
  score: number;
  /** Word-level differences (changed and reworded moved segments; empty otherwise). */
  changes: WordChange[];
}

export interface Alignment {
  /** Share of both texts' sentence text that aligns, weighted by each pair's score, 0..1. */
  similarity: number;
  /** Share of A's sentence text (code points) aligned somewhere in B, 0..1. */
  aInB: number;
  /** Share of B's sentence text aligned somewhere in A, 0..1. */
  bInA: number;
  /**
   * In A's order; an onlyB segment stands where it falls between the segments
   * around it (sort by `b.start` for B's order). A moved segment is out of
   * order: its `b` lies elsewhere in B. A moved segment may share A or B text
   * with another segment when one sentence answers two passages that are not
   * next to each other (a merge across a reordering).
   */
  segments: Segment[];
}
