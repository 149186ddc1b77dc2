// Re-anchoring passages (annotations, citations) of a source's old text onto
// the same bytes decoded with another encoding. The bytes of a passage do not
// move, but its characters change (mojibake becomes Cyrillic), so its quote,
// prefix and suffix are first read as the new encoding reads their bytes
// (translate.ts), and its position is carried line by line (the line breaks
// are the same bytes in every ASCII-compatible encoding). Then the usual
// re-anchoring (common/reanchor.ts) decides: anchored where the translated quote
// stands at the translated position, moved when it is found elsewhere or only
// approximately (a passage edge inside a multi-byte character), orphaned
// otherwise. An orphan keeps its quote and paints nothing (start === end).
import { OffsetMap, codePointLength } from '../../../common/offsets.ts';
import { reanchor, type StoredAnchor } from '../../../common/reanchor.ts';
import { quoteAt } from '../../../common/selectors.ts';
import { lastAtMost } from '../../../common/sorted.ts';
import type { AnnotationStatus } from '../../../common/types.ts';
import type { Translate } from './translate.ts';

export interface Replaced {
  status: AnnotationStatus;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  score: number;
}

/** Lines longer than this (code points) map positions proportionally rather than by translating the line's start. */
const MAX_LINE_TRANSLATION = 100_000;

/** Line starts (code points) of a text. */
function lineStarts(text: string): number[] {
  const out = [0];
  let cp = 0;
  for (const ch of text) {
    cp++;
    if (ch === '\n') out.push(cp);
  }
  return out;
}


export interface PassageMover {
  /** Where a passage of the old text goes in the new one. */
  move(anchor: StoredAnchor, wasOrphaned: boolean): Replaced;
}

export function passageMover(oldText: string, newText: string, translate: Translate | null): PassageMover {
  const oldMap = new OffsetMap(oldText);
  const newMap = new OffsetMap(newText);
  const oldLines = lineStarts(oldText);
  const newLines = lineStarts(newText);
  const sameLines = oldLines.length === newLines.length;
  const ratio = oldMap.codePoints === 0 ? 0 : newMap.codePoints / oldMap.codePoints;

  /** Where old code point p stands in the new text. */
  const position = (p: number): number => {
    const proportional = Math.round(p * ratio);
    if (!sameLines || !translate) return Math.min(newMap.codePoints, proportional);
    const i = lastAtMost(oldLines, p);
    const col = p - oldLines[i]!;
    if (col > MAX_LINE_TRANSLATION) {
      const oldLen = (oldLines[i + 1] ?? oldMap.codePoints + 1) - oldLines[i]!;
      const newLen = (newLines[i + 1] ?? newMap.codePoints + 1) - newLines[i]!;
      return Math.min(newMap.codePoints, newLines[i]! + Math.round((col * newLen) / oldLen));
    }
    const head = oldText.slice(oldMap.toUtf16(oldLines[i]!), oldMap.toUtf16(p));
    // a head ending inside a character of the new encoding ends in U+FFFD: that character is the passage's, not the head's
    return Math.min(newMap.codePoints, newLines[i]! + codePointLength(translate(head).replace(/\uFFFD+$/, '')));
  };

  const placed = (r: { status: AnnotationStatus; start: number; end: number; score: number }): Replaced => {
    const q = quoteAt(newText, r.start, r.end, newMap);
    return { status: r.status, start: r.start, end: r.end, exact: q.exact, prefix: q.prefix, suffix: q.suffix, score: r.score };
  };

  /** The anchor re-anchored on the new text, or null when it is not there (or only as white space). */
  const find = (a: StoredAnchor): ReturnType<typeof reanchor> | null => {
    if (a.exact.trim() === '' || a.exact.includes('\uFFFD')) return null;
    const r = reanchor(newText, a, newMap);
    if (r.status === 'orphaned' || r.end <= r.start) return null;
    const found = newText.slice(newMap.toUtf16(r.start), newMap.toUtf16(r.end));
    return found.trim() === '' ? null : r;
  };

  return {
    move(anchor, wasOrphaned) {
      const start = position(anchor.start);
      const tries: StoredAnchor[] = [];
      // the passage read as its bytes now read (for an orphan too: its quote may come from the garbled text)
      let trimmed = false;
      if (translate) {
        // an edge inside a character of the new encoding reads as U+FFFD: the passage keeps the whole characters inside it
        const whole = translate(anchor.exact);
        const exact = whole.replace(/^\uFFFD+|\uFFFD+$/g, '');
        trimmed = exact !== whole;
        const lead = whole.length - whole.replace(/^\uFFFD+/, '').length;
        tries.push({ exact, prefix: translate(anchor.prefix), suffix: translate(anchor.suffix), start: start + lead, end: start + lead + codePointLength(exact) });
      }
      // an orphan's quote as it is: it may come from a rightly decoded version of the text
      if (wasOrphaned || !translate) tries.push({ ...anchor, start, end: start + codePointLength(anchor.exact) });
      let best: ReturnType<typeof reanchor> | null = null;
      for (const t of tries) {
        const r = find(t);
        if (r && (!best || r.score > best.score)) best = r;
        if (best?.status === 'anchored') break;
      }
      // a passage cut down to its whole characters is not the passage it was: moved, scored by what is left of it
      if (best && trimmed && best.status === 'anchored') {
        const kept = best.end - best.start;
        best = { ...best, status: 'moved', score: Math.round((kept / (kept + 1)) * 1000) / 1000 };
      }
      if (best) return placed(best);
      return { status: 'orphaned', start, end: start, exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix, score: 0 };
    },
  };
}
