// Shared helpers for the export tests: sources built from the seed files,
// annotations made from quotes, and PDF parsing with pdfjs-dist (legacy build).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Annotation, Source } from '../../common/types.ts';
import { codePointLength } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';

/** ../shared (beside the work tree, as on the development and CI machines). */
export const SHARED = new URL('../../../shared/', import.meta.url).pathname;
export const SEED_000 = `${SHARED}fixtures/seeds/000_75a8ae8bdfc13fc0.txt`;
export const SEED_001 = `${SHARED}fixtures/seeds/001_bfe0e10eea0bc990.txt`;

export function makeSource(path: string, extra = '', id = 'src-' + basename(path)): Source {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').normalize('NFC').replace(/\r\n?/g, '\n') + extra;
  const firstLine = text.trim().split('\n')[0]!;
  return {
    id,
    title: firstLine.length <= 150 ? firstLine : firstLine.slice(0, 100) + '…',
    published: '2024-03-30',
    publisher: 'Test Publisher',
    url: 'https://example.org/story',
    byline: null,
    originalPath: path,
    originalName: basename(path),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    encoding: 'utf-8',
    text,
    chars: codePointLength(text),
    importedAt: '2024-04-01T00:00:00.000Z',
    updatedAt: '2024-04-01T00:00:00.000Z',
    format: 'text',
    hasOriginal: false,
    pages: [],
  };
}

let counter = 0;
/** An annotation over the first occurrence of `quote` (throws when absent). */
export function annotate(source: Source, quote: string, fields: Partial<Annotation> = {}): Annotation {
  const i = source.text.indexOf(quote);
  if (i < 0) throw new Error(`quote not in source: ${quote}`);
  const start = codePointLength(source.text.slice(0, i));
  const end = start + codePointLength(quote);
  counter++;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    sourceId: source.id,
    start,
    end,
    ...quoteAt(source.text, start, end),
    color: 'yellow',
    comment: '',
    tags: [],
    status: 'anchored',
    score: null,
    carriedFrom: null,
    author: '',
    created: '2024-04-01T10:00:00.000Z',
    modified: '2024-04-02T11:30:00.000Z',
    ...fields,
  };
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

export async function openPdf(bytes: Uint8Array): Promise<PdfjsDoc> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
    getDocument(o: object): { promise: Promise<PdfjsDoc> };
  };
  return pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
}

export interface PdfjsTextItem { str?: string; transform?: number[]; width?: number; hasEOL?: boolean }
export interface PdfjsAnnotation {
  subtype: string;
  annotationFlags: number;
  color: Uint8ClampedArray | null;
  contentsObj?: { str: string };
  titleObj?: { str: string };
  modificationDate: string | null;
  hasAppearance: boolean;
  quadPoints?: Float32Array;
  overlaidText?: string;
  dest?: unknown;
  rect: number[];
}
export interface PdfjsPage {
  getTextContent(): Promise<{ items: PdfjsTextItem[] }>;
  getAnnotations(): Promise<PdfjsAnnotation[]>;
  view: number[];
}
export interface PdfjsOutlineItem { title: string; dest: unknown; items: PdfjsOutlineItem[] }
export interface PdfjsDoc {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
  getOutline(): Promise<PdfjsOutlineItem[] | null>;
  getDestination(name: string): Promise<unknown[] | null>;
  getPageIndex(ref: unknown): Promise<number>;
  destroy(): Promise<void>;
}

/** Page index (0-based) a destination (name or explicit array) points to. */
export async function destPage(doc: PdfjsDoc, dest: unknown): Promise<number> {
  const arr = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[]);
  if (!arr) throw new Error(`no destination ${String(dest)}`);
  return doc.getPageIndex(arr[0]);
}

/**
 * All text of the document, items joined with spaces, whitespace collapsed.
 * With minSize, only text set at least that large (leaves out page numbers,
 * running headers and margin note numbers, which are set smaller than the body).
 */
export async function pdfText(doc: PdfjsDoc, minSize = 0): Promise<string> {
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    for (const it of (await page.getTextContent()).items) {
      if (it.str && (it.transform?.[0] ?? 0) >= minSize) parts.push(it.str);
    }
  }
  return norm(parts.join(' '));
}

/** Words (poppler pdftotext -bbox) whose centre lies inside one of the quads (PDF coordinates). */
export function wordsInQuads(pdfFile: string, page: number, quads: number[], pageHeight: number): string[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfFile, '-'], { encoding: 'utf8' });
  const words: string[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const cx = (Number(m[1]) + Number(m[3])) / 2;
    const cy = pageHeight - (Number(m[2]) + Number(m[4])) / 2;
    for (let q = 0; q < quads.length; q += 8) {
      const xs = [quads[q]!, quads[q + 2]!, quads[q + 4]!, quads[q + 6]!];
      const ys = [quads[q + 1]!, quads[q + 3]!, quads[q + 5]!, quads[q + 7]!];
      if (cx >= Math.min(...xs) && cx <= Math.max(...xs) && cy >= Math.min(...ys) && cy <= Math.max(...ys)) {
        words.push(m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
        break;
      }
    }
  }
  return words;
}
