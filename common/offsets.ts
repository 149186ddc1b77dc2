// The one boundary between code-point offsets (stored, W3C) and UTF-16 offsets
// (JavaScript strings, the DOM, ProseMirror). Everything stored is code points.
import { partitionPoint } from './sorted.ts';


/** Number of code points in a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Converts between code-point and UTF-16 offsets of one text. Build once per
 * text; each conversion is a binary search over the astral characters, so
 * texts without astral characters convert in O(1).
 */
export class OffsetMap {
  /** UTF-16 index of each astral (surrogate-pair) character, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePoints: number;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePoints = text.length - this.astral.length;
  }

  /** UTF-16 offset -> code-point offset (an offset inside a pair rounds down). */
  toCodePoint(utf16: number): number {
    // count astral chars whose pair ends at or before utf16
    return utf16 - partitionPoint(this.astral.length, (i) => this.astral[i]! + 2 <= utf16);
  }

  /** Code-point offset -> UTF-16 offset. */
  toUtf16(cp: number): number {
    // each astral char before the target adds one extra UTF-16 unit (astral[i] - i is its code-point index)
    return cp + partitionPoint(this.astral.length, (i) => this.astral[i]! - i < cp);
  }
}

/** Slice a string by code-point offsets. */
export function sliceCodePoints(text: string, start: number, end: number, map: OffsetMap = new OffsetMap(text)): string {
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}
