// The renderer's pure modules, without a browser: the reader's position
// mapping (text-doc.ts), highlight sync (highlights.ts), paste cleaning
// (paste.ts) and find (find.ts, find-match.ts). Exact results, not only
// "it did not throw".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import type { Annotation } from '../../common/types.ts';
import { buildTextDoc, CHUNK_PARAGRAPHS, codePointToPos, posToCodePoint } from '../../renderer/reader/text-doc.ts';
import { currentHighlights, highlightsPlugin, syncHighlights } from '../../renderer/reader/highlights.ts';
import { cleanPastedHtml } from '../../renderer/notebook/paste.ts';
import { findIn, firstFrom, matchCount } from '../../renderer/reader/find.ts';
import { firstMatch, fold } from '../../renderer/library/find-match.ts';

// an astral emoji, q + combining tilde, a whitespace-only line between paragraphs, a single newline inside one, two blank lines
const TEXT = 'A😀b\n \nq\u0303 end\nsame para\n\n\nlast';

test('text-doc: paragraphs are common/segment.ts\'s (a whitespace-only line separates them; a single newline does not)', () => {
  const td = buildTextDoc(TEXT);
  assert.equal(td.doc.toString(), 'doc(chunk(paragraph("A😀b"), paragraph("q̃ end\\nsame para"), paragraph("last")))');
  assert.deepEqual(td.blockStart, [0, 7, 26]);
  assert.deepEqual(td.blockLen, [4, 16, 4]);
  assert.deepEqual(td.blockPos, [2, 8, 26], 'after the chunk\'s opening, each paragraph\'s opening');
});

test('text-doc: every code point inside a paragraph maps to a position and back to itself; the astral character is one code point, two positions', () => {
  const td = buildTextDoc(TEXT);
  const chars = [...TEXT];
  const inside: number[] = [];
  let utf16 = 0;
  chars.forEach((ch, cp) => {
    const block = td.blockStart.findIndex((s, i) => utf16 >= s && utf16 < s + td.blockLen[i]!);
    if (block >= 0) inside.push(cp);
    utf16 += ch.length;
  });
  for (const cp of inside) assert.equal(posToCodePoint(td, codePointToPos(td, cp)), cp, `code point ${cp}`);
  assert.deepEqual([0, 1, 2, 3].map((cp) => codePointToPos(td, cp)), [2, 3, 5, 6], '😀 takes two positions');
  assert.equal(td.doc.textBetween(codePointToPos(td, 1), codePointToPos(td, 2)), '😀');
  // q + U+0303 are two code points, each its own position
  assert.equal(td.doc.textBetween(codePointToPos(td, 6), codePointToPos(td, 8)), 'q\u0303');
});

test('text-doc: the separator between paragraphs is not in the document: its first character is the end of the paragraph before, the rest the start of the next', () => {
  const td = buildTextDoc(TEXT);
  // code points 3..5 are "\n \n" after "A😀b" (code points 0..2)
  assert.deepEqual([3, 4, 5].map((cp) => codePointToPos(td, cp)), [6, 8, 8]);
  assert.equal(posToCodePoint(td, 8), 6, 'the start of "q̃ end"');
  // the end of the text maps to the end of the last paragraph
  assert.equal(codePointToPos(td, [...TEXT].length), td.doc.content.size - 2);
});

test('text-doc: an empty text is one empty paragraph', () => {
  const td = buildTextDoc('');
  assert.equal(td.doc.toString(), 'doc(chunk(paragraph))');
  assert.equal(codePointToPos(td, 0), 2);
});

test('text-doc: paragraphs are grouped in chunks of CHUNK_PARAGRAPHS; offsets map across a chunk\'s edge and back', () => {
  const paras = Array.from({ length: CHUNK_PARAGRAPHS * 2 + 1 }, (_, i) => `para ${i}`);
  const text = paras.join('\n\n');
  const td = buildTextDoc(text);
  assert.deepEqual(Array.from({ length: td.doc.childCount }, (_, i) => td.doc.child(i).childCount), [CHUNK_PARAGRAPHS, CHUNK_PARAGRAPHS, 1]);
  for (const i of [CHUNK_PARAGRAPHS - 1, CHUNK_PARAGRAPHS, CHUNK_PARAGRAPHS * 2]) {
    const start = [...paras.slice(0, i).join('\n\n')].length + (i ? 2 : 0);
    const pos = codePointToPos(td, start);
    assert.equal(td.doc.resolve(pos).parent.textContent, paras[i], `paragraph ${i} starts at its position`);
    assert.equal(posToCodePoint(td, pos), start);
    assert.equal(td.doc.textBetween(pos, codePointToPos(td, start + paras[i]!.length)), paras[i]);
  }
});

const annotation = (id: string, start: number, end: number, modified = 'm1'): Annotation => ({
  id, sourceId: 's', start, end, exact: '', prefix: '', suffix: '', color: 'yellow', comment: '', tags: [],
  status: 'anchored', score: null, created: 'c', modified, author: '', carriedFrom: null,
} as Annotation);

test('highlights: sync removes and adds by id, in document order; an unchanged highlight stays', () => {
  const td = buildTextDoc('one two three four');
  let state = EditorState.create({ doc: td.doc, plugins: [highlightsPlugin(td, [annotation('a', 0, 3), annotation('keep', 8, 13)])] });
  assert.deepEqual(currentHighlights(state).map((h) => h.id), ['a', 'keep']);
  state = state.apply(syncHighlights(state.tr, ['a'], [annotation('b', 14, 18), annotation('c', 4, 7, 'm2')]));
  assert.deepEqual(currentHighlights(state), [
    { id: 'c', color: 'yellow', modified: 'm2' },
    { id: 'keep', color: 'yellow', modified: 'm1' },
    { id: 'b', color: 'yellow', modified: 'm1' },
  ]);
  state = state.apply(syncHighlights(state.tr, ['b', 'c', 'keep'], []));
  assert.deepEqual(currentHighlights(state), []);
});

test('paste: event handlers, scripts, styles and comments go; the text and inline marks stay', () => {
  assert.equal(
    cleanPastedHtml('<p onclick="x()">Hi<script>alert(1)</script> <b onmouseover=y>there</b><style>p{}</style><!-- c --></p>'),
    '<p>Hi <b>there</b></p>',
  );
  assert.equal(cleanPastedHtml('<div><iframe src="//evil"><p>inner</p></iframe>kept</div>'), '<div>kept</div>');
  assert.equal(cleanPastedHtml('plain text, no markup'), 'plain text, no markup');
});

test('fold: one UTF-16 unit to one, case and diacritics gone, whatever the script', () => {
  const text = 'İSTANBUL Straße ÉCOLE Ǆemal 東京 😀 ΣΊΣΥΦΟΣ Ａｂｃ ﬁne Ωmega\u0301 x';
  const folded = fold(text);
  assert.equal(folded, 'istanbul straße ecole ǆemal 東京 😀 σισυφοσ ａｂｃ ﬁne ωmega\u0301 x');
  assert.equal(folded.length, text.length, 'offsets stay valid');
  assert.equal(fold('Montréal, MONTRÉAL, montreal'), 'montreal, montreal, montreal');
});

test('find: matches ignore case and diacritics; the current match is the first at or after the caret', () => {
  const m = findIn(fold('Café cafe CAFÉ'), 'cafe');
  assert.deepEqual(m, { ranges: [[0, 4], [5, 9], [10, 14]], capped: false });
  assert.equal(matchCount(1, m), '2 of 3');
  assert.equal(firstFrom(m.ranges, 6), 2, 'from inside the second match, the next one');
  assert.equal(firstFrom(m.ranges, 15), 0, 'past the last match, round to the first');
  assert.deepEqual(firstMatch('Köln und koln', ['koln']), { start: 0, end: 4 });
});
