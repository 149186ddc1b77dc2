// Dropping an HTML page, a DOCX, a PDF and a scanned PDF on the window: the
// summary says what each gave ("HTML article: … words; … other blocks
// dropped"), names the refused scan with its reason, and the reader shows
// the article's text, not the page's markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { dropFiles, fileFromDisk } from './helpers.ts';
import { FLOOD } from '../../scripts/fixtures/articles.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats');

test('dropped HTML, DOCX and PDF files: the summary says what was extracted, a scan is refused with its reason', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await page.getByText('Drop text files here').first().waitFor();
    await dropFiles(page, [
      fileFromDisk(join(FIXTURES, 'html', 'news-flood.html')),
      fileFromDisk(join(FIXTURES, 'docx', 'flood-notes.docx')),
      fileFromDisk(join(FIXTURES, 'pdf', 'archive-columns.pdf')),
      fileFromDisk(join(FIXTURES, 'pdf', 'scanned.pdf')),
    ]);
    const dialog = page.getByRole('dialog', { name: 'Import finished' });
    await dialog.waitFor();
    const summary = await dialog.innerText();
    assert.match(summary, /3\s+imported · 0\s+duplicates · 1\s+failed/);
    assert.match(summary, /HTML article: [\d,]+ words; \d+ other blocks dropped \(navigation, ads, comments\)/);
    assert.match(summary, /Word document: [\d,]+ words; 1 note; 1 comment \(after the body\)/);
    assert.match(summary, /PDF: 2 pages, [\d,]+ words; 4 running headers, footers and page numbers dropped/);
    assert.match(summary, /scanned\.pdf: scanned PDF without a text layer/);
    if (process.env.LECTERN_SCREENSHOTS) await page.screenshot({ path: join(process.env.LECTERN_SCREENSHOTS, 'import-formats-summary.png') });
    await dialog.getByRole('button', { name: FLOOD.title }).first().click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    const reader = page.locator('.reader-text');
    await reader.getByText('Volunteers from the rowing club').first().waitFor();
    assert.doesNotMatch(await reader.innerText(), /Advertisement|cookie|<p>/);
  });
});
