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
interface RunLike { glyphs: GlyphLike[]; positions: { xAdvance: number }[]; advanceWidth: number }
interface EmbeddedFontLike {
  layout(text: string): RunLike;
  ascender: number;
  descender: number;
  font: { hasGlyphForCodePoint(cp: number): boolean };
}

/** A registered font with its metrics (units: 1/1000 of the font size). */
export class MeasuredFont {
  readonly name: FontName;
  readonly ascender: number;
  readonly descender: number;
  private readonly ef: EmbeddedFontLike;
  private readonly cache = new Map<string, Float64Array>();
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
export interface Line {
  start: number;
  end: number;
  text: string;
  /** xs[i] = x of the boundary before text[start + i]; length end - start + 1. */
  xs: Float64Array;
  /** Width of the line without trailing spaces. */
  width: number;
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
  const k = size / 1000;
  const lines: Line[] = [];
  // pieces: [start, end, xs(relative to piece start, points)]
  let lineStart = 0;
  let pieces: { s: number; xs: Float64Array }[] = [];
  let lineW = 0; // width up to the end of the last piece including trailing spaces

  const flush = (end: number): void => {
    if (end <= lineStart && pieces.length === 0) return;
    const n = end - lineStart;
    const xs = new Float64Array(n + 1);
    let off = 0;
    let at = 0;
    for (const p of pieces) {
      const len = p.xs.length - 1;
      for (let i = 1; i <= len; i++) xs[at + i] = off + p.xs[i]!;
      at += len;
      off += p.xs[len]!;
    }
    const t = text.slice(lineStart, end);
    lines.push({ start: lineStart, end, text: t, xs, width: visibleWidth(t, xs) });
    lineStart = end;
    pieces = [];
    lineW = 0;
  };

  const scaled = (seg: string): Float64Array => {
    const raw = font.positions(seg);
    const out = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw[i]! * k;
    return out;
  };

  let pos = 0;
  for (const seg of segments(text)) {
    const segStart = pos;
    pos += seg.length;
    let xs = scaled(seg);
    const vis = visibleWidth(seg, xs);
    if (lineW + vis <= width || pieces.length === 0 && vis <= width) {
      pieces.push({ s: segStart, xs });
      lineW += xs[seg.length]!;
      continue;
    }
    if (vis <= width) {
      flush(segStart);
      pieces.push({ s: segStart, xs });
      lineW = xs[seg.length]!;
      continue;
    }
    // a word wider than the whole line: cut it between characters
    if (pieces.length > 0) flush(segStart);
    let rest = seg;
    let restStart = segStart;
    while (rest.length > 0) {
      xs = scaled(rest);
      if (visibleWidth(rest, xs) <= width) {
        pieces.push({ s: restStart, xs });
        lineW = xs[rest.length]!;
        break;
      }
      let cut = 1;
      while (cut < rest.length && xs[cut + 1]! <= width) cut++;
      const c = rest.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff && cut < rest.length) cut++;
      const head = rest.slice(0, cut);
      pieces.push({ s: restStart, xs: scaled(head) });
      flush(restStart + cut);
      rest = rest.slice(cut);
      restStart += cut;
    }
  }
  if (pieces.length > 0 || lines.length === 0) flush(text.length);
  return lines;
}
