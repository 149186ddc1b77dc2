// A note (ProseMirror JSON) as a PDF document: headings, lists, quotes, marks,
// links; each citation a numbered marker with an internal GoTo link to its entry
// in a "Sources" section (quote, source title, date, paragraph number, sha256).
// withSources appends the annotated sources and links each marker to the cited
// passage there instead. Pure: the caller passes the sources and annotations.
//
// Data flows one way: note nodes become runs of text, runs become measured
// line boxes (rich-text.ts), the composer places and draws them (pdf-doc.ts).
// Only a quotation's rule looks back at where its block was placed.
import type { Annotation, PageSize, Source } from '../../common/types.ts';
import type { ParagraphIndex } from '../../common/segment.ts';
import type { CitationAttrs } from '../../common/citation.ts';
import type { PmJson } from '../../common/note-doc.ts';
import { PdfComposer, type PageGeometry } from './pdf-doc.ts';
import type { FontName, MeasuredFont } from './layout.ts';
import { at, keep, space, type Placement } from './flow.ts';
import { richBoxes, type Run } from './rich-text.ts';
import { headOf } from './clip.ts';
import { annotationDest, renderSourceInto } from './source-pdf.ts';
import { CitationNumbers, citationInfo, citationOf, collectCitations } from './citation-numbers.ts';
import type { Rgb } from './colors.ts';

export interface NotePdfOptions {
  pageSize: PageSize;
  authorName: string;
  exportedAt?: Date;
  withSources?: boolean;
  /** Sources by id (those the note cites; others are ignored). */
  sources: Map<string, Source>;
  /** Annotations by source id (for withSources). */
  annotations?: Map<string, Annotation[]>;
}

export interface NotePdfResult {
  bytes: Uint8Array;
  pages: number;
  missingGlyphs: string[];
  citations: number;
}

const LINK: Rgb = [20, 80, 170];
const TEXT: Rgb = [0, 0, 0];
const BODY_SIZE = 11;
const BODY_LEADING = BODY_SIZE * 1.45;
const INDENT = { quote: 16, list: 18 };
/** Characters of a cited passage printed in Sources. */
const QUOTE_SHOWN = 600;

export async function exportNotePdf(note: { title: string; doc: unknown }, opts: NotePdfOptions): Promise<NotePdfResult> {
  const exportedAt = opts.exportedAt ?? new Date();
  const doc = (note.doc ?? { type: 'doc', content: [] }) as PmJson;
  const cites = collectCitations(doc);
  const cp = new PdfComposer(opts.pageSize, {
    title: note.title, author: opts.authorName, subject: `Note with ${cites.list.length} citation${cites.list.length === 1 ? '' : 's'}`, created: exportedAt,
  }, { top: 64, bottom: 64, left: 72, right: 72 });
  const links = citationTargets(cites.list, opts);
  const numbers = new CitationNumbers();
  for (const c of cites.list) numbers.number(c);
  const ctx: NoteContext = { cp, fonts: cp.fonts, geo: cp.geo, numbers, targets: links.targets };

  cp.place(at({ kind: 'dest', name: 'note-title', top: 0 }));
  placeRich(ctx, [{ text: note.title, font: ctx.fonts.bold, size: 20, color: TEXT }], 0, 26);
  placeRich(ctx, [{ text: `Exported ${exportedAt.toISOString().slice(0, 10)}${opts.authorName ? ` by ${opts.authorName}` : ''}`, font: ctx.fonts.regular, size: 9, color: [90, 90, 90] }], 0, 9 * 1.45);
  cp.place(space(10));
  placeBlocks(ctx, doc.content, 0);
  const sourcesAt = cites.list.length > 0 ? placeSources(ctx, cites.list, opts.sources) : null;

  const root = cp.doc.outline;
  cp.outlineItem(root, note.title, 0, 0);
  if (sourcesAt) cp.outlineItem(root, 'Sources', sourcesAt.page, sourcesAt.top);
  if (opts.withSources) {
    const parent = links.cited.length ? cp.outlineItem(root, 'Annotated sources', cp.cursor.page, 0, true) : null;
    for (const id of links.cited) {
      cp.newPage();
      renderSourceInto(cp, opts.sources.get(id)!, opts.annotations?.get(id) ?? [], {
        authorName: opts.authorName, exportedAt, prefix: links.prefixOf.get(id)!, outline: parent!, nestedOutline: true,
        rangeDests: links.rangeDests.get(id) ?? [],
      });
    }
  }

  cp.decoratePages(note.title);
  const { bytes, pages } = await cp.finish();
  return { bytes, pages, missingGlyphs: cp.missingGlyphs, citations: cites.list.length };
}

interface NoteContext {
  cp: PdfComposer;
  fonts: Record<FontName, MeasuredFont>;
  geo: PageGeometry;
  /** Citation numbers in reading order (the same passage keeps its number). */
  numbers: CitationNumbers;
  /** The destination each citation number links to (index: number - 1). */
  targets: string[];
}

/**
 * Where each citation links: its entry in Sources, or with withSources the
 * highlighted annotation in the appended source, or a destination at the
 * cited range there (rangeDests) when the passage has no annotation.
 */
function citationTargets(list: CitationAttrs[], opts: NotePdfOptions) {
  const cited = [...new Set(list.map((c) => c.sourceId))].filter((id) => opts.sources.has(id));
  const prefixOf = new Map(cited.map((id, i) => [id, `s${i + 1}-`]));
  const rangeDests = new Map<string, { name: string; start: number }[]>();
  const targetOf = (n: number, c: CitationAttrs): string => {
    const prefix = prefixOf.get(c.sourceId);
    if (!opts.withSources || !prefix) return `cite-${n}`;
    const anns = opts.annotations?.get(c.sourceId) ?? [];
    const ann = c.annotationId ? anns.find((a) => a.id === c.annotationId && a.status !== 'orphaned') : undefined;
    if (ann) return annotationDest(prefix, ann.id);
    const name = `${prefix}c-${n}`;
    const dests = rangeDests.get(c.sourceId) ?? [];
    dests.push({ name, start: c.start });
    rangeDests.set(c.sourceId, dests);
    return name;
  };
  return { cited, prefixOf, rangeDests, targets: list.map((c, i) => targetOf(i + 1, c)) };
}

function fontFor(fonts: NoteContext['fonts'], marks: PmJson['marks'], base: 'regular' | 'italic'): MeasuredFont {
  const bold = marks?.some((m) => m.type === 'strong');
  const italic = base === 'italic' || marks?.some((m) => m.type === 'em');
  return bold && italic ? fonts.boldItalic : bold ? fonts.bold : italic ? fonts.italic : fonts.regular;
}

/** The inline content of a block as runs of text (marks become fonts, colours, links; citations numbered markers). */
function runsOf(ctx: NoteContext, nodes: PmJson[] | undefined, size: number, base: 'regular' | 'italic', boldAll = false): Run[] {
  const runs: Run[] = [];
  const { fonts } = ctx;
  for (const n of nodes ?? []) {
    if (n.type === 'text' && n.text) {
      const marks = boldAll ? [...(n.marks ?? []), { type: 'strong' }] : n.marks;
      const link = n.marks?.find((m) => m.type === 'link');
      const code = n.marks?.some((m) => m.type === 'code');
      const url = typeof link?.attrs?.href === 'string' ? link.attrs.href : undefined;
      runs.push({
        text: n.text.replace(/[\t\n]/g, ' '), font: fontFor(fonts, marks, base), size: code ? size * 0.95 : size,
        color: url ? LINK : code ? [120, 40, 40] : TEXT, ...(url ? { url } : {}),
        underline: Boolean(url) || Boolean(n.marks?.some((m) => m.type === 'underline')),
      });
    } else if (n.type === 'hard_break') {
      if (runs.length) runs[runs.length - 1]!.br = true;
      else runs.push({ text: '', font: fonts.regular, size, color: TEXT, br: true });
    } else if (n.type === 'citation') {
      const k = ctx.numbers.number(citationOf(n));
      runs.push({ text: `[${k}]`, font: fonts.bold, size: size * 0.7, color: LINK, dest: ctx.targets[k - 1]!, raise: size * 0.33 });
    } else if (n.content) {
      for (const run of runsOf(ctx, n.content, size, base, boldAll)) runs.push(run);
    }
  }
  return runs;
}

function placeRich(ctx: NoteContext, runs: Run[], indent: number, leading: number): void {
  const { geo } = ctx;
  ctx.cp.placeAll(richBoxes(runs, geo.left + indent, geo.right - geo.left - indent, leading));
}

/** A rule left of a quoted block placed since `from` (only when the block stayed on one page). */
function placeBar(ctx: NoteContext, from: Placement, indent: number): void {
  const to = ctx.cp.cursor;
  const x = ctx.geo.left + indent + 6;
  if (from.page === to.page) ctx.cp.place(at({ kind: 'stroke', x1: x, y1: from.top + 2 - to.top, x2: x, y2: -4, width: 1.5, color: [190, 190, 190] }));
}

function placeBlocks(ctx: NoteContext, nodes: PmJson[] | undefined, indent: number): void {
  const { cp, geo } = ctx;
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'heading': {
        const level = Number(n.attrs?.level) || 1;
        const size = level === 1 ? 17 : level === 2 ? 14.5 : 12.5;
        cp.place(space(6));
        cp.place(keep(size * 3));
        placeRich(ctx, runsOf(ctx, n.content, size, 'regular', true), indent, size * 1.35);
        cp.place(space(3));
        break;
      }
      case 'paragraph':
        placeRich(ctx, runsOf(ctx, n.content, BODY_SIZE, 'regular'), indent, BODY_LEADING);
        cp.place(space(6));
        break;
      case 'quote': {
        const from = cp.cursor;
        placeRich(ctx, runsOf(ctx, n.content, BODY_SIZE, 'italic'), indent + INDENT.quote, BODY_LEADING);
        placeBar(ctx, from, indent);
        cp.place(space(6));
        break;
      }
      case 'blockquote': {
        const from = cp.cursor;
        placeBlocks(ctx, n.content, indent + INDENT.quote);
        placeBar(ctx, from, indent);
        break;
      }
      case 'horizontal_rule':
        cp.place({ height: 14, keep: 14, marks: [{ kind: 'stroke', x1: geo.left + indent, y1: 6, x2: geo.right, y2: 6, width: 0.5, color: [150, 150, 150] }] });
        break;
      case 'bullet_list':
      case 'ordered_list': {
        let k = Number(n.attrs?.order) || 1;
        for (const item of n.content ?? []) {
          const marker = n.type === 'ordered_list' ? `${k++}.` : '•';
          cp.place(keep(BODY_LEADING));
          cp.place(at({ kind: 'text', text: marker, x: geo.left + indent + 4, baseline: BODY_LEADING * 0.72, font: ctx.fonts.regular, size: BODY_SIZE, color: TEXT }));
          placeBlocks(ctx, item.content, indent + INDENT.list);
        }
        cp.place(space(2));
        break;
      }
      default:
        if (n.content) placeBlocks(ctx, n.content, indent);
    }
  }
}

/** The Sources section: per citation its number and quote, the source's facts (linked with withSources) and sha256. */
function placeSources(ctx: NoteContext, list: CitationAttrs[], sources: Map<string, Source>): Placement {
  const { cp, fonts } = ctx;
  cp.place(space(12));
  const sourcesAt = cp.place(keep(90));
  placeRich(ctx, [{ text: 'Sources', font: fonts.bold, size: 15, color: TEXT }], 0, 22);
  const idx = new Map<string, ParagraphIndex>();
  list.forEach((c, i) => {
    const info = citationInfo(c, sources, idx);
    const target = ctx.targets[i]!;
    cp.place({ height: 0, keep: 44, marks: [{ kind: 'dest', name: `cite-${i + 1}`, top: 0 }] });
    // at most QUOTE_SHOWN characters of the quote (collapsed from a bounded head of it)
    const quote = headOf(c.exact, 2 * QUOTE_SHOWN).replace(/\s+/g, ' ').trim();
    const more = quote.length > QUOTE_SHOWN || c.exact.length > 2 * QUOTE_SHOWN;
    placeRich(ctx, [
      { text: `[${i + 1}] `, font: fonts.bold, size: 10, color: TEXT },
      { text: `“${more ? `${quote.slice(0, QUOTE_SHOWN)}…` : quote}”`, font: fonts.italic, size: 10, color: TEXT },
    ], 0, 10 * 1.45);
    const facts = [info.title, info.published, info.page, info.paragraph ? `paragraph ${info.paragraph}` : null, info.sourceFound ? null : 'source not in the library'].filter(Boolean).join(' · ');
    const link = target.startsWith('cite-') ? {} : { dest: target };
    placeRich(ctx, [{ text: facts, font: fonts.regular, size: 9.5, color: link.dest ? LINK : TEXT, ...link }], 22, 9.5 * 1.45);
    if (info.sha256) placeRich(ctx, [{ text: `sha256 ${info.sha256}`, font: fonts.regular, size: 8, color: [90, 90, 90] }], 22, 8 * 1.45);
    cp.place(space(5));
  });
  return sourcesAt;
}
