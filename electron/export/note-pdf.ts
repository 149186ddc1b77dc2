// A note (ProseMirror JSON) as a PDF document: headings, lists, quotes, marks,
// links; each citation a numbered marker with an internal GoTo link to its entry
// in a "Sources" section (quote, source title, date, paragraph number, sha256).
// withSources appends the annotated sources and links each marker to the cited
// passage there instead. Pure: the caller passes the sources and annotations.
import type { Annotation, PageSize, Source } from '../../common/types.ts';
import type { ParagraphIndex } from '../../common/note-schema.ts';
import { PdfComposer } from './pdf-doc.ts';
import { segments, type MeasuredFont } from './layout.ts';
import { annotationDest, renderSourceInto } from './source-pdf.ts';
import { CitationNumbers, citationInfo, citationOf, collectCitations, type CitationJson, type PmJsonNode } from './note-markdown.ts';
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

interface Run {
  text: string;
  font: MeasuredFont;
  size: number;
  color: Rgb;
  url?: string;
  dest?: string;
  raise?: number;
  underline?: boolean;
  /** A forced line break after this run (hard_break). */
  br?: boolean;
}

interface Token { run: Run; text: string; width: number; visible: number; br: boolean }

const LINK: Rgb = [20, 80, 170];
const TEXT: Rgb = [0, 0, 0];

export async function exportNotePdf(note: { title: string; doc: unknown }, opts: NotePdfOptions): Promise<NotePdfResult> {
  const exportedAt = opts.exportedAt ?? new Date();
  const doc = (note.doc ?? { type: 'doc', content: [] }) as PmJsonNode;
  const cites = collectCitations(doc);
  const cp = new PdfComposer(opts.pageSize, {
    title: note.title, author: opts.authorName, subject: `Note with ${cites.list.length} citation${cites.list.length === 1 ? '' : 's'}`, created: exportedAt,
  }, { top: 64, bottom: 64, left: 72, right: 72 });
  const { fonts, geo } = cp;

  // where each citation number links to
  const cited = [...new Set(cites.list.map((c) => c.sourceId))].filter((id) => opts.sources.has(id));
  const prefixOf = new Map(cited.map((id, i) => [id, `s${i + 1}-`]));
  const rangeDests = new Map<string, { name: string; start: number }[]>();
  const targetOf = (n: number, c: CitationJson): string => {
    const prefix = prefixOf.get(c.sourceId);
    if (!opts.withSources || !prefix) return `cite-${n}`;
    const anns = opts.annotations?.get(c.sourceId) ?? [];
    const ann = c.annotationId ? anns.find((a) => a.id === c.annotationId && a.status !== 'orphaned') : undefined;
    if (ann) return annotationDest(prefix, ann.id);
    const name = `${prefix}c-${n}`;
    const list = rangeDests.get(c.sourceId) ?? [];
    list.push({ name, start: c.start });
    rangeDests.set(c.sourceId, list);
    return name;
  };
  const targets = cites.list.map((c, i) => targetOf(i + 1, c));
  const numbers = new CitationNumbers();
  for (const c of cites.list) numbers.number(c);

  // ---- rich-text layout
  const fontFor = (marks: PmJsonNode['marks'], base: 'regular' | 'italic'): MeasuredFont => {
    const bold = marks?.some((m) => m.type === 'strong');
    const italic = base === 'italic' || marks?.some((m) => m.type === 'em');
    return bold && italic ? fonts.boldItalic : bold ? fonts.bold : italic ? fonts.italic : fonts.regular;
  };

  const runsOf = (nodes: PmJsonNode[] | undefined, size: number, base: 'regular' | 'italic', boldAll = false): Run[] => {
    const runs: Run[] = [];
    for (const n of nodes ?? []) {
      if (n.type === 'text' && n.text) {
        const marks = boldAll ? [...(n.marks ?? []), { type: 'strong' }] : n.marks;
        const link = n.marks?.find((m) => m.type === 'link');
        const code = n.marks?.some((m) => m.type === 'code');
        const url = typeof link?.attrs?.href === 'string' ? link.attrs.href : undefined;
        runs.push({
          text: n.text.replace(/[\t\n]/g, ' '), font: fontFor(marks, base), size: code ? size * 0.95 : size,
          color: url ? LINK : code ? [120, 40, 40] : TEXT, ...(url ? { url } : {}),
          underline: Boolean(url) || Boolean(n.marks?.some((m) => m.type === 'underline')),
        });
      } else if (n.type === 'hard_break') {
        if (runs.length) runs[runs.length - 1]!.br = true;
        else runs.push({ text: '', font: fonts.regular, size, color: TEXT, br: true });
      } else if (n.type === 'citation') {
        const k = numbers.number(citationOf(n));
        runs.push({ text: `[${k}]`, font: fonts.bold, size: size * 0.7, color: LINK, dest: targets[k - 1]!, raise: size * 0.33 });
      } else if (n.content) {
        runs.push(...runsOf(n.content, size, base, boldAll));
      }
    }
    return runs;
  };

  const drawRich = (runs: Run[], indent: number, size: number, leading = size * 1.45): void => {
    const width = geo.right - geo.left - indent;
    const tokens: Token[] = [];
    for (const run of runs) {
      const segs = segments(run.text);
      segs.forEach((seg, i) => {
        const w = run.font.width(seg, run.size);
        const vis = run.font.width(seg.trimEnd(), run.size);
        tokens.push({ run, text: seg, width: w, visible: vis, br: Boolean(run.br) && i === segs.length - 1 });
      });
      if (segs.length === 0 && run.br) tokens.push({ run, text: '', width: 0, visible: 0, br: true });
    }
    const lines: Token[][] = [];
    let line: Token[] = [];
    let w = 0;
    for (const t of tokens) {
      if (line.length > 0 && w + t.visible > width) {
        lines.push(line);
        line = [];
        w = 0;
      }
      line.push(t);
      w += t.width;
      if (t.br) {
        lines.push(line);
        line = [];
        w = 0;
      }
    }
    if (line.length) lines.push(line);
    for (const l of lines) {
      cp.ensure(leading);
      const baseline = cp.y + leading * 0.72;
      let x = geo.left + indent;
      // merge neighbouring tokens of one run into one drawn fragment
      let i = 0;
      while (i < l.length) {
        const run = l[i]!.run;
        let text = '';
        let fw = 0;
        while (i < l.length && l[i]!.run === run) { text += l[i]!.text; fw += l[i]!.width; i++; }
        const vis = run.font.width(text.trimEnd(), run.size);
        cp.drawText(text, x, baseline - (run.raise ?? 0), run.font, run.size, run.color);
        if (run.underline && vis > 0) {
          cp.doc.save().moveTo(x, baseline + 1.5).lineTo(x + vis, baseline + 1.5).lineWidth(0.5).strokeColor(run.color).stroke().restore();
        }
        if (run.url && vis > 0) cp.doc.link(x, baseline - run.size, vis, run.size * 1.3, run.url);
        if (run.dest && vis > 0) cp.goTo(cp.page, x - 1, baseline - (run.raise ?? 0) - run.size, vis + 2, run.size * 1.4, run.dest);
        x += fw;
      }
      cp.y += leading;
    }
  };

  const bar = (fromPage: number, fromY: number, x: number): void => {
    // a rule to the left of quoted blocks (only when the block stayed on one page)
    if (fromPage === cp.page) cp.doc.save().moveTo(x, fromY + 2).lineTo(x, cp.y - 4).lineWidth(1.5).strokeColor([190, 190, 190]).stroke().restore();
  };

  const renderBlocks = (nodes: PmJsonNode[] | undefined, indent: number): void => {
    for (const n of nodes ?? []) {
      switch (n.type) {
        case 'heading': {
          const level = Number(n.attrs?.level) || 1;
          const size = level === 1 ? 17 : level === 2 ? 14.5 : 12.5;
          cp.y += 6;
          cp.ensure(size * 3);
          drawRich(runsOf(n.content, size, 'regular', true), indent, size, size * 1.35);
          cp.y += 3;
          break;
        }
        case 'paragraph':
          drawRich(runsOf(n.content, 11, 'regular'), indent, 11);
          cp.y += 6;
          break;
        case 'quote': {
          const p = cp.page;
          const y = cp.y;
          drawRich(runsOf(n.content, 11, 'italic'), indent + 16, 11);
          bar(p, y, geo.left + indent + 6);
          cp.y += 6;
          break;
        }
        case 'blockquote': {
          const p = cp.page;
          const y = cp.y;
          renderBlocks(n.content, indent + 16);
          bar(p, y, geo.left + indent + 6);
          break;
        }
        case 'horizontal_rule':
          cp.ensure(14);
          cp.doc.save().moveTo(geo.left + indent, cp.y + 6).lineTo(geo.right, cp.y + 6).lineWidth(0.5).strokeColor([150, 150, 150]).stroke().restore();
          cp.y += 14;
          break;
        case 'bullet_list':
        case 'ordered_list': {
          let k = Number(n.attrs?.order) || 1;
          for (const item of n.content ?? []) {
            const marker = n.type === 'ordered_list' ? `${k++}.` : '•';
            cp.ensure(11 * 1.45);
            cp.drawText(marker, geo.left + indent + 4, cp.y + 11 * 1.45 * 0.72, fonts.regular, 11);
            renderBlocks(item.content, indent + 18);
          }
          cp.y += 2;
          break;
        }
        default:
          if (n.content) renderBlocks(n.content, indent);
      }
    }
  };

  // ---- title, body
  cp.destination('note-title', 0, geo.top);
  drawRich([{ text: note.title, font: fonts.bold, size: 20, color: TEXT }], 0, 20, 26);
  drawRich([{ text: `Exported ${exportedAt.toISOString().slice(0, 10)}${opts.authorName ? ` by ${opts.authorName}` : ''}`, font: fonts.regular, size: 9, color: [90, 90, 90] }], 0, 9);
  cp.y += 10;
  renderBlocks(doc.content, 0);

  // ---- Sources
  let sourcesPage = -1;
  let sourcesTop = 0;
  if (cites.list.length > 0) {
    cp.y += 12;
    cp.ensure(90);
    sourcesPage = cp.page;
    sourcesTop = cp.y;
    drawRich([{ text: 'Sources', font: fonts.bold, size: 15, color: TEXT }], 0, 15, 22);
    const idx = new Map<string, ParagraphIndex>();
    cites.list.forEach((c, i) => {
      const info = citationInfo(c, opts.sources, idx);
      cp.ensure(44);
      cp.destination(`cite-${i + 1}`, cp.page, cp.y);
      const quote = c.exact.replace(/\s+/g, ' ').trim();
      drawRich([
        { text: `[${i + 1}] `, font: fonts.bold, size: 10, color: TEXT },
        { text: `“${quote.length > 600 ? `${quote.slice(0, 600)}…` : quote}”`, font: fonts.italic, size: 10, color: TEXT },
      ], 0, 10);
      const facts = [info.title, info.published, info.paragraph ? `paragraph ${info.paragraph}` : null, info.sourceFound ? null : 'source not in the library'].filter(Boolean).join(' · ');
      const link = targets[i]!.startsWith('cite-') ? {} : { dest: targets[i]! };
      drawRich([{ text: facts, font: fonts.regular, size: 9.5, color: link.dest ? LINK : TEXT, ...link }], 22, 9.5);
      if (info.sha256) drawRich([{ text: `sha256 ${info.sha256}`, font: fonts.regular, size: 8, color: [90, 90, 90] }], 22, 8);
      cp.y += 5;
    });
  }
  const root = cp.doc.outline;
  cp.outlineItem(root, note.title, 0, 0);
  if (sourcesPage >= 0) cp.outlineItem(root, 'Sources', sourcesPage, sourcesTop);

  // ---- appended annotated sources
  if (opts.withSources) {
    const parent = cited.length ? cp.outlineItem(root, 'Annotated sources', cp.page, 0, true) : null;
    cited.forEach((id) => {
      const source = opts.sources.get(id)!;
      cp.newPage();
      renderSourceInto(cp, source, opts.annotations?.get(id) ?? [], {
        authorName: opts.authorName, exportedAt, prefix: prefixOf.get(id)!, outline: parent!, nestedOutline: true,
        rangeDests: rangeDests.get(id) ?? [],
      });
    });
  }

  cp.decoratePages(note.title);
  const { bytes, pages } = await cp.finish();
  return { bytes, pages, missingGlyphs: cp.missingGlyphs, citations: cites.list.length };
}
