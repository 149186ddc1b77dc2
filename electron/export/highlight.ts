// Highlights in a PDF: where a range of the text falls on a measured line (its
// marks: a painted underlay that survives printing and a quad), and the real
// /Highlight annotation written from the quads the composer collected, one per
// page, with its colour, contents, author, dates, print flag and appearance.
import type { Line } from './layout.ts';
import type { Mark } from './flow.ts';
import { tint, unit, type Rgb } from './colors.ts';
import type { PdfComposer } from './pdf-doc.ts';

const UNDERLAY_STRENGTH = 0.38; // painted colour behind the text
const UNDERLAY_OPACITY = 0.85;
const AP_OPACITY = 0.3; // annotation appearance (multiply) on top

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 10;
}

/**
 * The part of [start, end) (UTF-16 offsets of the text the line was cut from,
 * `lineStart` being where the line begins) that lies on the line, without the
 * white space at its edges, as offsets into line.text; null when nothing visible is left.
 */
export function spanOnLine(line: Line, lineStart: number, start: number, end: number): [number, number] | null {
  let a = Math.max(start, lineStart + line.start) - lineStart - line.start;
  let b = Math.min(end, lineStart + line.end) - lineStart - line.start;
  while (a < b && isSpaceCode(line.text.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(line.text.charCodeAt(b - 1))) b--;
  return a < b ? [a, b] : null;
}

/** The colour painted behind highlighted words (a tint of the highlight's colour). */
export function underlayColor(color: Rgb): Rgb {
  return tint(color, UNDERLAY_STRENGTH);
}

/**
 * Marks of a highlight over line.text[a, b) for a line drawn at `x`: the
 * painted underlay (in `underlay`, see underlayColor) and the quad collected
 * for `owner`. `top` and `bottom` are the glyph box relative to the line's box.
 */
export function highlightMarks(owner: object, line: Line, x: number, [a, b]: [number, number], top: number, bottom: number, underlay: Rgb): Mark[] {
  const xa = x + line.xs[a]!;
  const xb = x + line.xs[b]!;
  return [
    { kind: 'rect', x: xa, y: top, w: xb - xa, h: bottom - top, color: underlay, opacity: UNDERLAY_OPACITY },
    { kind: 'quad', owner, x1: xa, x2: xb, top, bottom },
  ];
}

export interface HighlightNote {
  /** /NM of the first part (later parts get #2, #3...). */
  id: string;
  color: Rgb;
  contents: string;
  author: string;
  subject: string;
  created: Date;
  modified: Date;
}

/** One /Highlight annotation per page the owner's quads are on. */
export function writeHighlight(cp: PdfComposer, owner: object, note: HighlightNote): void {
  const c = unit(note.color);
  let part = 0;
  for (const [page, quads] of cp.highlightOf(owner)?.pages ?? []) {
    part++;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const q of quads) {
      minX = Math.min(minX, q[0], q[4]); maxX = Math.max(maxX, q[2], q[6]);
      minY = Math.min(minY, q[5], q[7]); maxY = Math.max(maxY, q[1], q[3]);
    }
    const ap = cp.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [minX, minY, maxX, maxY].map(r2),
      Resources: { ExtGState: { GS0: { Type: 'ExtGState', BM: 'Multiply', ca: AP_OPACITY, CA: AP_OPACITY } } },
    });
    // A few hundred bytes: deflating each costs more (zlib's set-up per stream) than it saves.
    ap.compress = false;
    let stream = `/GS0 gs ${c.map(r3).join(' ')} rg\n`;
    for (const q of quads) {
      stream += `${r2(q[0])} ${r2(q[1])} m ${r2(q[2])} ${r2(q[3])} l ${r2(q[6])} ${r2(q[7])} l ${r2(q[4])} ${r2(q[5])} l h f\n`;
    }
    ap.end(stream);
    const annot: Record<string, unknown> = {
      Subtype: 'Highlight',
      QuadPoints: quads.flat().map(r2),
      C: c,
      CA: 1,
      Contents: new String(note.contents),
      T: new String(note.author),
      M: note.modified,
      CreationDate: note.created,
      NM: new String(part === 1 ? note.id : `${note.id}#${part}`),
      Subj: new String(note.subject),
      F: 4, // Print
      AP: { N: ap },
    };
    cp.onPage(page, () => {
      cp.doc.annotate(minX, cp.geo.height - maxY, maxX - minX, maxY - minY, annot as unknown as PDFKit.Mixins.AnnotationOption);
    });
  }
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}
function r3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
