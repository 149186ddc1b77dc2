import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportNotePdf } from '../../electron/export/note-pdf.ts';
import { ParagraphIndex } from '../../common/segment.ts';
import type { Annotation, Source } from '../../common/types.ts';
import { SEED_000, SEED_001, annotate, destPage, hasTool, makeSource, norm, openPdf, pdfText, type PdfjsDoc } from './export-helpers.ts';

const s1 = makeSource(SEED_001, '', 'src-1');
const s0 = makeSource(SEED_000, '', 'src-0');
const a1 = annotate(s1, 'Tajik citizens', { comment: 'key claim', color: 'green' });
const a0 = annotate(s0, 'Dossier Center in London', { color: 'blue' });
const cit = (src: Source, an: { start: number; end: number; exact: string }, annotationId: string | null) =>
  ({ sourceId: src.id, start: an.start, end: an.end, exact: an.exact, sha256: src.sha256, annotationId, sourceTitle: src.title });
// a citation of a passage with no annotation
const plainAt = s1.text.indexOf('Crocus City Hall');
const plain = { start: [...s1.text.slice(0, plainAt)].length, end: [...s1.text.slice(0, plainAt)].length + 16, exact: 'Crocus City Hall' };
const doc = { type: 'doc', content: [
  { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'How the story travelled' }] },
  { type: 'paragraph', content: [
    { type: 'text', text: 'One version says ' }, { type: 'text', marks: [{ type: 'em' }], text: 'Tajik citizens' }, { type: 'citation', attrs: cit(s1, a1, a1.id) },
    { type: 'text', text: ', the other names the ' }, { type: 'text', marks: [{ type: 'strong' }], text: 'Dossier Center' }, { type: 'citation', attrs: cit(s0, a0, a0.id) },
    { type: 'text', text: ' and ' }, { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://example.org/x' } }], text: 'a link' }, { type: 'text', text: '.' },
  ] },
  { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first point' }] }] }] },
  { type: 'quote', content: [{ type: 'text', text: 'Crocus City Hall ' }, { type: 'citation', attrs: cit(s1, plain, null) }] },
] };
const sources = new Map([[s1.id, s1], [s0.id, s0]]);
const annotations = new Map<string, Annotation[]>([[s1.id, [a1]], [s0.id, [a0]]]);

async function linksByDest(doc: PdfjsDoc): Promise<{ page: number; dest: string }[]> {
  const out: { page: number; dest: string }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    for (const a of await (await doc.getPage(p)).getAnnotations()) if (a.subtype === 'Link' && typeof a.dest === 'string') out.push({ page: p, dest: a.dest });
  }
  return out;
}

test('note PDF: headings, lists, quotes, marks and a Sources section with quote, title, date, paragraph, sha256', async () => {
  const r = await exportNotePdf({ title: 'Crocus reporting', doc }, { pageSize: 'A4', authorName: 'Ada', sources, annotations });
  assert.equal(r.citations, 3);
  assert.deepEqual(r.missingGlyphs, []);
  const pdf = await openPdf(r.bytes);
  const text = await pdfText(pdf);
  for (const want of ['Crocus reporting', 'How the story travelled', 'One version says', 'Tajik citizens', '[1]', '[2]', '[3]', '• first point', 'Sources',
    '“Tajik citizens”', norm(s1.title), '2024-03-30', `paragraph ${new ParagraphIndex(s1.text).numberAt(a1.start)}`, s1.sha256, s0.sha256]) {
    assert.ok(text.includes(want) || text.includes(want.replace('• ', '')), `has ${want}`);
  }
  assert.ok(text.indexOf('Sources') > text.indexOf('first point'));
  // each marker links (GoTo) to its entry: the entry's page holds "[n]"
  const links = await linksByDest(pdf);
  const cites = links.filter((l) => l.dest.startsWith('cite-'));
  assert.equal(cites.length, 3, 'one GoTo link per citation marker');
  for (const l of cites) {
    const target = await destPage(pdf, l.dest);
    const items = (await (await pdf.getPage(target + 1)).getTextContent()).items.map((i) => i.str);
    assert.ok(items.some((s) => s?.startsWith(`[${l.dest.slice(5)}]`)), `${l.dest} lands on its entry`);
  }
  // the URL link is a URI action, not an internal one
  const uris = (await (await pdf.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Link' && (a as unknown as { url?: string }).url === 'https://example.org/x');
  assert.equal(uris.length, 1);
});

test('note PDF --with-sources: the annotated sources are appended and markers link to the highlighted passage there', async (t) => {
  const r = await exportNotePdf({ title: 'Crocus reporting', doc }, { pageSize: 'Letter', authorName: 'Ada', sources, annotations, withSources: true });
  const pdf = await openPdf(r.bytes);
  assert.ok(r.pages >= 3);
  const text = await pdfText(pdf);
  assert.ok(text.includes(norm(s1.text.split('\n')[2]!)), 'source 001 body appended');
  assert.ok(text.includes('Dossier Center in London'), 'source 000 body appended');
  const links = await linksByDest(pdf);
  const toA1 = links.filter((l) => l.dest === `s1-a-${a1.id}`);
  const toA0 = links.filter((l) => l.dest === `s2-a-${a0.id}`);
  assert.ok(toA1.length >= 1 && toA0.length >= 1);
  for (const [dest, ann] of [[toA1[0]!.dest, a1], [toA0[0]!.dest, a0]] as const) {
    const page = await destPage(pdf, dest);
    assert.ok(page >= 1, 'lands in the appended part');
    const highlights = (await (await pdf.getPage(page + 1)).getAnnotations()).filter((a) => a.subtype === 'Highlight');
    assert.ok(highlights.some((h) => norm(h.overlaidText ?? '') === ann.exact), `highlight of ${ann.exact} on the target page`);
  }
  // the unannotated passage: a destination at its line
  const plainLink = links.find((l) => l.dest.startsWith('s1-c-'))!;
  const plainPage = await destPage(pdf, plainLink.dest);
  const pageText = (await (await pdf.getPage(plainPage + 1)).getTextContent()).items.map((i) => i.str).join(' ');
  assert.ok(pageText.includes('Crocus City Hall'));
  const outline = (await pdf.getOutline())!.map((o) => o.title);
  assert.deepEqual(outline, ['Crocus reporting', 'Sources', 'Annotated sources']);
  if (!hasTool('qpdf')) { t.skip('qpdf is not installed'); return; }
  const file = join(mkdtempSync(join(tmpdir(), 'lectern-note-pdf-')), 'note.pdf');
  writeFileSync(file, r.bytes);
  assert.match(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }), /No syntax or stream encoding errors found/);
});
