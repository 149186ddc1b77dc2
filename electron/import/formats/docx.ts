// Word documents (.docx): the body's headings, paragraphs, lists and tables
// through mammoth (its HTML, turned into paragraphs as a web page's are),
// then the footnotes and endnotes, then the comments with their authors, as
// text after the body. Core properties give title, author and date. The
// archive is opened with bounded work (./zip.ts): a zip bomb is refused
// before anything is inflated. Images are never read.
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { extractMetadata } from '../metadata.ts';
import { blocksOf, joinBlocks } from './html-text.ts';
import { openZip, type ZipLimits } from './zip.ts';
import { commentAuthors, coreProperties } from './docx-parts.ts';
import { FormatError, countWords, plural, type Extracted } from './types.ts';

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxTotal: 256 * 1024 * 1024,
  maxEntry: 64 * 1024 * 1024,
};

const WHAT = 'Word document';

export async function readDocx(bytes: Uint8Array, name: string, limits: ZipLimits = DOCX_LIMITS): Promise<Extracted> {
  const zip = await openZip(bytes, limits, WHAT);
  if (!zip.exists('word/document.xml')) {
    const odf = zip.exists('content.xml') && zip.exists('mimetype');
    throw new FormatError(odf ? 'an OpenDocument file, not a Word (.docx) document (save it as .docx)'
      : 'a ZIP archive, not a Word (.docx) document (no word/document.xml)');
  }
  const readText = async (part: string) => (zip.exists(part) ? (await zip.read(part, 'utf-8')) as string : '');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ file: zip } as unknown as { buffer: Buffer }, {
      styleMap: ['comment-reference => sup'],
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    });
    html = result.value;
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError(`damaged ${WHAT} (${(err as Error).message})`);
  }
  const core = coreProperties(await readText('docProps/core.xml'));
  const authors = commentAuthors(await readText('word/comments.xml'));

  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = (document as unknown as Document).body;
  // mammoth's back-links (↑) after each note and comment are navigation, not text
  for (const a of Array.from(body.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"], a[href^="#comment-ref-"]'))) a.remove();
  const notes: string[] = [];
  for (const li of Array.from(body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'))) {
    notes.push(`[${notes.length + 1}] ${Array.from(li.childNodes).flatMap(blocksOf).join(' ')}`);
  }
  for (const list of Array.from(body.querySelectorAll('ol'))) if (list.querySelector('li[id^="footnote-"], li[id^="endnote-"]')) list.remove();
  const comments: string[] = [];
  for (const dt of Array.from(body.querySelectorAll('dt[id^="comment-"]'))) {
    const id = dt.id.slice('comment-'.length);
    // a comment without its author's initials is labelled [1], like a footnote: [C1] tells them apart
    const label = (dt.textContent ?? '').replace(/^Comment\s*/, '').trim().replace(/^\[(\d+)\]$/, '[C$1]');
    for (const ref of Array.from(body.querySelectorAll(`a[href="#comment-${id}"]`))) ref.textContent = label;
    const dd = dt.nextElementSibling?.tagName === 'DD' ? dt.nextElementSibling : null;
    const author = authors.get(id);
    comments.push(`${label} ${author ? `${author}: ` : ''}${dd ? blocksOf(dd).join(' ') : ''}`.trim());
    dd?.remove();
    dt.remove();
  }
  for (const dl of Array.from(body.querySelectorAll('dl'))) if (!dl.textContent?.trim()) dl.remove();

  const blocks = blocksOf(body);
  if (blocks.length === 0 && notes.length === 0) throw new FormatError(`${WHAT} with no text`);
  const all = [...blocks, ...(notes.length ? ['Notes', ...notes] : []), ...(comments.length ? ['Comments', ...comments] : [])];
  const text = joinBlocks(all);
  const fallback = extractMetadata(text, name);
  return {
    format: 'docx',
    text,
    encoding: 'utf-8',
    meta: { ...fallback, title: core.title ?? fallback.title, byline: core.author ?? null, published: core.created ?? fallback.published },
    pages: null,
    summary: `Word document: ${plural(countWords(joinBlocks(blocks)), 'word')}`
      + `${notes.length ? `; ${plural(notes.length, 'note')}` : ''}${comments.length ? `; ${plural(comments.length, 'comment')}` : ''} (after the body)`,
  };
}
