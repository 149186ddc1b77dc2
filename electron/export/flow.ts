// The vertical flow of the PDF exporters, as data. An exporter turns its text
// into measured lines (layout.ts), the lines into boxes (a height, the room it
// needs on its page, and the marks drawn relative to its top), the pager gives
// each box a page and a y, and the composer (pdf-doc.ts) draws the marks there.
// Nothing here touches pdfkit: every step up to drawing is plain data.
import type { Rgb } from './colors.ts';
import { wrap, type Line, type MeasuredFont } from './layout.ts';

/**
 * Something drawn in a box. x is on the page (points from the left edge); y,
 * baseline and top are relative to the top of the box the mark belongs to.
 */
export type Mark =
  | { kind: 'line'; line: Line; x: number; baseline: number; font: MeasuredFont; size: number; color: Rgb }
  | { kind: 'text'; text: string; x: number; baseline: number; font: MeasuredFont; size: number; color: Rgb; width?: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: Rgb; opacity: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: Rgb }
  | { kind: 'stroke'; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb }
  /** A URI link over a rectangle. */
  | { kind: 'uri'; x: number; y: number; w: number; h: number; url: string }
  /** An internal link (GoTo a named destination) over a rectangle. */
  | { kind: 'goto'; x: number; y: number; w: number; h: number; dest: string }
  /** A named destination at `top`. */
  | { kind: 'dest'; name: string; top: number }
  /** One quad of a highlight (collected per page for its /Highlight annotation). */
  | { kind: 'quad'; owner: object; x1: number; x2: number; top: number; bottom: number };

export interface Box {
  /** How far the cursor moves down after the box. */
  height: number;
  /** Room the box needs below the cursor; when it does not fit, the box starts a new page. None: never moves. */
  keep?: number;
  marks: Mark[];
}

/** Where a box went: page index and the y of its top (top-left page coordinates). */
export interface Placement {
  page: number;
  top: number;
}

/** Vertical space (it never starts a page by itself). */
export const space = (height: number): Box => ({ height, marks: [] });

/** Starts a new page unless `room` points are still free below the cursor. */
export const keep = (room: number): Box => ({ height: 0, keep: room, marks: [] });

/** A box of no height holding marks at the cursor. */
export const at = (...marks: Mark[]): Box => ({ height: 0, marks });

/** Pagination: the cursor over a run of pages of one text area. */
export class Pager {
  page = 0;
  /** Top of the free space on the current page. */
  y: number;
  private readonly top: number;
  private readonly bottom: number;

  /** `top` and `bottom`: the limits of the text area on every page. */
  constructor(top: number, bottom: number) {
    this.top = top;
    this.bottom = bottom;
    this.y = top;
  }

  place(box: Box): Placement {
    if (box.keep !== undefined && this.y + box.keep > this.bottom && this.y > this.top) this.newPage();
    const placed = { page: this.page, top: this.y };
    this.y += box.height;
    return placed;
  }

  newPage(): void {
    this.page++;
    this.y = this.top;
  }
}

/** Baseline position within a line box of `leading` points (glyph box centred). */
export function baselineOffset(font: MeasuredFont, size: number, leading: number): number {
  const asc = (font.ascender * size) / 1000;
  const desc = (-font.descender * size) / 1000;
  return (leading - (asc + desc)) / 2 + asc;
}

export interface LineStyle {
  /** Left edge of the lines on the page. */
  x: number;
  font: MeasuredFont;
  size: number;
  leading: number;
  color?: Rgb;
}

/** One box per measured line (each keeps its own height on the page). */
export function lineBoxes(lines: Line[], style: LineStyle): Box[] {
  const baseline = baselineOffset(style.font, style.size, style.leading);
  const color = style.color ?? [0, 0, 0];
  return lines.map((line) => ({
    height: style.leading,
    keep: style.leading,
    marks: [{ kind: 'line', line, x: style.x, baseline, font: style.font, size: style.size, color }],
  }));
}

/** A paragraph (no newlines) wrapped to `width` from `style.x`: one box per line. */
export function textBoxes(text: string, width: number, style: LineStyle): Box[] {
  return lineBoxes(wrap(text, style.font, style.size, width), style);
}
