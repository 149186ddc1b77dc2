// PDFs with a text layer (pdfjs-dist, Mozilla's PDF.js, the legacy build for
// Node): each page's text runs -> lines -> reading order (./pdf-lines.ts),
// running headers, footers and page numbers dropped (./pdf-furniture.ts),
// paragraphs across lines, columns and pages with hyphenation joined
// (./pdf-paragraphs.ts), and the page where each begins kept (the page map).
// A PDF with no text layer (a scan), an encrypted one and a damaged one are
// refused with that reason. Nothing in the PDF is run: no JavaScript (eval is
// off, scripting is not loaded), no fonts loaded, nothing fetched.
import { createRequire } from 'node:module';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { dirname, join } from 'node:path';
import { extractMetadata, parseDate } from '../metadata.ts';
import { linesOf, readingOrder, type TextRun } from './pdf-lines.ts';
import { dropFurniture } from './pdf-furniture.ts';
import { paragraphsOf } from './pdf-paragraphs.ts';
import { joinBlocks } from './html-text.ts';
import { FormatError, countWords, plural, type Extracted } from './types.ts';

/** Pages read at most (bounded work); a longer PDF is refused. */
export const MAX_PDF_PAGES = 5_000;
/** Text runs per page beyond which a page is not text but drawing made of glyphs. */
const MAX_RUNS_PER_PAGE = 50_000;

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** pdfjs' character maps (CJK fonts' text needs them), from its package folder. */
const cMapUrl = () => `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps')}/`;

interface PdfTextItem { str: string; transform: number[]; width: number; height: number }

export async function readPdf(bytes: Uint8Array, name: string): Promise<Extracted> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: a copy, so the original bytes stay
    data: new Uint8Array(bytes), isEvalSupported: false, enableXfa: false, disableFontFace: true, useSystemFonts: false,
    cMapUrl: cMapUrl(), cMapPacked: true, verbosity: 0, stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as Error;
    if (e.name === 'PasswordException') throw new FormatError('encrypted PDF: it needs a password to open (remove the password and import it again)');
    throw new FormatError(`damaged PDF (${e.message || e.name})`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new FormatError(`PDF too long (${doc.numPages.toLocaleString('en-US')} pages; the limit is ${MAX_PDF_PAGES.toLocaleString('en-US')})`);
    const labels = await doc.getPageLabels().catch(() => null);
    const pages = [];
    let failed = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let runs: TextRun[] = [];
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
        const items = (content.items as PdfTextItem[]).filter((i) => typeof i.str === 'string');
        if (items.length > MAX_RUNS_PER_PAGE) throw new FormatError(`PDF page ${n} has more than ${MAX_RUNS_PER_PAGE.toLocaleString('en-US')} pieces of text`);
        runs = items.map((i) => ({
          text: i.str, x: i.transform[4]!, y: i.transform[5]!, width: i.width,
          size: Math.hypot(i.transform[2]!, i.transform[3]!) || i.height,
        }));
        page.cleanup();
      } catch (err) {
        if (err instanceof FormatError) throw err;
        failed++;
      }
      pages.push({ page: n, label: labels?.[n - 1] || null, lines: linesOf(runs) });
    }
    if (failed === doc.numPages) throw new FormatError('damaged PDF (no page can be read)');
    const furniture = dropFurniture(pages.map((p) => p.lines));
    const ordered = pages.map((p, i) => ({ ...p, lines: readingOrder(furniture.pages[i]!) }));
    const { paragraphs, pages: pageMap, hyphenationsJoined } = paragraphsOf(ordered);
    const text = joinBlocks(paragraphs);
    if (text.trim() === '') {
      throw new FormatError(`scanned PDF without a text layer (${plural(doc.numPages, 'page')} of images, no text to import; run OCR on it first)`);
    }
    const info = await doc.getMetadata().catch(() => null);
    const infoDict = (info?.info ?? {}) as Record<string, unknown>;
    const title = usableTitle(info?.metadata?.get('dc:title') ?? infoDict.Title);
    const author = usable(info?.metadata?.get('dc:creator') ?? infoDict.Author);
    const fallback = extractMetadata(text, name);
    const blank = ordered.filter((p) => p.lines.length === 0).length;
    return {
      format: 'pdf',
      text,
      encoding: '',
      meta: { ...fallback, title: title ?? fallback.title, byline: author, published: pdfDate(infoDict.CreationDate) ?? fallback.published },
      pages: pageMap,
      summary: [`PDF: ${plural(doc.numPages, 'page')}, ${plural(countWords(text), 'word')}`,
        furniture.dropped > 0 && `${plural(furniture.dropped, 'running header, footer or page number', 'running headers, footers and page numbers')} dropped`,
        hyphenationsJoined > 0 && `${plural(hyphenationsJoined, 'hyphenated word')} joined`,
        blank > 0 && `${plural(blank, 'page')} without text`,
        failed > 0 && `${plural(failed, 'page')} could not be read`].filter(Boolean).join('; '),
    };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function usable(v: unknown): string | null {
  const s = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
  return s && !/^(?:untitled|unknown|anonymous)$/i.test(s) ? s : null;
}

/** A document title, not a file name a producer put there ("Microsoft Word - draft3.docx"). */
function usableTitle(v: unknown): string | null {
  const s = usable(v);
  return s && !/\.(?:docx?|odt|rtf|txt|pdf|indd|tex|dvi|ps)$/i.test(s) && !/^Microsoft Word - /i.test(s) ? s : null;
}

/** D:YYYYMMDDHHmmSS… -> YYYY-MM-DD */
function pdfDate(v: unknown): string | null {
  const m = typeof v === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(v) : null;
  return m ? parseDate(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`) : null;
}
