// Annotated PDF of one source: title, metadata block, the whole text with its
// paragraphs, page numbers, an outline, and for every annotation both a painted
// highlight (survives printing) and a real /Highlight annotation whose
// /QuadPoints cover exactly the quoted characters, one quad per line.
// Pure: takes the source and its annotations, returns bytes.
//
// Data flows one way: the text is measured into lines (layout.ts), the lines
// become boxes with their marks (flow.ts, highlight.ts), the composer places
// and draws them (pdf-doc.ts); the endnotes, /Highlight annotations and the
// outline are built afterwards from where the highlights were drawn.
import type { Annotation, PageSize, Source, SourcePage } from '../../common/types.ts';
import { pageNameAt } from '../../common/pages.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { paragraphsUtf16, type Span } from '../../common/segment.ts';
import { colorRgb, tint, type Rgb } from './colors.ts';
import { PdfComposer } from './pdf-doc.ts';
import { isPlaced } from '../../common/placement.ts';
import { wrap } from './layout.ts';
import { at, baselineOffset, keep, lineBoxes, space, textBoxes, type Box, type Mark } from './flow.ts';
import { highlightMarks, spanOnLine, underlayColor, writeHighlight } from './highlight.ts';
import { headOf } from './clip.ts';
import { annotationLimits } from '../../common/api.ts';

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

/** An annotation in reading order, with its place in the text (the owner of its highlight marks). */
interface AnnState {
  ann: Annotation;
  n: number; // 1-based number in reading order
  s16: number; // UTF-16 range in source.text; -1 when it has no place
  e16: number;
  noteNo: number | null; // endnote number when it has a comment or tags
  color: Rgb;
  /** Painted behind its words. */
  underlay: Rgb;
  /** Set once a line shows part of it. */
  started: boolean;
}

const BODY_SIZE = 10.5;
const BODY_LEADING = 15.5;
const META_SIZE = 8.5;
const META_LEADING = 12;
const META_LABEL_WIDTH = 78;
const NOTE_INDENT = 22;
const BLACK: Rgb = [0, 0, 0];

/** Characters read of a text for its first words: enough for `max` words of any usual length, never the whole of a huge quote. */
const WORD_ROOM = 64;

/** The first `max` words of text (white space collapsed), with an ellipsis when there is more. */
export function firstWords(text: string, max = 8): string {
  const sample = headOf(text, max * WORD_ROOM);
  const words = sample.replace(/\s+/g, ' ').trim().split(' ');
  const head = words.slice(0, max).join(' ');
  const more = words.length > max || /\S/.test(text.slice(sample.length));
  return more ? `${head}…` : head;
}

/** The most of a comment a PDF prints and carries in /Contents: the API's limit on a comment. */
const MAX_COMMENT = annotationLimits.shape.comment.maxLength ?? 100_000;

/** A comment as the PDF shows it: one over the limit (only older libraries hold those) is cut, saying so. */
export function printedComment(comment: string): string {
  if (comment.length <= MAX_COMMENT) return comment;
  const head = headOf(comment, MAX_COMMENT);
  const count = (n: number): string => n.toLocaleString('en-US');
  return `${head}… [${count(comment.length - head.length)} more characters not printed: the PDF shows the first ${count(MAX_COMMENT)} characters of a comment]`;
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
  const map = new OffsetMap(source.text);
  const states = annotationStates(annotations, map);
  const anchored = states.filter((s) => s.s16 >= 0);
  const extra = (opts.rangeDests ?? [])
    .filter((d) => d.start >= 0 && d.start <= map.codePoints)
    .map((d) => ({ name: d.name, s16: map.toUtf16(d.start) }))
    .sort((a, b) => a.s16 - b.s16);

  const titleAt = cp.placeAll(headerBoxes(cp, source, annotations.length, opts));
  cp.placeAll(bodyBoxes(cp, source.text, anchored, extra, opts));

  // endnotes for comments and tags; orphaned annotations are listed too
  const withNotes = states.filter((s) => s.noteNo !== null || s.s16 < 0);
  let notesAt = null;
  if (withNotes.length > 0) {
    cp.place(space(18));
    cp.place(keep(80));
    notesAt = cp.place(at({ kind: 'dest', name: `${opts.prefix}notes`, top: 0 }));
    cp.placeAll(notesBoxes(cp, withNotes, source.pages, opts.prefix));
  }

  for (const s of anchored) {
    const { ann } = s;
    writeHighlight(cp, s, {
      id: ann.id,
      color: s.color,
      contents: [printedComment(ann.comment).trim(), ann.tags.length > 0 ? `Tags: ${ann.tags.join(', ')}` : ''].filter(Boolean).join('\n\n'),
      author: opts.authorName,
      subject: ann.tags.length > 0 ? ann.tags.join(', ') : 'Highlight',
      created: pdfDate(ann.created, opts.exportedAt),
      modified: pdfDate(ann.modified, opts.exportedAt),
    });
  }

  // outline: title, each annotation by its first words, the notes section
  const top = cp.outlineItem(opts.outline, source.title, titleAt.page, titleAt.top - 4, opts.nestedOutline);
  const root = opts.nestedOutline ? top : opts.outline;
  // A passage of only white space has no line box to point at; it stays in the notes.
  const placed = anchored.flatMap((s) => {
    const first = cp.highlightOf(s)?.first;
    return first ? [{ s, first }] : [];
  });
  if (placed.length > 0) {
    const { first } = placed[0]!;
    const parent = cp.outlineItem(root, `Annotations (${placed.length})`, first.page, first.top - 4, !opts.nestedOutline);
    for (const { s, first: f } of placed) cp.outlineItem(parent, `${s.n}. ${firstWords(s.ann.exact, 7)}`, f.page, f.top - 4);
  }
  if (notesAt) cp.outlineItem(root, 'Notes', notesAt.page, notesAt.top);
}

/** Annotations in reading order, numbered; orphaned ones or ones outside the text get no place. */
function annotationStates(annotations: Annotation[], map: OffsetMap): AnnState[] {
  const sorted = [...annotations].sort((a, b) => a.start - b.start || a.end - b.end);
  let noteCounter = 0;
  return sorted.map((ann, i) => {
    const valid = isPlaced(ann, map.codePoints);
    const hasNote = ann.comment.trim() !== '' || ann.tags.length > 0;
    return {
      ann,
      n: i + 1,
      s16: valid ? map.toUtf16(ann.start) : -1,
      e16: valid ? map.toUtf16(ann.end) : -1,
      noteNo: hasNote ? ++noteCounter : null,
      color: colorRgb(ann.color),
      underlay: underlayColor(colorRgb(ann.color)),
      started: false,
    };
  });
}

/** The title (with its destination), the metadata block and the rule under it. */
function headerBoxes(cp: PdfComposer, source: Source, count: number, opts: RenderSourceOptions): Box[] {
  const { fonts, geo } = cp;
  const meta: [string, string][] = [];
  if (source.byline) meta.push(['By', source.byline]);
  if (source.publisher) meta.push(['Publisher', source.publisher]);
  if (source.published) meta.push(['Published', source.published]);
  if (source.url) meta.push(['URL', source.url]);
  meta.push(['Original file', source.originalPath ?? source.originalName]);
  meta.push(['SHA-256', source.sha256]);
  meta.push(['Exported', `${opts.exportedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${opts.authorName ? ` by ${opts.authorName}` : ''}`]);
  meta.push(['Annotations', String(count)]);
  const grey: Rgb = [70, 70, 70];
  const baseline = baselineOffset(fonts.regular, META_SIZE, META_LEADING);
  const x = geo.left + META_LABEL_WIDTH;
  const rows = meta.flatMap(([label, value]) => wrap(value, fonts.regular, META_SIZE, cp.textWidth - META_LABEL_WIDTH).map((line, i): Box => {
    const marks: Mark[] = [];
    if (i === 0) marks.push({ kind: 'text', text: label, x: geo.left, baseline, font: fonts.bold, size: META_SIZE, color: grey });
    marks.push({ kind: 'line', line, x, baseline, font: fonts.regular, size: META_SIZE, color: grey });
    if (label === 'URL' && /^https?:\/\//i.test(value)) marks.push({ kind: 'uri', x, y: baseline - 8, w: line.width, h: 10, url: value });
    return { height: META_LEADING, keep: META_LEADING, marks };
  }));
  return [
    at({ kind: 'dest', name: `${opts.prefix}title`, top: 0 }),
    ...textBoxes(source.title, cp.textWidth, { x: geo.left, font: fonts.bold, size: 17, leading: 22 }),
    space(6),
    ...rows,
    space(6),
    at({ kind: 'stroke', x1: geo.left, y1: 0, x2: geo.right, y2: 0, width: 0.5, color: [160, 160, 160] }),
    space(12),
  ];
}

/**
 * The body: the source's paragraphs (common/segment.ts) with a gap between
 * two; a single newline inside a paragraph is a line break, as in the reader.
 * Each line carries the highlights over it, the destinations that start on it
 * and the numbered margin marks of the annotations that start on it.
 */
function* bodyBoxes(cp: PdfComposer, text: string, anchored: AnnState[], extra: { name: string; s16: number }[], opts: RenderSourceOptions): Generator<Box> {
  const { fonts, geo } = cp;
  const font = fonts.regular;
  const baseline = baselineOffset(font, BODY_SIZE, BODY_LEADING);
  const top = baseline - (font.ascender * BODY_SIZE) / 1000;
  const bottom = baseline + (-font.descender * BODY_SIZE) / 1000;
  const srcLines = bodyLines(text);
  let next = 0; // index into anchored (sorted by start)
  let nextExtra = 0;
  let active: AnnState[] = [];
  let done = 0;
  let prevParagraph = 0;
  for (const { start: paraStart, text: raw, paragraph } of srcLines) {
    const para = raw.replace(/\t/g, ' ');
    done++;
    if (opts.onProgress && done % 200 === 0) opts.onProgress(done, srcLines.length);
    if (paragraph !== prevParagraph) yield space(BODY_LEADING * 0.5);
    prevParagraph = paragraph;
    for (const line of wrap(para, font, BODY_SIZE, cp.textWidth)) {
      const marks: Mark[] = [];
      const absStart = paraStart + line.start;
      const absEnd = paraStart + line.end;
      while (next < anchored.length && anchored[next]!.s16 < absEnd) active.push(anchored[next++]!);
      while (nextExtra < extra.length && extra[nextExtra]!.s16 < absEnd) marks.push({ kind: 'dest', name: extra[nextExtra++]!.name, top: top - 4 });
      active = active.filter((s) => s.e16 > absStart);
      const starting: AnnState[] = [];
      for (const s of active) {
        const span = spanOnLine(line, paraStart, s.s16, s.e16);
        if (!span) continue;
        marks.push(...highlightMarks(s, line, geo.left, span, top, bottom, s.underlay));
        if (!s.started) {
          s.started = true;
          starting.push(s);
        }
      }
      marks.push({ kind: 'line', line, x: geo.left, baseline, font, size: BODY_SIZE, color: BLACK });
      marks.push(...marginMarks(cp, starting, baseline, top, opts.prefix));
      yield { height: BODY_LEADING, keep: BODY_LEADING, marks };
    }
  }
}

/** Destinations of the annotations starting on a line, and a numbered, linked mark for those with a note. */
function marginMarks(cp: PdfComposer, starting: AnnState[], baseline: number, top: number, prefix: string): Mark[] {
  const { fonts, geo } = cp;
  const marks: Mark[] = [];
  let mx = geo.right + 8;
  for (const s of starting) {
    marks.push({ kind: 'dest', name: annotationDest(prefix, s.ann.id), top: top - 4 });
    if (s.noteNo === null) continue;
    const label = String(s.noteNo);
    const w = fonts.bold.width(label, 7.5);
    marks.push(
      { kind: 'circle', cx: mx + w / 2 + 2.5, cy: baseline - 2.6, r: Math.max(5.2, w / 2 + 2.5), color: tint(s.color, 0.55) },
      { kind: 'text', text: label, x: mx + 2.5, baseline, font: fonts.bold, size: 7.5, color: BLACK, width: w },
      { kind: 'goto', x: mx - 3, y: baseline - 9, w: w + 11, h: 12, dest: `${prefix}note-${s.noteNo}` },
    );
    mx += w + 14;
  }
  return marks;
}

/**
 * The "Notes" heading and one entry per annotation: number, quote with its page (linked; and, for a
 * PDF source, its page in the original file), comment, tags.
 */
function* notesBoxes(cp: PdfComposer, withNotes: AnnState[], originalPages: readonly SourcePage[], prefix: string): Generator<Box> {
  const { fonts, geo } = cp;
  yield* textBoxes('Notes', cp.textWidth, { x: geo.left, font: fonts.bold, size: 14, leading: 20 });
  yield space(4);
  const indented = { x: geo.left + NOTE_INDENT, leading: 14 };
  const width = cp.textWidth - NOTE_INDENT;
  for (const s of withNotes) {
    yield keep(40);
    const first = cp.highlightOf(s)?.first;
    const original = first && pageNameAt(originalPages, s.ann.start);
    const where = !first ? 'orphaned: not found in this text' : original ? `p. ${first.page + 1}; ${original} of the original` : `p. ${first.page + 1}`;
    const quote = wrap(`“${firstWords(s.ann.exact, 24)}” (${where})`, fonts.italic, 9.5, width);
    const [head, ...rest] = lineBoxes(quote, { ...indented, font: fonts.italic, size: 9.5 });
    const label: Mark = { kind: 'text', text: s.noteNo !== null ? `${s.noteNo}.` : '–', x: geo.left, baseline: baselineOffset(fonts.bold, 9.5, 14), font: fonts.bold, size: 9.5, color: BLACK };
    head!.marks.unshift(...(s.noteNo !== null ? [{ kind: 'dest', name: `${prefix}note-${s.noteNo}`, top: 0 } as const] : []), label);
    if (first) head!.marks.push({ kind: 'goto', x: indented.x, y: 0, w: quote[0]!.width, h: 14, dest: annotationDest(prefix, s.ann.id) });
    yield head!;
    yield* rest;
    for (const para of printedComment(s.ann.comment).split('\n')) {
      if (para.trim()) yield* textBoxes(para, width, { ...indented, font: fonts.regular, size: 9.5 });
    }
    if (s.ann.tags.length > 0) yield* textBoxes(`Tags: ${s.ann.tags.join(', ')}`, width, { ...indented, leading: 13, font: fonts.regular, size: 8.5, color: [80, 80, 80] });
    yield space(6);
  }
}
