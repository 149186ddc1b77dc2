import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSourcePdf } from '../../electron/export/source-pdf.ts';
import { colorRgb } from '../../electron/export/colors.ts';
import type { Annotation, Source } from '../../common/types.ts';
import {
  SEED_000, SEED_001, annotate, destPage, hasTool, makeSource, norm, openPdf, pdfText, wordsInQuads,
  type PdfjsAnnotation, type PdfjsDoc,
} from './export-helpers.ts';

const MULTILINGUAL = '\n\nΚαλημέρα κόσμε, η Ελλάδα — Привет, мир: Москва и Кёльн. “Curly” ‘quotes’ – en dash … ellipsis.\n';
const BODY_SIZE = 10.5;
const dir = mkdtempSync(join(tmpdir(), 'lectern-export-pdf-'));

interface Exported { source: Source; anns: Annotation[]; file: string; doc: PdfjsDoc; pages: number; missing: string[] }

async function exportSeed001(pageSize: 'A4' | 'Letter' = 'A4'): Promise<Exported> {
  const source = makeSource(SEED_001, MULTILINGUAL);
  const anns = [
    annotate(source, 'The Dossier Center is a Russian investigation group backed by Mikhail Khodorkovsky, an exiled former Russian oil tycoon turned Kremlin critic.', {
      color: 'yellow', comment: 'Who funds the Dossier Center?\nCheck the 2019 filings.', tags: ['funding', 'actors/khodorkovsky'],
    }),
    annotate(source, 'Tajik citizens', { color: 'green', comment: '' }),
    // long passage from the middle of page 1 to page 2: spans many lines and a page break
    annotate(source, 'Shocking footage of the attack showed how victims fled for their lives', { color: 'blue' }),
    annotate(source, 'Привет, мир: Москва и Кёльн.', { color: 'pink', comment: 'Cyrillic — “quoted”', tags: ['lang/ru'] }),
    annotate(source, 'Καλημέρα κόσμε, η Ελλάδα', { color: 'purple' }),
  ];
  // extend the third annotation to the end of a later paragraph so it crosses the page break
  const long = anns[2]!;
  const endQuote = 'to secure another term, has repeatedly suggested,';
  const endAt = source.text.indexOf(endQuote) + endQuote.length;
  anns[2] = annotate(source, source.text.slice(source.text.indexOf('Shocking footage'), endAt), { color: 'blue', id: long.id, comment: 'Spans pages' });
  const r = await exportSourcePdf(source, anns, { pageSize, authorName: 'Ada Researcher', exportedAt: new Date('2024-05-01T12:00:00Z') });
  const file = join(dir, `seed001-${pageSize}.pdf`);
  writeFileSync(file, r.bytes);
  return { source, anns, file, doc: await openPdf(r.bytes), pages: r.pages, missing: r.missingGlyphs };
}

async function highlights(doc: PdfjsDoc): Promise<{ page: number; a: PdfjsAnnotation; height: number }[]> {
  const out: { page: number; a: PdfjsAnnotation; height: number }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    for (const a of await page.getAnnotations()) if (a.subtype === 'Highlight') out.push({ page: p, a, height: page.view[3]! });
  }
  return out;
}

const ex = exportSeed001();

test('source PDF: all the text is there, in order, with title and metadata', async () => {
  const { source, doc, missing, pages } = await ex;
  assert.equal(doc.numPages, pages);
  assert.ok(pages >= 2);
  const all = await pdfText(doc);
  assert.ok(all.startsWith(norm(source.title)), 'title first');
  for (const want of ['Publisher', 'Test Publisher', 'SHA-256', source.sha256, source.originalPath!, 'Exported', '2024-05-01']) {
    assert.ok(all.includes(want), `metadata ${want}`);
  }
  const body = await pdfText(doc, 10);
  let from = body.indexOf(norm(source.text.split('\n')[0]!), 1);
  for (const para of source.text.split('\n').map(norm).filter(Boolean)) {
    const at = body.indexOf(para, from);
    assert.ok(at >= 0, `paragraph in order: ${para.slice(0, 60)}`);
    from = at + para.length;
  }
  assert.deepEqual(missing, [], 'Latin, Greek, Cyrillic, curly quotes and dashes all have glyphs');
});

test('source PDF: each annotation is a /Highlight with colour, contents, author, date, print flag, appearance', async () => {
  const { anns, doc } = await ex;
  const hs = await highlights(doc);
  for (const ann of anns) {
    const mine = hs.filter((h) => sameAnnotation(h.a, ann)); // colours are distinct per annotation here
    assert.ok(mine.length >= 1, `highlight for ${ann.exact.slice(0, 30)}`);
    for (const { a } of mine) {
      assert.equal(a.subtype, 'Highlight');
      assert.deepEqual([...a.color!], colorRgb(ann.color));
      const contents = a.contentsObj?.str ?? '';
      if (ann.comment) assert.ok(contents.includes(ann.comment), 'comment in /Contents');
      for (const t of ann.tags) assert.ok(contents.includes(t), 'tag in /Contents');
      assert.equal(a.titleObj?.str, 'Ada Researcher');
      assert.equal(a.modificationDate, 'D:20240402113000Z');
      assert.equal(a.annotationFlags & 4, 4, 'Print flag');
      assert.equal(a.hasAppearance, true, '/AP /N present');
    }
  }
  assert.equal(hs.length, anns.length + 1, 'the page-spanning passage has one highlight on each of its two pages');
});

function sameAnnotation(a: PdfjsAnnotation, ann: Annotation): boolean {
  const c = [...(a.color ?? [])];
  return c.join() === colorRgb(ann.color).join();
}

test('source PDF: the text under each annotation\'s quads is exactly the quote (pdfjs and poppler)', async (t) => {
  const { anns, doc, file } = await ex;
  const hs = await highlights(doc);
  for (const ann of anns) {
    const mine = hs.filter((h) => sameAnnotation(h.a, ann));
    // pdfjs' own reading of the text under the quads
    const overlaid = norm(mine.map((h) => h.a.overlaidText ?? '').join(' '));
    assert.equal(overlaid, norm(ann.exact));
    // one quad per line: each quad holds one text line
    for (const h of mine) {
      const q = h.a.quadPoints!;
      assert.equal(q.length % 8, 0);
      const page = await doc.getPage(h.page);
      const items = (await page.getTextContent()).items.filter((it) => it.str?.trim() && it.transform && it.transform[0] === BODY_SIZE);
      for (let i = 0; i < q.length; i += 8) {
        const top = q[i + 1]!;
        const bottom = q[i + 5]!;
        const inside = items.filter((it) => it.transform![5]! > bottom && it.transform![5]! < top);
        assert.equal(inside.length, 1, 'exactly one line of text in each quad');
        const it = inside[0]!;
        assert.ok(q[i]! >= it.transform![4]! - 0.01 && q[i + 2]! <= it.transform![4]! + it.width! + 0.01, 'quad within its line');
      }
    }
  }
  const spanning = anns[2]!;
  const pagesOfSpanning = new Set(hs.filter((h) => sameAnnotation(h.a, spanning)).map((h) => h.page));
  assert.equal(pagesOfSpanning.size, 2, 'the long passage spans two pages');
  if (!hasTool('pdftotext')) {
    t.diagnostic('poppler-utils (pdftotext) not installed: word-box check skipped');
    return;
  }
  for (const ann of anns) {
    const words: string[] = [];
    for (const h of hs.filter((x) => sameAnnotation(x.a, ann))) words.push(...wordsInQuads(file, h.page, [...h.a.quadPoints!], h.height));
    assert.equal(words.join(' '), norm(ann.exact), `poppler words under quads of ${ann.exact.slice(0, 30)}`);
  }
});

test('source PDF: outline, margin-note links and named destinations resolve to the right pages', async () => {
  const { source, doc, anns } = await ex;
  const outline = (await doc.getOutline())!;
  const titles = outline.map((o) => o.title);
  assert.equal(titles[0], source.title);
  assert.ok(titles.some((x) => x.startsWith('Annotations')));
  assert.equal(titles.at(-1), 'Notes');
  const annItems = outline.find((o) => o.title.startsWith('Annotations'))!.items;
  assert.equal(annItems.length, anns.length);
  assert.ok(annItems.some((i) => i.title.includes('Shocking footage of the attack')));
  const hs = await highlights(doc);
  // each outline entry goes to the page of its highlight's first part
  const sorted = [...anns].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const firstPage = Math.min(...hs.filter((h) => sameAnnotation(h.a, sorted[i]!)).map((h) => h.page));
    assert.equal(await destPage(doc, annItems[i]!.dest) + 1, firstPage);
  }
  const notesPage = await destPage(doc, outline.at(-1)!.dest);
  const headingPage = await (async () => {
    for (let p = 1; p <= doc.numPages; p++) {
      const items = (await (await doc.getPage(p)).getTextContent()).items;
      if (items.some((it) => it.str === 'Notes' && it.transform?.[0] === 14)) return p - 1;
    }
    return -1;
  })();
  assert.equal(notesPage, headingPage, 'outline "Notes" goes to the page of the Notes heading');
  // margin note numbers link to the notes
  let links = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    for (const a of await (await doc.getPage(p)).getAnnotations()) {
      if (a.subtype === 'Link' && typeof a.dest === 'string' && a.dest.startsWith('lectern-note-')) {
        const target = await destPage(doc, a.dest);
        assert.ok(target >= notesPage, 'note links go into the notes section');
        const label = `${a.dest.slice('lectern-note-'.length)}.`;
        const items = (await (await doc.getPage(target + 1)).getTextContent()).items;
        assert.ok(items.some((it) => it.str === label), `note ${label} is on the page its link goes to`);
        links++;
      }
    }
  }
  assert.equal(links, anns.filter((a) => a.comment || a.tags.length).length);
  const all = await pdfText(doc);
  assert.ok(all.includes('Who funds the Dossier Center?'), 'comment printed as an endnote');
  assert.ok(all.includes('Tags: funding, actors/khodorkovsky'));
});

test('source PDF: qpdf --check passes (A4 and Letter, seed 000 too)', async (t) => {
  const { file } = await ex;
  const letter = await exportSeed001('Letter');
  const letterPage = await letter.doc.getPage(1);
  assert.deepEqual(letterPage.view.map(Math.round), [0, 0, 612, 792]);
  const s0 = makeSource(SEED_000);
  const r0 = await exportSourcePdf(s0, [annotate(s0, 'Dossier Center in London')], { pageSize: 'A4', authorName: '' });
  const f0 = join(dir, 'seed000.pdf');
  writeFileSync(f0, r0.bytes);
  const d0 = await openPdf(r0.bytes);
  assert.deepEqual((await d0.getPage(1)).view.map(Math.round), [0, 0, 595, 842]);
  assert.ok((await pdfText(d0)).includes(norm(s0.text.split('\n')[0]!)));
  if (!hasTool('qpdf')) {
    t.skip('qpdf is not installed (apt-get install qpdf)');
    return;
  }
  for (const f of [file, letter.file, f0]) {
    const out = execFileSync('qpdf', ['--check', f], { encoding: 'utf8' });
    assert.match(out, /No syntax or stream encoding errors found/);
  }
});

test('source PDF: characters the font lacks are reported, not dropped', async () => {
  const s = makeSource(SEED_000, '\n\nEmoji 😀 and Devanagari नमस्ते.\n');
  const r = await exportSourcePdf(s, [], { pageSize: 'A4', authorName: 'x' });
  assert.ok(r.missingGlyphs.includes('😀'));
  assert.ok(r.missingGlyphs.includes('न'));
  assert.ok(!r.missingGlyphs.includes('E'));
});

test('source PDF: orphaned annotations get no highlight but are listed in the notes', async () => {
  const s = makeSource(SEED_000);
  const good = annotate(s, 'Crocus City Hall');
  const orphan = { ...annotate(s, 'Kremlin'), id: 'orph', status: 'orphaned' as const, exact: 'a passage that is gone', comment: 'lost' };
  const r = await exportSourcePdf(s, [good, orphan], { pageSize: 'A4', authorName: 'x' });
  const doc = await openPdf(r.bytes);
  assert.equal((await highlights(doc)).length, 1);
  const all = await pdfText(doc);
  assert.ok(all.includes('a passage that is gone'));
  assert.match(all, /“a passage that is gone”\s+\(orphaned:\s+not\s+found\s+in\s+this\s+text\)/, 'the orphan\'s note says it once, in one pair of brackets');
  assert.doesNotMatch(all, /\(orphaned\)\)/);
});
