// PDF import: files made by LibreOffice (page numbers, hyphenation; two
// columns under a running header over two pages), cairo (pdftocairo's
// rewrite), Ghostscript (ps2pdf: two Courier columns, hand-hyphenated) and
// pdfkit (running header and "Page N of M" footer): the article's paragraphs
// in reading order, hyphenation joined, furniture dropped, the page map; a
// scan, an encrypted and a truncated PDF refused with their reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFormat } from '../../electron/import/formats/read.ts';
import { ARCHIVE, FLOOD, expectedParagraphs } from '../../scripts/fixtures/articles.ts';
import { asciiText } from '../../scripts/fixtures/postscript.ts';
import { codePointLength } from '../../common/offsets.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'pdf');
const read = (name: string) => readFormat(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
const paragraphs = (text: string) => text.split('\n\n');
const head = (a: typeof FLOOD) => [a.title, `By ${a.byline}`];

for (const file of ['flood-lo.pdf', 'flood-cairo.pdf']) {
  test(`${file}: every paragraph in order, hyphenated line ends joined, the page number dropped`, async () => {
    const r = await read(file);
    assert.equal(r.format, 'pdf');
    assert.deepEqual(paragraphs(r.text), [...head(FLOOD), ...expectedParagraphs(FLOOD)]);
    assert.deepEqual(r.pages, [{ page: 1, label: null, start: 0 }]);
    assert.match(r.summary, /^PDF: 1 page, 2\d\d words; 1 running header, footer or page number dropped; \d+ hyphenated words? joined$/);
    assert.equal(r.meta.title, FLOOD.title);
  });
}

test('two columns under a running header, over two pages (LibreOffice): reading order, header and page numbers gone, the page map', async () => {
  const r = await read('archive-columns.pdf');
  const body = expectedParagraphs(ARCHIVE);
  assert.deepEqual(paragraphs(r.text), [...head(ARCHIVE), ...body, ...body, ...body, ...body]);
  assert.ok(!r.text.includes('County archives'), 'the running header is not text');
  assert.equal(r.pages?.length, 2);
  const [p1, p2] = r.pages as unknown as [{ start: number }, { start: number }];
  assert.equal(p1.start, 0);
  // page 2 begins where the second page's first line does: inside the text, on a word
  assert.ok(p2.start > 0 && p2.start < codePointLength(r.text));
  assert.match([...r.text].slice(p2.start, p2.start + 1).join(''), /\S/);
  assert.match(r.summary, /4 running headers, footers and page numbers dropped/);
});

test('Ghostscript (ps2pdf): two Courier columns, hand-hyphenated, header and page numbers on two pages', async () => {
  const r = await read('archive-ps2pdf.pdf');
  const body = expectedParagraphs(ARCHIVE).map(asciiText);
  assert.deepEqual(paragraphs(r.text), [...head(ARCHIVE), ...body, ...body, ...body]);
  assert.match(r.summary, /^PDF: 2 pages, .*; 4 running headers, footers and page numbers dropped; \d+ hyphenated words joined$/);
});

test('pdfkit: a running header and "Page N of M" on every page are dropped; title, author and creation date from the document info', async () => {
  const r = await read('flood-pdfkit.pdf');
  assert.deepEqual(paragraphs(r.text), [...head(FLOOD), ...expectedParagraphs(FLOOD), ...expectedParagraphs(FLOOD)]);
  assert.deepEqual({ title: r.meta.title, byline: r.meta.byline, published: r.meta.published }, { title: FLOOD.title, byline: FLOOD.byline, published: FLOOD.published });
  assert.equal(r.pages?.length, 2);
});

test('refused with their reasons: a scan without text, an encrypted PDF, a truncated one, a .pdf that is not a PDF', async () => {
  await assert.rejects(read('scanned.pdf'), /^FormatError: scanned PDF without a text layer \(1 page of images, no text to import; run OCR on it first\)$/);
  await assert.rejects(read('encrypted.pdf'), /encrypted PDF: it needs a password to open/);
  await assert.rejects(read('truncated.pdf'), /damaged PDF/);
  await assert.rejects(readFormat(new TextEncoder().encode('not a pdf at all'), 'fake.pdf'), /not a PDF file \(its content is text\)/);
});
