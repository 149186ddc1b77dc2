// The drawing step shared by the source and note exporters: a pdfkit document
// with embedded Noto Serif fonts (subset by pdfkit/fontkit) that places boxes
// (flow.ts) on pages and draws their marks, plus missing-glyph bookkeeping, the
// quads of highlights, running header / page numbers and the finished bytes.
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import type { PageSize } from '../../common/types.ts';
import { MeasuredFont, fontPath, segments, type FontName } from './layout.ts';
import { Pager, type Box, type Mark, type Placement } from './flow.ts';
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

/** One quad of a /Highlight (PDF user space, origin bottom-left), in /QuadPoints order. */
export type Quad = [number, number, number, number, number, number, number, number];

/** The quads drawn for one owner: where the first one is (top-left coordinates) and all of them by page, in drawing order. */
export interface DrawnHighlight {
  first: Placement;
  pages: Map<number, Quad[]>;
}

export class PdfComposer {
  readonly doc: PDFKit.PDFDocument;
  readonly geo: PageGeometry;
  readonly fonts: Record<FontName, MeasuredFont>;
  private readonly pager: Pager;
  private readonly missing = new Set<string>();
  private readonly highlights = new Map<object, DrawnHighlight>();
  /** The fill colour text last set on each page (see fillFor). */
  private readonly textFill = new WeakMap<object, string>();
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
    this.pager = new Pager(this.geo.top, this.geo.bottom);
  }

  get textWidth(): number {
    return this.geo.right - this.geo.left;
  }

  /** Where the next box goes (unless it needs more room than is left on the page). */
  get cursor(): Placement {
    return { page: this.pager.page, top: this.pager.y };
  }

  newPage(): void {
    this.pager.newPage();
    this.doc.addPage();
  }

  /** Places a box at the cursor (on a new page when its room does not fit) and draws its marks there. */
  place(box: Box): Placement {
    const before = this.pager.page;
    const placed = this.pager.place(box);
    if (placed.page !== before) this.doc.addPage();
    for (const mark of box.marks) this.draw(mark, placed);
    return placed;
  }

  /** Places boxes in order; returns where the first one went (the cursor when there are none). */
  placeAll(boxes: Iterable<Box>): Placement {
    let first: Placement | null = null;
    for (const box of boxes) {
      const placed = this.place(box);
      first ??= placed;
    }
    return first ?? this.cursor;
  }

  /** What was drawn of `owner`'s 'quad' marks (undefined: none). */
  highlightOf(owner: object): DrawnHighlight | undefined {
    return this.highlights.get(owner);
  }

  /** Runs `draw` on an earlier page (annotations added after the flow), then returns to the current one. */
  onPage(page: number, draw: () => void): void {
    this.doc.switchToPage(page);
    draw();
    this.doc.switchToPage(this.pager.page);
  }

  private draw(m: Mark, at: Placement): void {
    const { doc } = this;
    const y = at.top;
    switch (m.kind) {
      case 'line':
        if (m.line.text.length > 0) this.drawSegments(m.line.segs, m.line.text, m.x, y + m.baseline, m.font, m.size, m.color, m.line.advance);
        break;
      case 'text':
        this.drawText(m.text, m.x, y + m.baseline, m.font, m.size, m.color, m.width);
        break;
      case 'rect':
        // what save().rect().fillOpacity().fill(color).restore() writes, in three writes instead of seven
        doc.addContent(Q_OPEN).fillOpacity(m.opacity);
        doc.addContent(Buffer.from(`${num(m.x)} ${num(y + m.y)} ${num(m.w)} ${num(m.h)} re\n${rgbFill(m.color)}f\nQ\n`, 'latin1'));
        break;
      case 'circle':
        doc.save().circle(m.cx, y + m.cy, m.r).fill(m.color).restore();
        break;
      case 'stroke':
        doc.save().moveTo(m.x1, y + m.y1).lineTo(m.x2, y + m.y2).lineWidth(m.width).strokeColor(m.color).stroke().restore();
        break;
      case 'uri':
        doc.link(m.x, y + m.y, m.w, m.h, m.url);
        break;
      case 'goto':
        doc.goTo(m.x, y + m.y, m.w, m.h, m.dest);
        break;
      case 'dest':
        doc.addNamedDestination(m.name, 'XYZ', 0, Math.max(0, y + m.top), null as unknown as number);
        break;
      case 'quad': {
        const H = this.geo.height;
        const top = y + m.top;
        const bottom = y + m.bottom;
        const quad: Quad = [m.x1, H - top, m.x2, H - top, m.x1, H - bottom, m.x2, H - bottom];
        const drawn = this.highlights.get(m.owner);
        if (!drawn) this.highlights.set(m.owner, { first: { page: at.page, top }, pages: new Map([[at.page, [quad]]]) });
        else if (drawn.pages.has(at.page)) drawn.pages.get(at.page)!.push(quad);
        else drawn.pages.set(at.page, [quad]);
        break;
      }
    }
  }

  /** Records characters of `text` that `font` cannot show. */
  private checkGlyphs(text: string, font: MeasuredFont): void {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x200b || cp === 0xfeff) continue;
      if (!font.hasGlyph(cp) && !this.missing.has(ch)) this.missing.add(ch);
    }
  }

  get missingGlyphs(): string[] {
    return [...this.missing];
  }

  private drawText(text: string, x: number, baseline: number, font: MeasuredFont, size: number, color: Rgb, textWidth?: number): void {
    if (text.length === 0) return;
    this.drawSegments(text.includes('\n') ? null : segments(text), text, x, baseline, font, size, color, textWidth);
  }

  /**
   * Each segment is shaped and encoded once per document (MeasuredFont.encoded),
   * and the line's TJ operator is assembled from those pieces: the glyphs and
   * kerning pdfkit's text() writes, without shaping the line again. The text
   * matrix is flipped to the page's top-down coordinates (the same text
   * rendering matrix as pdfkit's q/cm/Q around each line), and the fill colour
   * is written only when it changes on the page. Lines with glyphs that need
   * their own offsets go through pdfkit.
   */
  private drawSegments(segs: string[] | null, text: string, x: number, baseline: number, font: MeasuredFont, size: number, color: Rgb, textWidth?: number): void {
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
    const page = this.doc.page as unknown as { fonts: Record<string, unknown> };
    if (tj === null) {
      this.checkGlyphs(text, font);
      const opts: PDFKit.Mixins.TextOptions & { textWidth?: number } = { lineBreak: false, baseline: 'alphabetic' };
      if (textWidth !== undefined) opts.textWidth = textWidth;
      this.doc.font(font.name).fontSize(size).fillColor(color);
      this.textFill.set(page, color.join());
      this.doc.text(text, x, baseline, opts);
      return;
    }
    if (pending) tj += `<${pending}>`;
    page.fonts[font.id] ??= font.ref();
    // bytes, not a string: pdfkit converts strings to bytes one character at a time
    this.doc.addContent(Buffer.from(`${this.fillFor(page, color)}BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n[${tj}] TJ\nET\n`, 'latin1'));
  }

  /**
   * The operators setting `color` as the fill, or '' when it already is on this
   * page. Only text sets the fill outside q/Q (shapes set theirs inside), so the
   * last text colour of a page is its current fill.
   */
  private fillFor(page: object, color: Rgb): string {
    const key = color.join();
    if (this.textFill.get(page) === key) return '';
    this.textFill.set(page, key);
    return rgbFill(color);
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

const Q_OPEN = Buffer.from('q\n', 'latin1');

/** The operators setting an RGB fill, as pdfkit's fillColor writes them. */
function rgbFill(color: Rgb): string {
  return `/DeviceRGB cs\n${color.map((c) => c / 255).join(' ')} scn\n`;
}

/** A number as pdfkit writes it in content streams. */
function num(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
