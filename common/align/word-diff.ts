// Word-level differences between two aligned passages, with jsdiff's
// diffWordsWithSpace (Myers' O(ND) diff over words, punctuation and runs of
// whitespace, so every part's text is exactly a slice of its side and offsets
// never drift). Parts are UTF-16 ranges of the whole texts, for carrying a
// range across and for the changes a segment reports.
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  op: 'equal' | 'delete' | 'insert';
  /** UTF-16 range in A (empty for an insertion) and in B (empty for a deletion). */
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Beyond this many differing tokens a pair is reported as one replacement (bounded work). */
const MAX_EDIT_TOKENS = 4000;

/** The diff of a[a0, a1) against b[b0, b1). */
export function diffParts(a: string, a0: number, a1: number, b: string, b0: number, b1: number): DiffPart[] {
  const parts: DiffPart[] = [];
  const changes = diffWordsWithSpace(a.slice(a0, a1), b.slice(b0, b1), { maxEditLength: MAX_EDIT_TOKENS });
  if (!changes) return [{ op: 'delete', a0, a1, b0, b1: b0 }, { op: 'insert', a0: a1, a1, b0, b1 }];
  let i = a0;
  let j = b0;
  for (const c of changes) {
    const len = c.value.length;
    if (c.added) { parts.push({ op: 'insert', a0: i, a1: i, b0: j, b1: j + len }); j += len; }
    else if (c.removed) { parts.push({ op: 'delete', a0: i, a1: i + len, b0: j, b1: j }); i += len; }
    else { parts.push({ op: 'equal', a0: i, a1: i + len, b0: j, b1: j + len }); i += len; j += len; }
  }
  return parts;
}

/** A difference as UTF-16 ranges: one side empty for a pure insertion or deletion. */
export interface RawChange {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

const BLANK = /^\s*$/;

/**
 * The differences of a diff, each deletion and insertion next to each other
 * read as one replacement, and differences separated only by whitespace read
 * as one ("the cathedral of Colony" -> "Cologne Cathedral").
 */
export function rawChanges(a: string, parts: DiffPart[]): RawChange[] {
  const out: RawChange[] = [];
  let open: RawChange | null = null;
  let gap: DiffPart | null = null; // a whitespace-only equal part after `open`
  for (const p of parts) {
    if (p.op === 'equal') {
      if (open && !gap && BLANK.test(a.slice(p.a0, p.a1))) { gap = p; continue; }
      if (open) { out.push(open); open = null; }
      gap = null;
      continue;
    }
    if (open) {
      open.a1 = p.a1; open.b1 = p.b1;
      gap = null;
    } else {
      open = { a0: p.a0, a1: p.a1, b0: p.b0, b1: p.b1 };
    }
  }
  if (open) out.push(open);
  return out;
}
