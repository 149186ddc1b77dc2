import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParagraphIndex, paragraphs, paragraphsUtf16, sentences, sentencesUtf16 } from '../../common/segment.ts';
import { OffsetMap, sliceCodePoints } from '../../common/offsets.ts';
import { buildTextDoc } from '../../renderer/reader/text-doc.ts';
import { bodyLines } from '../../electron/export/source-pdf.ts';

// Blank lines of every kind: empty, spaces, a tab, a no-break space; leading and
// trailing blank lines; a single newline inside a paragraph; astral characters.
const TEXT = '\n \nTitle 😀 line\n\n  indented first\nstill first  \n  \n\t\nsecond 🦊 para\n\u00a0\nthird\n\n\n';
const EXPECTED = ['Title 😀 line', '  indented first\nstill first  ', 'second 🦊 para', 'third'];

test('paragraphs: runs of lines with text; empty and whitespace-only lines separate them; code points', () => {
  const map = new OffsetMap(TEXT);
  assert.deepEqual(paragraphsUtf16(TEXT).map((p) => TEXT.slice(p.start, p.end)), EXPECTED);
  const cps = paragraphs(TEXT);
  assert.deepEqual(cps.map((p) => sliceCodePoints(TEXT, p.start, p.end, map)), EXPECTED);
  // the fox paragraph starts after one astral character: its code-point start is one less
  assert.equal(cps[2]!.start, paragraphsUtf16(TEXT)[2]!.start - 1);
  assert.deepEqual(paragraphs(''), []);
  assert.deepEqual(paragraphs(' \n\t\n'), []);
  assert.deepEqual(paragraphs('one'), [{ start: 0, end: 3 }]);
  assert.deepEqual(paragraphs('a\nb'), [{ start: 0, end: 3 }]);
});

test('the reader, citation ¶N and the source PDF agree on paragraphs (whitespace-only lines included)', () => {
  const paras = paragraphsUtf16(TEXT);
  const starts = paras.map((p) => p.start);

  // reader: one ProseMirror paragraph per paragraph, with the same text and offsets
  const td = buildTextDoc(TEXT);
  const readerParas: string[] = [];
  td.doc.descendants((node) => { if (node.type.name !== 'paragraph') return true; readerParas.push(node.textContent); return false; });
  assert.deepEqual(td.blockStart, starts);
  assert.deepEqual(readerParas, EXPECTED);

  // citations: ¶N of every character of paragraph N is N
  const idx = new ParagraphIndex(TEXT);
  assert.equal(idx.count, EXPECTED.length);
  const map = new OffsetMap(TEXT);
  paragraphs(TEXT).forEach((p, i) => {
    assert.equal(idx.numberAt(p.start), i + 1);
    assert.equal(idx.numberAt(p.end - 1), i + 1);
  });

  // PDF: the body lines, grouped by paragraph, are the same paragraphs
  const lines = bodyLines(TEXT);
  const byPara = new Map<number, string[]>();
  for (const l of lines) {
    assert.equal(TEXT.slice(l.start, l.start + l.text.length), l.text, 'a body line is the source text at its offset');
    byPara.set(l.paragraph, [...(byPara.get(l.paragraph) ?? []), l.text]);
  }
  assert.deepEqual([...byPara.values()].map((ls) => ls.join('\n')), EXPECTED);
  assert.deepEqual([...byPara.keys()].map((k) => lines.find((l) => l.paragraph === k)!.start), starts);
  assert.ok(lines.every((l) => l.text.trim() !== ''), 'no blank line is drawn as a line of a paragraph');

  // and the three report the same number for a code point in each paragraph
  for (const [i, p] of paras.entries()) {
    const cp = map.toCodePoint(p.start + 1);
    assert.equal(idx.numberAt(cp), i + 1);
    assert.equal(td.blockStart.filter((s) => s <= p.start + 1).length, i + 1);
    assert.equal(lines.find((l) => l.start <= p.start + 1 && p.start + 1 <= l.start + l.text.length)!.paragraph, i);
  }
});

test('ParagraphIndex: text before the first paragraph counts as ¶1, a gap with the paragraph before it', () => {
  const idx = new ParagraphIndex(TEXT);
  assert.equal(idx.numberAt(0), 1);
  assert.equal(idx.numberAt(10_000), EXPECTED.length);
  const gap = TEXT.indexOf('  \n\t\n');
  assert.equal(idx.numberAt(new OffsetMap(TEXT).toCodePoint(gap)), 2);
  assert.equal(new ParagraphIndex('').numberAt(0), 1);
});

test('sentences: Intl.Segmenter sentences inside paragraphs, trimmed, a line break ends one, titles do not', () => {
  const text = 'Headline on its own line\nMr. Smith met Dr. Jones today. He said “hi.” Then 😀 left!\n\nSecond para, one sentence';
  const got = sentencesUtf16(text).map((s) => [text.slice(s.start, s.end), s.paragraph]);
  assert.deepEqual(got, [
    ['Headline on its own line', 0],
    ['Mr. Smith met Dr. Jones today.', 0],
    ['He said “hi.”', 0],
    ['Then 😀 left!', 0],
    ['Second para, one sentence', 1],
  ]);
  const map = new OffsetMap(text);
  assert.deepEqual(sentences(text).map((s) => sliceCodePoints(text, s.start, s.end, map)), got.map((g) => g[0]));
  assert.equal(sentences(text)[4]!.start, text.indexOf('Second') - 1, 'code points: one astral character before');
  assert.deepEqual(sentences(''), []);
  assert.deepEqual(sentences('  \n '), []);
  // combining marks stay inside their sentence
  const combining = 'Cafe\u0301 ouvert. Noe\u0308l vient.';
  assert.deepEqual(sentencesUtf16(combining).map((s) => combining.slice(s.start, s.end)), ['Cafe\u0301 ouvert.', 'Noe\u0308l vient.']);
});
