// A PDF's pages in citations and exports (issue 13.6: "the page of each
// paragraph kept so the annotated export can say 'p. 3' and citations can
// show it"): the page of a passage from the page map, the chip's label, the
// note's Markdown footnote and PDF sources list, the annotated PDF's notes;
// and a real two-page PDF imported, cited on its second page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pageAt, pageNameAt } from '../../common/pages.ts';
import { citationLabel } from '../../common/citation-label.ts';
import { codePointLength } from '../../common/offsets.ts';
import { citationInfo } from '../../electron/export/citation-numbers.ts';
import { noteToMarkdown } from '../../electron/export/note-to-markdown.ts';
import { exportSourcePdf } from '../../electron/export/source-pdf.ts';
import { openStore } from '../../db/store.ts';
import { createImportService } from '../../electron/import/import-service.ts';
import type { Source, SourcePage } from '../../common/types.ts';
import { SEED_001, tempDir } from '../helpers/tmp.ts';
import { annotate, makeSource, openPdf, pdfText } from './export-helpers.ts';

const cpOf = (s: Source, quote: string) => codePointLength(s.text.slice(0, s.text.indexOf(quote)));

test('the page of a code point: the last page starting at or before it; labels where the PDF has them; none without a page map', () => {
  const pages: SourcePage[] = [{ page: 1, label: null, start: 0 }, { page: 2, label: 'ii', start: 100 }, { page: 3, label: null, start: 250 }];
  assert.equal(pageAt(pages, 0)!.page, 1);
  assert.equal(pageAt(pages, 99)!.page, 1);
  assert.equal(pageAt(pages, 100)!.page, 2);
  assert.equal(pageAt(pages, 10_000)!.page, 3);
  assert.equal(pageNameAt(pages, 120), 'p. ii');
  assert.equal(pageNameAt(pages, 260), 'p. 3');
  assert.equal(pageNameAt([], 5), null);
  assert.equal(pageNameAt(null, 5), null);
});

test('a citation of a paged source reads "…, p. N" in the chip, the Markdown footnote and the note PDF facts', () => {
  const plain = makeSource(SEED_001, '', 'plain');
  const at = cpOf(plain, 'Crocus City Hall');
  const paged: Source = { ...plain, id: 'paged', pages: [{ page: 1, label: null, start: 0 }, { page: 2, label: null, start: at - 5 }] };
  assert.equal(citationLabel(paged, 4, '', pageNameAt(paged.pages, at)), 'Test Publisher, 2024-03-30, p. 2');
  assert.equal(citationLabel(plain, 4, '', pageNameAt(plain.pages, at)), 'Test Publisher, 2024-03-30, ¶4');

  const cite = (s: Source) => ({ sourceId: s.id, start: at, end: at + 16, exact: 'Crocus City Hall', sha256: s.sha256, annotationId: null, sourceTitle: s.title });
  assert.equal(citationInfo(cite(paged), new Map([[paged.id, paged]])).page, 'p. 2');
  assert.equal(citationInfo(cite(plain), new Map([[plain.id, plain]])).page, null);
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Where ' }, { type: 'citation', attrs: cite(paged) }] }] };
  const { markdown } = noteToMarkdown({ title: 'Pages', doc }, new Map([[paged.id, paged]]));
  assert.match(markdown, /\[\^1\]: “Crocus City Hall” — \*[^*]+\*, 2024-03-30, p\. 2, ¶ \d+, code points/);
});

test('the annotated PDF of a paged source gives each note its page here and its page in the original', async () => {
  const plain = makeSource(SEED_001, '', 'plain2');
  const at = cpOf(plain, 'Tajik citizens');
  const paged: Source = { ...plain, id: 'paged2', pages: [{ page: 1, label: null, start: 0 }, { page: 2, label: 'B-2', start: at - 3 }] };
  const ann = annotate(paged, 'Tajik citizens', { comment: 'key claim' });
  const text = await pdfText(await openPdf((await exportSourcePdf(paged, [ann], { pageSize: 'A4', authorName: '' })).bytes));
  assert.match(text, /“Tajik citizens” \(p\. \d+; p\. B-2 of the original\)/);
  const other = await pdfText(await openPdf((await exportSourcePdf(plain, [annotate(plain, 'Tajik citizens', { comment: 'key claim' })], { pageSize: 'A4', authorName: '' })).bytes));
  assert.match(other, /“Tajik citizens” \(p\. \d+\)/);
  assert.doesNotMatch(other, /of the original/);
});

test('a real two-page PDF: a passage on its second page is cited "p. 2"', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const r = await createImportService(store).importPaths([join(import.meta.dirname, '..', 'fixtures', 'formats', 'pdf', 'archive-columns.pdf')]);
    const source = store.sources.get(r.imported[0]!.id)!;
    assert.equal(source.pages.length, 2);
    const second = source.pages[1]!.start;
    assert.equal(pageNameAt(source.pages, second + 10), 'p. 2');
    assert.equal(pageNameAt(source.pages, Math.max(0, second - 10)), 'p. 1');
    assert.equal(citationLabel(source, 1, '', pageNameAt(source.pages, second + 10)).endsWith(', p. 2'), true);
  } finally {
    store.close();
    cleanup();
  }
});
