// Annotated PDF of one source: title, metadata block, the whole text with its
// paragraphs, page numbers, an outline, and for every annotation both a painted
// highlight (survives printing) and a real /Highlight annotation whose
// /QuadPoints cover exactly the quoted characters, one quad per line.
// Pure: takes the source and its annotations, returns bytes.
import type { Annotation, PageSize, Source } from '../../common/types.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { paragraphsUtf16, type Span } from '../../common/segment.ts';
import { colorRgb, tint, unit, type Rgb } from './colors.ts';
import { PdfComposer, baselineOffset } from './pdf-doc.ts';
import { wrap } from './layout.ts';

export interface SourcePdfOptions {
  pageSize: PageSize;
  authorName: string;
  exportedAt?: Date;
  /** Called with (done, total) lines while laying out. */
  onProgress?: (done: number, total: number) => void;
}

export interface SourcePdfResult {
  bytes: Uint8Array;
  pages: number;
  missingGlyphs: string[];
}

/** One quad (PDF user space, origin bottom-left): x1,y1 upper-left ... as /QuadPoints orders them. */
type Quad = [number, number, number, number, number, number, number, number];

interface AnnState {
  ann: Annotation;
  n: number; // 1-based number in reading order
  s16: number; // UTF-16 range in source.text
  e16: number;
  noteNo: number | null; // endnote number when it has a comment or tags
  quads: Map<number, Quad[]>; // page -> quads
  first: { page: number; top: number; baseline: number } | null;
}

const BODY_SIZE = 10.5;
const BODY_LEADING = 15.5;
const UNDERLAY_STRENGTH = 0.38; // painted colour behind the text
const AP_OPACITY = 0.3; // annotation appearance (multiply) on top

export function firstWords(text: string, max = 8): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const head = words.slice(0, max).join(' ');
  return words.length > max ? `${head}…` : head;
}

/** A line of the body: UTF-16 start in the source text, its text, and its 0-based paragraph. */
export interface BodyLine {
  start: number;
  text: string;
  paragraph: number;
}

/** The body's lines, paragraph by paragraph (blank lines between paragraphs are not lines). */
export function bodyLines(text: string, paras: Span[] = paragraphsUtf16(text)): BodyLine[] {
  const out: BodyLine[] = [];
  paras.forEach((p, paragraph) => {
    let start = p.start;
    for (const line of text.slice(p.start, p.end).split('\n')) {
      out.push({ start, text: line, paragraph });
      start += line.length + 1;
    }
  });
  return out;
}

function pdfDate(iso: string, fallback: Date): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 10;
}

export async function exportSourcePdf(source: Source, annotations: Annotation[], opts: SourcePdfOptions): Promise<SourcePdfResult> {
  const exportedAt = opts.exportedAt ?? new Date();
  const cp = new PdfComposer(opts.pageSize, {
    title: source.title,
    author: opts.authorName,
    subject: `Annotated source (${annotations.length} annotation${annotations.length === 1 ? '' : 's'})`,
    keywords: [...new Set(annotations.flatMap((a) => a.tags))].join(', '),
    created: exportedAt,
  });
  renderSourceInto(cp, source, annotations, { ...opts, exportedAt, prefix: 'lectern-', outline: cp.doc.outline, nestedOutline: false });
  cp.decoratePages(source.title);
  const { bytes, pages } = await cp.finish();
  return { bytes, pages, missingGlyphs: cp.missingGlyphs };
}

export interface RenderSourceOptions {
  authorName: string;
  exportedAt: Date;
  onProgress?: (done: number, total: number) => void;
  /** Prefix of the named destinations (unique per source in one document). */
  prefix: string;
  outline: PDFKit.PDFOutline;
  /** true: one outline item for the source with its annotations and notes inside; false: them at top level. */
  nestedOutline: boolean;
  /** Extra named destinations at the line holding code point `start` (citations of unannotated passages). */
  rangeDests?: { name: string; start: number }[];
}

/** Destination name of an annotation's highlight in a rendered source. */
export const annotationDest = (prefix: string, annotationId: string): string => `${prefix}a-${annotationId}`;

/**
 * Lays out one annotated source into `cp`, from the cursor (the caller starts a
 * new page first if it wants one). Named destinations: `${prefix}title`,
 * annotationDest(prefix, id) for every anchored annotation, `${prefix}notes`.
 */
export function renderSourceInto(cp: PdfComposer, source: Source, annotations: Annotation[], opts: RenderSourceOptions): void {
  const { exportedAt, prefix } = opts;
  const text = source.text;
  const map = new OffsetMap(text);
  const { fonts, geo } = cp;
  const titlePage = cp.page;
  const titleTop = cp.y;

  // Annotations in reading order; orphaned ones or ones outside the text get no highlight.
  const sorted = [...annotations].sort((a, b) => a.start - b.start || a.end - b.end);
  let noteCounter = 0;
  const states: AnnState[] = sorted.map((ann, i) => {
    const valid = ann.status !== 'orphaned' && ann.start < ann.end && ann.end <= map.codePoints;
    const hasNote = ann.comment.trim() !== '' || ann.tags.length > 0;
    return {
      ann,
      n: i + 1,
      s16: valid ? map.toUtf16(ann.start) : -1,
      e16: valid ? map.toUtf16(ann.end) : -1,
      noteNo: hasNote ? ++noteCounter : null,
      quads: new Map(),
      first: null,
    };
  });
  const anchored = states.filter((s) => s.s16 >= 0);
  const extra = (opts.rangeDests ?? [])
    .filter((d) => d.start >= 0 && d.start <= map.codePoints)
    .map((d) => ({ name: d.name, s16: map.toUtf16(d.start) }))
    .sort((a, b) => a.s16 - b.s16);
  let nextExtra = 0;

  // ---- title and metadata block
  cp.destination(`${prefix}title`, cp.page, cp.y);
  cp.paragraph(source.title, fonts.bold, 17, { leading: 22, after: 6 });
  const meta: [string, string][] = [];
  if (source.byline) meta.push(['By', source.byline]);
  if (source.publisher) meta.push(['Publisher', source.publisher]);
  if (source.published) meta.push(['Published', source.published]);
  if (source.url) meta.push(['URL', source.url]);
  meta.push(['Original file', source.originalPath ?? source.originalName]);
  meta.push(['SHA-256', source.sha256]);
  meta.push(['Exported', `${exportedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${opts.authorName ? ` by ${opts.authorName}` : ''}`]);
  meta.push(['Annotations', String(annotations.length)]);
  const labelW = 78;
  const grey: Rgb = [70, 70, 70];
  for (const [label, value] of meta) {
    const lines = wrap(value, fonts.regular, 8.5, cp.textWidth - labelW);
    lines.forEach((line, i) => {
      cp.ensure(12);
      const baseline = cp.y + baselineOffset(fonts.regular, 8.5, 12);
      if (i === 0) cp.drawText(label, geo.left, baseline, fonts.bold, 8.5, grey);
      cp.drawLine(line, geo.left + labelW, baseline, fonts.regular, 8.5, grey);
      if (label === 'URL' && /^https?:\/\//i.test(value)) {
        cp.doc.link(geo.left + labelW, baseline - 8, line.width, 10, value);
      }
      cp.y += 12;
    });
  }
  cp.y += 6;
  cp.doc.save().moveTo(geo.left, cp.y).lineTo(geo.right, cp.y).lineWidth(0.5).strokeColor([160, 160, 160]).stroke().restore();
  cp.y += 12;

  // ---- body: the source's paragraphs (common/segment.ts), a gap between two;
  // a single newline inside a paragraph is a line break, as in the reader
  const asc = (fonts.regular.ascender * BODY_SIZE) / 1000;
  const desc = (-fonts.regular.descender * BODY_SIZE) / 1000;
  const srcLines = bodyLines(text);
  let next = 0; // index into anchored (sorted by start)
  let active: AnnState[] = [];
  const total = srcLines.length;
  let done = 0;
  let prevParagraph = 0;
  for (const { start: paraStart, text: raw, paragraph } of srcLines) {
    const para = raw.replace(/\t/g, ' ');
    done++;
    if (opts.onProgress && done % 200 === 0) opts.onProgress(done, total);
    if (paragraph !== prevParagraph) cp.y += BODY_LEADING * 0.5;
    prevParagraph = paragraph;
    for (const line of wrap(para, fonts.regular, BODY_SIZE, cp.textWidth)) {
      cp.ensure(BODY_LEADING);
      const baseline = cp.y + baselineOffset(fonts.regular, BODY_SIZE, BODY_LEADING);
      const x0 = geo.left;
      const absStart = paraStart + line.start;
      const absEnd = paraStart + line.end;
      while (next < anchored.length && anchored[next]!.s16 < absEnd) active.push(anchored[next++]!);
      while (nextExtra < extra.length && extra[nextExtra]!.s16 < absEnd) cp.destination(extra[nextExtra++]!.name, cp.page, baseline - asc - 4);
      active = active.filter((s) => s.e16 > absStart);
      const starting: AnnState[] = [];
      for (const s of active) {
        let a = Math.max(s.s16, absStart) - absStart;
        let b = Math.min(s.e16, absEnd) - absStart;
        while (a < b && isSpaceCode(line.text.charCodeAt(a))) a++;
        while (b > a && isSpaceCode(line.text.charCodeAt(b - 1))) b--;
        if (a >= b) continue;
        const xa = x0 + line.xs[a]!;
        const xb = x0 + line.xs[b]!;
        const top = baseline - asc;
        const bottom = baseline + desc;
        // painted underlay, visible when annotations are not printed
        cp.doc.save().rect(xa, top, xb - xa, bottom - top).fillOpacity(0.85).fill(tint(colorRgb(s.ann.color), UNDERLAY_STRENGTH)).restore();
        const H = geo.height;
        const q: Quad = [xa, H - top, xb, H - top, xa, H - bottom, xb, H - bottom];
        const list = s.quads.get(cp.page);
        if (list) list.push(q);
        else s.quads.set(cp.page, [q]);
        if (!s.first) {
          s.first = { page: cp.page, top, baseline };
          starting.push(s);
        }
      }
      cp.drawLine(line, x0, baseline, fonts.regular, BODY_SIZE);
      // numbered margin marks for annotations that start on this line
      let mx = geo.right + 8;
      for (const s of starting) {
        cp.destination(annotationDest(prefix, s.ann.id), cp.page, s.first!.top - 4);
        if (s.noteNo === null) continue;
        const label = String(s.noteNo);
        const w = fonts.bold.width(label, 7.5);
        const c = colorRgb(s.ann.color);
        cp.doc.save().circle(mx + w / 2 + 2.5, baseline - 2.6, Math.max(5.2, w / 2 + 2.5)).fill(tint(c, 0.55)).restore();
        cp.drawText(label, mx + 2.5, baseline, fonts.bold, 7.5, [0, 0, 0], w);
        cp.goTo(cp.page, mx - 3, baseline - 9, w + 11, 12, `${prefix}note-${s.noteNo}`);
        mx += w + 14;
      }
      cp.y += BODY_LEADING;
    }
  }

  // ---- notes (endnotes for comments and tags; orphaned annotations listed too)
  const withNotes = states.filter((s) => s.noteNo !== null || s.s16 < 0);
  let notesPage = -1;
  let notesTop = 0;
  if (withNotes.length > 0) {
    cp.y += 18;
    cp.ensure(80);
    notesPage = cp.page;
    notesTop = cp.y;
    cp.destination(`${prefix}notes`, cp.page, cp.y);
    cp.paragraph('Notes', fonts.bold, 14, { leading: 20, after: 4 });
    for (const s of withNotes) {
      cp.ensure(40);
      const label = s.noteNo !== null ? `${s.noteNo}.` : '–';
      const where = s.first ? `p. ${s.first.page + 1}` : 'not found in this text (orphaned)';
      const headTop = cp.y;
      const notePage = cp.page;
      if (s.noteNo !== null) cp.destination(`${prefix}note-${s.noteNo}`, cp.page, cp.y);
      cp.drawText(label, geo.left, cp.y + baselineOffset(fonts.bold, 9.5, 14), fonts.bold, 9.5);
      const quoteLines = cp.paragraph(`“${firstWords(s.ann.exact, 24)}” (${where})`, fonts.italic, 9.5, { indent: 22, leading: 14 });
      if (s.first) {
        const ql = quoteLines[0]!;
        cp.goTo(notePage, geo.left + 22, headTop, ql.line.width, 14, annotationDest(prefix, s.ann.id));
      }
      if (s.ann.comment.trim()) {
        for (const para of s.ann.comment.split('\n')) {
          if (para.trim()) cp.paragraph(para, fonts.regular, 9.5, { indent: 22, leading: 14 });
        }
      }
      if (s.ann.tags.length > 0) cp.paragraph(`Tags: ${s.ann.tags.join(', ')}`, fonts.regular, 8.5, { indent: 22, leading: 13, color: [80, 80, 80] });
      cp.y += 6;
    }
  }

  // ---- PDF annotations: one /Highlight per annotation per page it touches
  const H = geo.height;
  for (const s of anchored) {
    const c = unit(colorRgb(s.ann.color));
    const modified = pdfDate(s.ann.modified, exportedAt);
    const created = pdfDate(s.ann.created, exportedAt);
    const contentsParts = [s.ann.comment.trim()];
    if (s.ann.tags.length > 0) contentsParts.push(`Tags: ${s.ann.tags.join(', ')}`);
    const contents = contentsParts.filter(Boolean).join('\n\n');
    let part = 0;
    for (const [page, quads] of s.quads) {
      part++;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const q of quads) {
        minX = Math.min(minX, q[0], q[4]); maxX = Math.max(maxX, q[2], q[6]);
        minY = Math.min(minY, q[5], q[7]); maxY = Math.max(maxY, q[1], q[3]);
      }
      const bbox = [minX, minY, maxX, maxY].map(r2);
      const ap = cp.doc.ref({
        Type: 'XObject',
        Subtype: 'Form',
        FormType: 1,
        BBox: bbox,
        Resources: { ExtGState: { GS0: { Type: 'ExtGState', BM: 'Multiply', ca: AP_OPACITY, CA: AP_OPACITY } } },
      });
      let stream = `/GS0 gs ${c.map(r3).join(' ')} rg\n`;
      for (const q of quads) {
        stream += `${r2(q[0])} ${r2(q[1])} m ${r2(q[2])} ${r2(q[3])} l ${r2(q[6])} ${r2(q[7])} l ${r2(q[4])} ${r2(q[5])} l h f\n`;
      }
      ap.end(stream);
      cp.doc.switchToPage(page);
      const annot: Record<string, unknown> = {
        Subtype: 'Highlight',
        QuadPoints: quads.flat().map(r2),
        C: c,
        CA: 1,
        Contents: new String(contents),
        T: new String(opts.authorName),
        M: modified,
        CreationDate: created,
        NM: new String(part === 1 ? s.ann.id : `${s.ann.id}#${part}`),
        Subj: new String(s.ann.tags.length > 0 ? s.ann.tags.join(', ') : 'Highlight'),
        F: 4, // Print
        AP: { N: ap },
      };
      cp.doc.annotate(minX, H - maxY, maxX - minX, maxY - minY, annot as unknown as PDFKit.Mixins.AnnotationOption);
    }
  }
  cp.doc.switchToPage(cp.page);

  // ---- outline: title, each annotation by its first words, the notes section
  const top = cp.outlineItem(opts.outline, source.title, titlePage, titleTop - 4, opts.nestedOutline);
  const root = opts.nestedOutline ? top : opts.outline;
  // A passage of only white space has no line box to point at; it stays in the notes.
  const placed = anchored.filter((s): s is typeof s & { first: NonNullable<typeof s.first> } => s.first !== null);
  if (placed.length > 0) {
    const first = placed[0]!.first;
    const parent = cp.outlineItem(root, `Annotations (${placed.length})`, first.page, first.top - 4, !opts.nestedOutline);
    for (const s of placed) cp.outlineItem(parent, `${s.n}. ${firstWords(s.ann.exact, 7)}`, s.first.page, s.first.top - 4);
  }
  if (notesPage >= 0) cp.outlineItem(root, 'Notes', notesPage, notesTop);
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}
function r3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
