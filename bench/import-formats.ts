// bench:import, the mixed folder: HTML pages (corpus articles in the page
// templates), DOCX and PDF files (the committed fixtures, each copy made
// unique so none is a duplicate) and plain text (corpus files), imported one
// format at a time through the import service: files per second for each,
// and each format's cost relative to plain text measured in the same run.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../db/store.ts';
import { createImportService } from '../electron/import/import-service.ts';
import { blogPage, newsPage, savedPage } from '../scripts/fixtures/html-pages.ts';
import { CORPUS, tempDir } from '../test/helpers/tmp.ts';

const N = Number(process.env.BENCH_FORMAT_FILES ?? 60);
const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'formats');

const corpusFiles = readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d)).sort().map((f) => join(CORPUS, d, f)));

/** A ZIP with `tag` as its archive comment: the same document, other bytes. */
function zipWithComment(zip: Buffer, tag: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const copy = Buffer.from(zip.subarray(0, end + 22));
  copy.writeUInt16LE(tag.length, end + 20);
  return Buffer.concat([copy, Buffer.from(tag, 'latin1')]);
}

const { dir, cleanup } = tempDir('lectern-bench-formats-');
try {
  const folders: Record<string, string> = {};
  const make = (name: string, files: Array<[string, Uint8Array | string]>) => {
    const d = join(dir, name);
    mkdirSync(d);
    for (const [f, data] of files) writeFileSync(join(d, f), data);
    folders[name] = d;
  };
  make('text', corpusFiles.slice(0, N).map((f, i) => [`t${i}.txt`, readFileSync(f)]));
  const templates = [newsPage, blogPage, savedPage];
  make('html', corpusFiles.slice(N, 2 * N).map((f, i) => {
    const [title, ...rest] = readFileSync(f, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const page = templates[i % 3]!({ title: title!, byline: 'Staff reporter', published: '2024-01-01', publisher: 'BBC News', url: `https://example.org/${i}`, body: rest });
    return [`p${i}.html`, page];
  }));
  const docx = readFileSync(join(FIXTURES, 'docx', 'flood-notes.docx'));
  make('docx', Array.from({ length: N }, (_, i) => [`d${i}.docx`, zipWithComment(docx, `copy ${i}`)]));
  const pdfs = ['flood-lo.pdf', 'archive-columns.pdf', 'archive-ps2pdf.pdf', 'flood-pdfkit.pdf', 'flood-cairo.pdf'].map((f) => readFileSync(join(FIXTURES, 'pdf', f)));
  make('pdf', Array.from({ length: N }, (_, i) => [`f${i}.pdf`, Buffer.concat([pdfs[i % pdfs.length]!, Buffer.from(`\n% copy ${i}\n`)])]));

  console.log(`\nbench:import, mixed folder: ${N} files of each format`);
  const rates: Record<string, number> = {};
  for (const [format, folder] of Object.entries(folders)) {
    const store = openStore(join(dir, `${format}.db`));
    const t = performance.now();
    const r = await createImportService(store).importPaths([folder]);
    const s = (performance.now() - t) / 1000;
    store.close();
    rates[format] = r.imported.length / s;
    console.log(`  ${format.padEnd(5)} ${r.imported.length} imported, ${r.failed.length} failed in ${s.toFixed(2)} s: ${rates[format]!.toFixed(1)} files/s`
      + (r.imported[0] ? `  (e.g. "${r.imported[0].summary}")` : ''));
  }
  for (const format of ['html', 'docx', 'pdf']) console.log(`  ${format} costs ${(rates.text! / rates[format]!).toFixed(1)}x a text file`);
} finally {
  cleanup();
}
