// Word-level differences between two aligned passages, with jsdiff's
// diffWordsWithSpace (Myers' O(ND) diff over words, punctuation and runs of
// whitespace, so every part's text is exactly a slice of its side and offsets
// never drift). Parts are UTF-16 ranges of the whole texts, for carrying a
// range across and for the changes a segment reports.
import { diffWordsWithSpace } from 'diff/lib/diff/word.js'; // the one module of jsdiff used (its index loads them all)
import { STOPWORDS, words } from './words.ts';

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

/**
 * The diff of a[a0, a1) against b[b0, b1), cleaned up for reading: a short
 * stretch of only stopwords, punctuation or spaces between two differences
 * (jsdiff pairs up every "the" and space it can) becomes part of one
 * replacement, so "Cologne Cathedral, according to the Dossier Center" ->
 * "the cathedral of Colony" reads as one change, not four.
 */
export function diffParts(a: string, a0: number, a1: number, b: string, b0: number, b1: number): DiffPart[] {
  const raw: DiffPart[] = [];
  const changes = diffWordsWithSpace(a.slice(a0, a1), b.slice(b0, b1), { maxEditLength: MAX_EDIT_TOKENS });
  if (!changes) return [{ op: 'delete', a0, a1, b0, b1: b0 }, { op: 'insert', a0: a1, a1, b0, b1 }];
  let i = a0;
  let j = b0;
  for (const c of changes) {
    const len = c.value.length;
    if (c.added) { raw.push({ op: 'insert', a0: i, a1: i, b0: j, b1: j + len }); j += len; }
    else if (c.removed) { raw.push({ op: 'delete', a0: i, a1: i + len, b0: j, b1: j }); i += len; }
    else { raw.push({ op: 'equal', a0: i, a1: i + len, b0: j, b1: j + len }); i += len; j += len; }
  }
  return cleanUp(a, raw);
}

/** Longest weak stretch (UTF-16 units) absorbed between two differences. */
const MAX_WEAK = 16;

function isWeak(text: string): boolean {
  if (text.length > MAX_WEAK) return false;
  for (const w of words(text)) if (!STOPWORDS.has(w.term)) return false;
  return true;
}

function cleanUp(a: string, raw: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let k = 0;
  while (k < raw.length) {
    if (raw[k]!.op === 'equal') { out.push(raw[k++]!); continue; }
    // a run of differences, with weak equal stretches between them
    const first = raw[k]!;
    let last = first;
    let m = k + 1;
    for (; m < raw.length; m++) {
      const p = raw[m]!;
      if (p.op !== 'equal') { last = p; continue; }
      if (m + 1 < raw.length && raw[m + 1]!.op !== 'equal' && isWeak(a.slice(p.a0, p.a1))) continue;
      break;
    }
    const run = raw.slice(k, m);
    const hasDelete = run.some((p) => p.op !== 'insert' && p.a1 > p.a0);
    const hasInsert = run.some((p) => p.op !== 'delete' && p.b1 > p.b0);
    if (hasDelete) out.push({ op: 'delete', a0: first.a0, a1: last.a1, b0: first.b0, b1: first.b0 });
    if (hasInsert) out.push({ op: 'insert', a0: last.a1, a1: last.a1, b0: first.b0, b1: last.b1 });
    k = m;
  }
  return out;
}

/** A difference as UTF-16 ranges: one side empty for a pure insertion or deletion. */
export interface RawChange {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** The differences of a cleaned diff: a deletion and the insertion after it read as one replacement. */
export function rawChanges(parts: DiffPart[]): RawChange[] {
  const out: RawChange[] = [];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.op === 'equal') continue;
    const next = parts[k + 1];
    if (p.op === 'delete' && next?.op === 'insert') { out.push({ a0: p.a0, a1: p.a1, b0: next.b0, b1: next.b1 }); k++; }
    else out.push({ a0: p.a0, a1: p.a1, b0: p.b0, b1: p.b1 });
  }
  return out;
}
