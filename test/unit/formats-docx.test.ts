// DOCX import: a document made by LibreOffice (headings, a quote, a list, a
// footnote, a comment), its core properties; hostile archives (a zip bomb, a
// lying entry size, too many entries) refused before inflating; a ZIP that is
// not a Word document, an old .doc, and a .docx that is text refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFormat } from '../../electron/import/formats/read.ts';
import { readDocx } from '../../electron/import/formats/docx.ts';
import { FLOOD, expectedParagraphs } from '../../scripts/fixtures/articles.ts';
import { zipOf } from '../helpers/zip.ts';

const FILE = join(import.meta.dirname, '..', 'fixtures', 'formats', 'docx', 'flood-notes.docx');
const docx = () => new Uint8Array(readFileSync(FILE));

test('a DOCX made by LibreOffice: the body as paragraphs, then its footnote and its comment (with its author); core properties', async () => {
  const r = await readFormat(docx(), 'flood-notes.docx');
  assert.equal(r.format, 'docx');
  const body = expectedParagraphs(FLOOD)
    .map((p) => p.replace('since records began in 1961.', 'since records began in 1961[1].').replace('had registered,', 'had registered[C1],'));
  assert.deepEqual(r.text.split('\n\n'), [
    FLOOD.title, `By ${FLOOD.byline}`, ...body,
    'Notes', '[1] The Millbrook gauge was moved 300 metres upstream in 1987; levels before then are adjusted.',
    'Comments', '[C1] Desk editor: Check the number with the council before print.',
  ]);
  assert.equal(r.meta.title, FLOOD.title);
  assert.equal(r.meta.byline, FLOOD.byline);
  assert.equal(r.meta.published, FLOOD.published);
  assert.match(r.summary, /^Word document: 2\d\d words; 1 note; 1 comment \(after the body\)$/);
});

const part = (name: string, xml: string) => ({ name, data: new TextEncoder().encode(xml), deflate: true });

test('a zip bomb (entries declaring 320 MB) is refused from its directory, before anything is inflated', async () => {
  const zeros = new Uint8Array(16 * 1024 * 1024);
  const bomb = zipOf([part('word/document.xml', '<w:document/>'), ...Array.from({ length: 20 }, (_, i) => ({ name: `word/media/image${i}.png`, data: zeros, deflate: true }))]);
  assert.ok(bomb.length < 1024 * 1024, 'small on disk');
  await assert.rejects(readFormat(bomb, 'bomb.docx'), /Word document refused: its archive expands to more than 256 MB \(a zip bomb\?\)/);
});

test('an entry that inflates to more than it declares is stopped at what it declared; too many entries are refused', async () => {
  const liar = zipOf([{ name: 'word/document.xml', data: new Uint8Array(8 * 1024 * 1024).fill(0x20), deflate: true, declaredSize: 1000 },
    part('[Content_Types].xml', '<Types/>')]);
  await assert.rejects(readFormat(liar, 'liar.docx'), /damaged Word document \(/);
  const many = zipOf(Array.from({ length: 60 }, (_, i) => part(`word/part${i}.xml`, '<x/>')));
  await assert.rejects(readDocx(many, 'many.docx', { maxEntries: 50, maxTotal: 1e9, maxEntry: 1e9 }), /Word document refused: 60 entries in its archive \(the limit is 50\)/);
});

test('not a Word document: another ZIP, an OpenDocument file, an old .doc (OLE), a text file named .docx, a damaged archive', async () => {
  await assert.rejects(readFormat(zipOf([part('readme.txt', 'hello')]), 'x.docx'), /a ZIP archive, not a Word \(\.docx\) document/);
  await assert.rejects(readFormat(zipOf([part('mimetype', 'application/vnd.oasis.opendocument.text'), part('content.xml', '<x/>')]), 'x.docx'), /an OpenDocument file/);
  await assert.rejects(readFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old.doc.docx'), /old Word \(\.doc\) file/);
  await assert.rejects(readFormat(new TextEncoder().encode('plain words'), 'fake.docx'), /not a Word \(\.docx\) file \(its content is text\)/);
  const cut = docx().subarray(0, 3000);
  await assert.rejects(readFormat(cut, 'cut.docx'), /damaged Word document/);
});
