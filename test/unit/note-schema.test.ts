import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as PmNode } from 'prosemirror-model';
import { noteSchema, quoteNode } from '../../common/note-schema.ts';
import { NoteDocError, parseNoteDoc } from '../../common/note-parse.ts';
import { sanitizeHref } from '../../common/note-links.ts';
import { citationAttrs, citationFor, type CitationAttrs } from '../../common/citation.ts';
import { shortTitle } from '../../common/citation-label.ts';
import { noteText } from '../../common/note-doc.ts';
import { noteCitations } from '../../common/note-citations.ts';
import { OffsetMap } from '../../common/offsets.ts';

const cite = (over: Partial<CitationAttrs> = {}): CitationAttrs => ({
  sourceId: 'src-1', start: 4, end: 9, exact: 'quick', sha256: 'ab'.repeat(32), annotationId: 'ann-1', sourceTitle: 'The fox story', ...over,
});

const richDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Findings' }] },
    { type: 'paragraph', content: [
      { type: 'text', text: 'Bold ', marks: [{ type: 'strong' }] },
      { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }, { type: 'underline' }] },
      { type: 'hard_break' },
      { type: 'text', text: 'code', marks: [{ type: 'code' }] },
    ] },
    { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
    { type: 'ordered_list', attrs: { order: 3 }, content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two', marks: [{ type: 'em' }] }] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'said ' }, { type: 'citation', attrs: cite({ annotationId: null }) }] }] },
    { type: 'horizontal_rule' },
    { type: 'quote', content: [{ type: 'text', text: 'quick ' }, { type: 'citation', attrs: cite() }] },
  ],
};

test('the schema has every node and mark of the issue', () => {
  for (const n of ['doc', 'paragraph', 'heading', 'bullet_list', 'ordered_list', 'list_item', 'blockquote', 'horizontal_rule', 'hard_break', 'citation', 'quote', 'text']) {
    assert.ok(noteSchema.nodes[n], n);
  }
  for (const m of ['strong', 'em', 'underline', 'code', 'link']) assert.ok(noteSchema.marks[m], m);
  assert.ok(noteSchema.nodes.citation!.isAtom && noteSchema.nodes.citation!.isInline);
});

test('a doc with every node round-trips through JSON unchanged', () => {
  const doc = parseNoteDoc(richDoc);
  assert.deepEqual(JSON.parse(JSON.stringify(doc.toJSON())), richDoc);
  assert.deepEqual(JSON.parse(JSON.stringify(PmNode.fromJSON(noteSchema, doc.toJSON()).toJSON())), richDoc);
});

test('parseNoteDoc refuses docs outside the schema', () => {
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }), NoteDocError);
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'text', text: 'bare text in doc' }] }), NoteDocError);
  assert.throws(() => parseNoteDoc({ type: 'paragraph' }), NoteDocError);
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'heading', attrs: { level: 5 }, content: [] }] }), NoteDocError);
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'paragraph', content: [
    { type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }), /unsafe link/);
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'paragraph', content: [
    { type: 'citation', attrs: { ...cite(), start: -1 } }] }] }), NoteDocError);
  assert.throws(() => parseNoteDoc({ type: 'doc', content: [{ type: 'paragraph', content: [
    { type: 'citation', attrs: { ...cite(), sourceId: 42 } }] }] }), NoteDocError);
  assert.throws(() => parseNoteDoc('nonsense'), NoteDocError);
});

test('sanitizeHref keeps http(s), mailto and lectern: only', () => {
  assert.equal(sanitizeHref('https://a.example/x?y#z'), 'https://a.example/x?y#z');
  assert.equal(sanitizeHref(' HTTP://a.example '), 'HTTP://a.example');
  assert.equal(sanitizeHref('mailto:x@y.z'), 'mailto:x@y.z');
  assert.equal(sanitizeHref('lectern:source/1'), 'lectern:source/1');
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,<b>', 'vbscript:x', 'file:///etc/passwd', '/relative', '#top', '', null, 7]) {
    assert.equal(sanitizeHref(bad), null, String(bad));
  }
});

test('noteText and noteCitations read a schema doc: blocks on lines, citations as their quote, in order', () => {
  const doc = parseNoteDoc(richDoc).toJSON();
  assert.equal(noteText(doc), 'Findings\nBold link\ncode\none\ntwo\nsaid “quick”\nquick “quick”');
  assert.deepEqual(noteCitations(doc), [
    { annotationId: null, sourceId: 'src-1', start: 4, end: 9, exact: 'quick' },
    { annotationId: 'ann-1', sourceId: 'src-1', start: 4, end: 9, exact: 'quick' },
  ]);
  assert.deepEqual(noteCitations({ type: 'doc', content: [{ type: 'paragraph' }] }), []);
  assert.equal(noteText(null), '');
});

test('citationFor maps code points (astral and combining characters) to the exact text', () => {
  const text = 'a😀 q\u0303 fox 🦊 jumps\n\nNext para';
  const src = { id: 's', text, sha256: 'h', title: 'T' };
  const map = new OffsetMap(text);
  // code points: a(0) 😀(1) ' '(2) q(3) ̃(4) ' '(5) f(6) o(7) x(8)
  const c = citationFor(src, 6, 9);
  assert.equal(c.exact, 'fox');
  assert.equal(citationFor(src, 1, 2).exact, '😀');
  assert.equal(citationFor(src, 3, 5).exact, 'q\u0303');
  const fox = citationFor(src, 10, 11);
  assert.equal(fox.exact, '🦊');
  // the UTF-16 offset of 🦊 is one more than its code-point offset
  assert.equal(text.indexOf('🦊'), map.toUtf16(10));
  assert.equal(map.toUtf16(10), 11);
  assert.throws(() => citationFor(src, 5, 99), RangeError);
  assert.throws(() => citationFor(src, 5, 4), RangeError);
  assert.deepEqual(fox, { sourceId: 's', start: 10, end: 11, exact: '🦊', sha256: 'h', annotationId: null, sourceTitle: 'T' });
});

test('citationAttrs normalises attributes and refuses ones that name no passage', () => {
  assert.deepEqual(citationAttrs({ sourceId: 's', start: '3', end: '5', annotationId: '' }),
    { sourceId: 's', start: 3, end: 5, exact: '', sha256: '', annotationId: null, sourceTitle: '' });
  assert.equal(citationAttrs({ sourceId: '', start: 1, end: 2 }), null);
  assert.equal(citationAttrs({ sourceId: 's', start: 5, end: 2 }), null);
  assert.equal(citationAttrs({ sourceId: 's', start: 1.5, end: 2 }), null);
});

test('quoteNode holds the passage (whitespace folded) then its citation', () => {
  const q = quoteNode(cite({ exact: '  the quick\n brown ' }));
  assert.equal(q.type.name, 'quote');
  assert.equal(q.textContent, 'the quick brown [The fox story]'); // a citation's leaf text is its label
  assert.equal(q.lastChild!.type.name, 'citation');
  assert.equal(shortTitle('A very long title of a story that goes on and on', 20), 'A very long title…');
  assert.equal(shortTitle('Short'), 'Short');
});
