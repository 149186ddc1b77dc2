// Line layout that knows where every character falls. Widths come from the same
// pdfkit EmbeddedFont object that later draws the text, measured the same way
// pdfkit measures (one cached run per word with its trailing space), so the x of
// every character boundary we compute is where pdfkit puts the glyph.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Font files from the npm package @expo-google-fonts/noto-serif (Latin, Greek, Cyrillic). */
export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

export function fontPath(name: FontName): string {
  return require.resolve(FONT_FILES[name]);
}

/** The parts of pdfkit's (internal) EmbeddedFont we rely on. */
interface GlyphLike { id: number; codePoints: number[] }
interface PositionLike { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }
interface RunLike { glyphs: GlyphLike[]; positions: PositionLike[]; advanceWidth: number }
interface EmbeddedFontLike {
  layout(text: string): RunLike;
  encode(text: string): [string[], PositionLike[]];
  ref(): unknown;
  id: string;
  ascender: number;
  descender: number;
  font: { hasGlyphForCodePoint(cp: number): boolean };
}

/**
 * One segment (a word with its trailing space) encoded for a TJ operator:
 * hex glyph runs separated by kerning adjustments (runs.length = adjust.length + 1),
 * exactly what pdfkit's own text drawing emits for these glyphs.
 */
export interface EncodedSegment {
  runs: string[];
  /** TJ adjustments (already negated, in 1/1000 em) between runs[i] and runs[i + 1]. */
  adjust: number[];
  /** Set once the segment's characters were checked for missing glyphs. */
  checked: boolean;
}

/** A registered font with its metrics (units: 1/1000 of the font size). */
export class MeasuredFont {
  readonly name: FontName;
  readonly ascender: number;
  readonly descender: number;
  private readonly ef: EmbeddedFontLike;
  private readonly cache = new Map<string, Float64Array>();
  private readonly scaledCache = new Map<number, Map<string, Float64Array>>();
  private readonly encodedCache = new Map<string, EncodedSegment | null>();
  private readonly hasCache = new Map<number, boolean>();

  constructor(doc: PDFKit.PDFDocument, name: FontName) {
    this.name = name;
    doc.font(name);
    this.ef = (doc as unknown as { _font: EmbeddedFontLike })._font;
    this.ascender = this.ef.ascender;
    this.descender = this.ef.descender;
  }

  hasGlyph(cp: number): boolean {
    let has = this.hasCache.get(cp);
    if (has === undefined) {
      has = this.ef.font.hasGlyphForCodePoint(cp);
      this.hasCache.set(cp, has);
    }
    return has;
  }

  /**
   * x of every UTF-16 boundary of `text` (length + 1 entries), in 1/1000 em,
   * exactly as pdfkit lays the string out.
   */
  positions(text: string): Float64Array {
    let xs = this.cache.get(text);
    if (xs) return xs;
    xs = new Float64Array(text.length + 1);
    const run = this.ef.layout(text);
    let unit = 0;
    let x = 0;
    for (let g = 0; g < run.glyphs.length; g++) {
      const glyph = run.glyphs[g]!;
      const adv = run.positions[g]!.xAdvance;
      let units = 0;
      for (const cp of glyph.codePoints) units += cp > 0xffff ? 2 : 1;
      if (units === 0) { x += adv; continue; } // a glyph with no characters (rare): only moves the pen
      for (let k = 0; k < units && unit < text.length; k++) {
        // a ligature's advance is spread evenly over its characters
        x += adv / units;
        xs[++unit] = x;
      }
    }
    // if shaping consumed fewer units than the string has, the rest sit at the end
    while (unit < text.length) xs[++unit] = x;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(text, xs);
    return xs;
  }

  /** positions(text) in points at `size`; cached, so callers must not modify the result. */
  scaledPositions(text: string, size: number): Float64Array {
    let bySize = this.scaledCache.get(size);
    if (!bySize) {
      bySize = new Map();
      this.scaledCache.set(size, bySize);
    }
    let xs = bySize.get(text);
    if (xs) return xs;
    const raw = this.positions(text);
    const k = size / 1000;
    xs = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) xs[i] = raw[i]! * k;
    if (bySize.size > 50_000) bySize.clear();
    bySize.set(text, xs);
    return xs;
  }

  /** The pdfkit font object's resource id (e.g. "F1") and reference, for drawing. */
  get id(): string {
    return this.ef.id;
  }
  ref(): unknown {
    return this.ef.ref();
  }

  /**
   * One segment (no space or tab inside except at its end) encoded through
   * pdfkit's own EmbeddedFont.encode (which adds the glyphs to the subset and
   * to the ToUnicode map), once per distinct segment. null when a glyph is
   * positioned off its pen position (mark attachment): such text is drawn by
   * pdfkit itself.
   */
  encoded(seg: string): EncodedSegment | null {
    let e = this.encodedCache.get(seg);
    if (e !== undefined) return e;
    const [hex, pos] = this.ef.encode(seg);
    e = { runs: [], adjust: [], checked: false };
    let run = '';
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i]!;
      if (p.xOffset || p.yOffset) {
        e = null;
        break;
      }
      run += hex[i]!;
      const adv = p.xAdvance - p.advanceWidth;
      if (adv !== 0) {
        e.runs.push(run);
        e.adjust.push(-adv);
        run = '';
      }
    }
    if (e) e.runs.push(run);
    this.encodedCache.set(seg, e);
    return e;
  }

  /** Width of text at size (points). */
  width(text: string, size: number): number {
    let w = 0;
    for (const seg of segments(text)) w += this.positions(seg)[seg.length]!;
    return (w * size) / 1000;
  }
}

/** Split after every space or tab, as pdfkit does when it measures and draws. */
export function segments(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** One laid-out line: text[start, end) with the x (points, from the line's left) of each boundary. */
export class Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The segments (see segments()) the line is made of, in order. */
  readonly segs: string[];
  /** Width of the line without trailing spaces. */
  readonly width: number;
  /** Width of the line including trailing spaces (where the pen ends). */
  readonly advance: number;
  /** Positions of each segment (points, from the segment's start); shared caches, never modified. */
  private readonly pieces: Float64Array[];
  private boundaries: Float64Array | null = null;

  constructor(start: number, end: number, text: string, segs: string[], pieces: Float64Array[]) {
    this.start = start;
    this.end = end;
    this.text = text;
    this.segs = segs;
    this.pieces = pieces;
    let advance = 0;
    let width = 0;
    for (let k = 0; k < pieces.length; k++) {
      const seg = segs[k]!;
      const p = pieces[k]!;
      let e = seg.length;
      while (e > 0 && isSpace(seg.charCodeAt(e - 1))) e--;
      if (e > 0) width = advance + p[e]!;
      advance += p[seg.length]!;
    }
    this.width = width;
    this.advance = advance;
  }

  /**
   * xs[i] = x of the boundary before text[start + i]; length end - start + 1.
   * Built on first use (only lines that carry a highlight need it).
   */
  get xs(): Float64Array {
    if (this.boundaries) return this.boundaries;
    const xs = new Float64Array(this.text.length + 1);
    let off = 0;
    let at = 0;
    for (const p of this.pieces) {
      const len = p.length - 1;
      for (let i = 1; i <= len; i++) xs[at + i] = off + p[i]!;
      at += len;
      off += p[len]!;
    }
    this.boundaries = xs;
    return xs;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Visible width of a line (trailing spaces excluded). */
function visibleWidth(text: string, xs: Float64Array): number {
  let e = text.length;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  return xs[e]!;
}

/**
 * Greedy line breaking of one paragraph (no newlines) at spaces; words wider
 * than the line are cut between characters (never inside a surrogate pair).
 * Indices are UTF-16 offsets into `text`.
 */
export function wrap(text: string, font: MeasuredFont, size: number, width: number): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  // the segments of the current line and their positions (points, from each segment's start)
  let segs: string[] = [];
  let pieces: Float64Array[] = [];
  let lineW = 0; // width up to the end of the last piece including trailing spaces

  const flush = (end: number): void => {
    if (end <= lineStart && pieces.length === 0) return;
    lines.push(new Line(lineStart, end, text.slice(lineStart, end), segs, pieces));
    lineStart = end;
    segs = [];
    pieces = [];
    lineW = 0;
  };
  const add = (seg: string, xs: Float64Array): void => {
    segs.push(seg);
    pieces.push(xs);
  };

  let pos = 0;
  for (const seg of segments(text)) {
    const segStart = pos;
    pos += seg.length;
    let xs = font.scaledPositions(seg, size);
    const vis = visibleWidth(seg, xs);
    if (lineW + vis <= width || pieces.length === 0 && vis <= width) {
      add(seg, xs);
      lineW += xs[seg.length]!;
      continue;
    }
    if (vis <= width) {
      flush(segStart);
      add(seg, xs);
      lineW = xs[seg.length]!;
      continue;
    }
    // a word wider than the whole line: cut it between characters
    if (pieces.length > 0) flush(segStart);
    let rest = seg;
    let restStart = segStart;
    while (rest.length > 0) {
      xs = font.scaledPositions(rest, size);
      if (visibleWidth(rest, xs) <= width) {
        add(rest, xs);
        lineW = xs[rest.length]!;
        break;
      }
      let cut = 1;
      while (cut < rest.length && xs[cut + 1]! <= width) cut++;
      const c = rest.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff && cut < rest.length) cut++;
      const head = rest.slice(0, cut);
      add(head, font.scaledPositions(head, size));
      flush(restStart + cut);
      rest = rest.slice(cut);
      restStart += cut;
    }
  }
  if (pieces.length > 0 || lines.length === 0) flush(text.length);
  return lines;
}
