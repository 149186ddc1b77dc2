// HTML pages (.html, .htm, and pages saved under a text name): the article,
// as Firefox's Reader View finds it (@mozilla/readability), on a DOM built by
// linkedom (chosen over jsdom by bench/html-dom.ts: same extractions, several
// times faster). Neither runs the page's scripts or fetches anything: linkedom
// has no script engine and no network. Headings, paragraphs, quotes and list
// items become paragraphs; metadata comes from the page itself.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractMetadata, shorten } from '../metadata.ts';
import { blocksOf, joinBlocks } from './html-text.ts';
import { decodeHtml } from './html-charset.ts';
import type { Decoded } from '../decode.ts';
import { pageMetadata } from './html-metadata.ts';
import { FormatError, countWords, plural, type Extracted } from './types.ts';

/** HTML pages are read up to this size (markup included); real articles are a few hundred kilobytes. */
export const MAX_HTML_BYTES = 20 * 1024 * 1024;
/** Readability gives up on pages with more elements than this (bounded work). */
const MAX_ELEMENTS = 200_000;
const MAX_TITLE = 300;

const documentOf = (html: string): Document => parseHTML(html).document as unknown as Document;

/** Reads a page already decoded (the dispatcher sniffed it), or decodes its bytes. */
export function readHtml(bytes: Uint8Array, name: string, decoded?: Decoded): Extracted {
  if (bytes.length > MAX_HTML_BYTES) {
    throw new FormatError(`HTML page too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; pages are read up to ${MAX_HTML_BYTES / 1024 / 1024} MB)`);
  }
  decoded ??= decodeHtml(bytes);
  const html = decoded.text;
  const doc = documentOf(html);
  const page = pageMetadata(doc, html);
  const pageBlocks = doc.body ? blocksOf(doc.body) : [];

  const article = extractArticle(doc);
  const articleBlocks = article?.content ? blocksOf(article.content) : [];
  // Readability finds no article in a page that is all content (a bare saved page): then the whole body is the text.
  const found = articleBlocks.length > 0;
  const blocks = found ? articleBlocks : pageBlocks;
  const title = shorten(page.title ?? article?.title ?? '', MAX_TITLE) || null;
  // The headline belongs to the article text (citations and versions read it), though Readability lifts it out.
  if (title && found && !startsLike(blocks[0] ?? '', title)) blocks.unshift(title);
  const text = joinBlocks(blocks);
  if (text.trim() === '') throw new FormatError('HTML page with no text');

  const fallback = extractMetadata(text, name);
  const words = countWords(text);
  const dropped = Math.max(0, pageBlocks.length - articleBlocks.length);
  return {
    format: 'html',
    text,
    encoding: decoded.encoding,
    meta: {
      title: title ?? fallback.title,
      byline: page.byline ?? cleanByline(article?.byline) ?? null,
      published: page.published ?? fallback.published,
      publisher: page.publisher ?? article?.siteName ?? null,
      url: page.url,
    },
    pages: null,
    summary: found
      ? `HTML article: ${plural(words, 'word')}; ${plural(dropped, 'other block')} dropped (navigation, ads, comments)`
      : `HTML page (no article found, the whole page kept): ${plural(words, 'word')}`,
  };
}

function extractArticle(doc: Document) {
  try {
    return new Readability<Element>(doc, { maxElemsToParse: MAX_ELEMENTS, serializer: (el) => el as Element }).parse();
  } catch (err) {
    if (/Aborting parsing document/.test((err as Error).message)) {
      throw new FormatError(`HTML page too complex (more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements)`);
    }
    throw err;
  }
}

const normalized = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const startsLike = (block: string, title: string) => normalized(block).startsWith(normalized(title).replace(/…$/, ''));

function cleanByline(byline: string | null | undefined): string | null {
  const b = byline?.replace(/\s+/g, ' ').replace(/^by\s+/i, '').trim();
  return b ? shorten(b, 200) : null;
}
