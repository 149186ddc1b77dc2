// The mixed folder through the import service: every format imported with
// its sniffed format and summary, the original bytes kept (compressed) with
// the same sha256, a PDF's page map stored, hostile files reported by name
// while the others import; the seeds' text and sha256 exactly as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createImportService } from '../../electron/import/import-service.ts';
import { expandOriginal } from '../../electron/import/original-bytes.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats');

test('a folder of HTML, DOCX, PDF and text: formats sniffed, summaries, originals kept byte for byte, page maps; bad files named', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const folder = join(dir, 'mixed');
    cpSync(FIXTURES, folder, { recursive: true });
    cpSync(SEED_000, join(folder, 'seed.txt'));
    writeFileSync(join(folder, 'html', 'empty.html'), '<html><body><script>1</script></body></html>');
    const result = await createImportService(store).importPaths([folder]);
    const byName = new Map(result.imported.map((i) => [i.path.slice(folder.length + 1), i]));
    assert.deepEqual([...byName.keys()].sort(), ['docx/flood-notes.docx', 'html/blog-archive.htm', 'html/news-flood.html', 'html/saved-flood.txt',
      'pdf/archive-columns.pdf', 'pdf/archive-ps2pdf.pdf', 'pdf/flood-cairo.pdf', 'pdf/flood-lo.pdf', 'pdf/flood-pdfkit.pdf', 'seed.txt']);
    assert.deepEqual(result.failed.map((f) => [f.path.slice(folder.length + 1), f.error.split(' (')[0]]).sort(), [
      ['html/empty.html', 'HTML page with no text'],
      ['pdf/encrypted.pdf', 'encrypted PDF: it needs a password to open'],
      ['pdf/scanned.pdf', 'scanned PDF without a text layer'],
      ['pdf/truncated.pdf', 'damaged PDF'],
    ]);
    assert.equal(byName.get('html/saved-flood.txt')!.format, 'html');
    assert.equal(byName.get('seed.txt')!.format, 'text');
    assert.match(byName.get('seed.txt')!.summary, /^Text \(utf-8\): [\d,]+ words$/);
    assert.match(byName.get('docx/flood-notes.docx')!.summary, /^Word document: /);

    for (const [name, item] of byName) {
      const bytes = readFileSync(join(folder, name));
      const source = store.sources.get(item.id)!;
      assert.equal(source.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(source.format, item.format);
      assert.equal(source.hasOriginal, true);
      const kept = store.sources.original(item.id)!;
      assert.deepEqual(Buffer.from(expandOriginal(kept)), bytes, `${name}: the original bytes come back exactly`);
      if (item.format === 'text' || item.format === 'html') assert.equal(kept.codec, 'gzip', `${name} is stored compressed`);
      assert.equal(source.pages.length > 0, item.format === 'pdf', `${name}: a page map only for PDFs`);
    }
    // the seed's text is the file, exactly as before formats existed
    assert.equal(store.sources.get(byName.get('seed.txt')!.id)!.text, readFileSync(SEED_000, 'utf8').normalize('NFC'));
    assert.deepEqual(store.sources.get(byName.get('pdf/archive-columns.pdf')!.id)!.pages.map((p) => p.page), [1, 2]);
  } finally {
    store.close();
    cleanup();
  }
});
