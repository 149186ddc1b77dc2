// A thin page composer over pdfkit shared by the source and note exporters:
// our own pagination (every line is placed at an exact position), embedded
// Noto Serif fonts (subset by pdfkit/fontkit), missing-glyph bookkeeping,
// running header / page numbers and the finished bytes.
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import type { PageSize } from '../../common/types.ts';
import { MeasuredFont, fontPath, segments, wrap, type FontName, type Line } from './layout.ts';
import type { Rgb } from './colors.ts';

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number; // y of the bottom limit of the text area (top-left coordinates)
  left: number;
  right: number; // x of the right edge of the text area
}

const fontBytes = new Map<FontName, Buffer>();
function loadFont(name: FontName): Buffer {
  let b = fontBytes.get(name);
  if (!b) {
    b = readFileSync(fontPath(name));
    fontBytes.set(name, b);
  }
  return b;
}

export interface DocInfo {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  created: Date;
}

/** A line placed on a page: baseline y and left x in top-left page coordinates. */
export interface Placed {
  page: number;
  x: number;
  baseline: number;
  size: number;
  font: MeasuredFont;
}

export class PdfComposer {
  readonly doc: PDFKit.PDFDocument;
  readonly geo: PageGeometry;
  readonly fonts: Record<FontName, MeasuredFont>;
  page = 0;
  /** Top of the free space on the current page (top-left coordinates). */
  y: number;
  private readonly missing = new Set<string>();
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;

  constructor(pageSize: PageSize, info: DocInfo, margins = { top: 64, bottom: 64, left: 64, right: 88 }) {
    const size = pageSize === 'Letter' ? 'LETTER' : 'A4';
    this.doc = new PDFDocument({
      size,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      displayTitle: true,
      info: Object.fromEntries(Object.entries({
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        Creator: 'Lectern',
        Producer: 'Lectern (pdfkit)',
        CreationDate: info.created,
        ModDate: info.created,
      }).filter(([, v]) => v !== undefined && v !== '')),
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    const pageObj = this.doc.page as unknown as { width: number; height: number };
    this.geo = {
      width: pageObj.width,
      height: pageObj.height,
      top: margins.top,
      bottom: pageObj.height - margins.bottom,
      left: margins.left,
      right: pageObj.width - margins.right,
    };
    for (const name of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
      this.doc.registerFont(name, loadFont(name));
    }
    this.fonts = {
      regular: new MeasuredFont(this.doc, 'regular'),
      bold: new MeasuredFont(this.doc, 'bold'),
      italic: new MeasuredFont(this.doc, 'italic'),
      boldItalic: new MeasuredFont(this.doc, 'boldItalic'),
    };
    this.y = this.geo.top;
  }

  get textWidth(): number {
    return this.geo.right - this.geo.left;
  }

  newPage(): void {
    this.doc.addPage();
    this.page++;
    this.y = this.geo.top;
  }

  /** Start a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.geo.bottom && this.y > this.geo.top) this.newPage();
  }

  /** Records characters of `text` that `font` cannot show. */
  checkGlyphs(text: string, font: MeasuredFont): void {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x200b || cp === 0xfeff) continue;
      if (!font.hasGlyph(cp) && !this.missing.has(ch)) this.missing.add(ch);
    }
  }

  get missingGlyphs(): string[] {
    return [...this.missing];
  }

  /** Draws one line of text with its baseline at y (top-left coordinates). */
  drawText(text: string, x: number, baseline: number, font: MeasuredFont, size: number, color: Rgb = [0, 0, 0], textWidth?: number): void {
    if (text.length === 0) return;
    this.drawSegments(text.includes('\n') ? null : segments(text), text, x, baseline, font, size, color, textWidth);
  }

  /** Draws a laid-out line (see wrap()) with its baseline at y (top-left coordinates). */
  drawLine(line: Line, x: number, baseline: number, font: MeasuredFont, size: number, color: Rgb = [0, 0, 0]): void {
    if (line.text.length === 0) return;
    this.drawSegments(line.segs, line.text, x, baseline, font, size, color, line.advance);
  }

  /**
   * Each segment is shaped and encoded once per document (MeasuredFont.encoded),
   * and the line's TJ operator is assembled from those pieces: the same
   * operators pdfkit's text() writes, without shaping the line again.
   * Lines with glyphs that need their own offsets go through pdfkit.
   */
  private drawSegments(segs: string[] | null, text: string, x: number, baseline: number, font: MeasuredFont, size: number, color: Rgb, textWidth?: number): void {
    this.doc.font(font.name).fontSize(size).fillColor(color);
    let tj = segs === null ? null : '';
    let pending = '';
    if (segs !== null) {
      for (const seg of segs) {
        const e = font.encoded(seg);
        if (e === null) {
          tj = null;
          break;
        }
        if (!e.checked) {
          this.checkGlyphs(seg, font);
          e.checked = true;
        }
        pending += e.runs[0]!;
        for (let i = 0; i < e.adjust.length; i++) {
          tj += `<${pending}> ${num(e.adjust[i]!)} `;
          pending = e.runs[i + 1]!;
        }
      }
    }
    if (tj === null) {
      this.checkGlyphs(text, font);
      const opts: PDFKit.Mixins.TextOptions & { textWidth?: number } = { lineBreak: false, baseline: 'alphabetic' };
      if (textWidth !== undefined) opts.textWidth = textWidth;
      this.doc.text(text, x, baseline, opts);
      return;
    }
    if (pending) tj += `<${pending}>`;
    const page = this.doc.page as unknown as { height: number; fonts: Record<string, unknown> };
    page.fonts[font.id] ??= font.ref();
    this.doc.addContent(`q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(page.height - baseline)} Tm\n/${font.id} ${num(size)} Tf\n[${tj}] TJ\nET\nQ`);
  }

  /**
   * Wraps and draws a paragraph at the cursor, starting pages as needed.
   * Returns the placed lines (for links and destinations).
   */
  paragraph(text: string, font: MeasuredFont, size: number, opts: { indent?: number; width?: number; leading?: number; color?: Rgb; after?: number } = {}): { line: Line; at: Placed }[] {
    const indent = opts.indent ?? 0;
    const width = opts.width ?? this.textWidth - indent;
    const leading = opts.leading ?? size * 1.4;
    const out: { line: Line; at: Placed }[] = [];
    for (const line of wrap(text, font, size, width)) {
      this.ensure(leading);
      const baseline = this.y + baselineOffset(font, size, leading);
      const x = this.geo.left + indent;
      this.drawLine(line, x, baseline, font, size, opts.color);
      out.push({ line, at: { page: this.page, x, baseline, size, font } });
      this.y += leading;
    }
    this.y += opts.after ?? 0;
    return out;
  }

  /** Running header (pages after the first) and "n / N" footers on every page. */
  decoratePages(headerText: string): void {
    const range = this.doc.bufferedPageRange();
    const f = this.fonts.regular;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const label = `${i + 1} / ${range.count}`;
      const w = f.width(label, 8.5);
      this.drawText(label, (this.geo.width - w) / 2, this.geo.height - 34, f, 8.5, [90, 90, 90], w);
      if (i > 0 && headerText) {
        let h = headerText;
        while (h.length > 1 && f.width(h, 8) > this.textWidth) h = `${h.slice(0, Math.max(1, h.length - 4)).trimEnd()}…`;
        this.drawText(h, this.geo.left, 38, f, 8, [110, 110, 110]);
      }
    }
  }

  /** A named destination at (x, top) on `page`. */
  destination(name: string, page: number, top: number): void {
    this.doc.switchToPage(page);
    this.doc.addNamedDestination(name, 'XYZ', 0, Math.max(0, top), null as unknown as number);
    this.doc.switchToPage(this.page);
  }

  /** An internal GoTo link (to a named destination) over a rectangle of `page`. */
  goTo(page: number, x: number, y: number, w: number, h: number, name: string): void {
    this.doc.switchToPage(page);
    this.doc.goTo(x, y, w, h, name);
    this.doc.switchToPage(this.page);
  }

  /** Outline item pointing at (top) of a page. */
  outlineItem(parent: PDFKit.PDFOutline, title: string, page: number, top: number, expanded = false): PDFKit.PDFOutline {
    const options = { pageNumber: page, top: Math.max(0, top), left: this.geo.width, expanded };
    return (parent as unknown as { addItem(t: string, o: object): PDFKit.PDFOutline }).addItem(title, options);
  }

  async finish(): Promise<{ bytes: Uint8Array; pages: number }> {
    const pages = this.doc.bufferedPageRange().count;
    this.doc.end();
    await this.done;
    const buf = Buffer.concat(this.chunks);
    return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), pages };
  }
}

/** Baseline position within a line box of `leading` points (glyph box centred). */
export function baselineOffset(font: MeasuredFont, size: number, leading: number): number {
  const asc = (font.ascender * size) / 1000;
  const desc = (-font.descender * size) / 1000;
  return (leading - (asc + desc)) / 2 + asc;
}

/** A number as pdfkit writes it in content streams. */
function num(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
