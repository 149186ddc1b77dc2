import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { citationsIn, findCitation, insertCitation, insertQuote } from '../../common/note-commands.ts';
import { noteSchema, parseNoteDoc } from '../../common/note-schema.ts';
import type { CitationAttrs } from '../../common/citation.ts';

const c1: CitationAttrs = { sourceId: 's1', start: 3, end: 8, exact: 'brown fox', sha256: 'h', annotationId: 'a1', sourceTitle: 'Fox' };
const c2: CitationAttrs = { ...c1, annotationId: null, sourceId: 's2', exact: 'lazy' };

const stateOf = (json: unknown, pos?: number) => {
  const doc = parseNoteDoc(json);
  return EditorState.create({ doc, selection: pos === undefined ? undefined : TextSelection.create(doc, pos) });
};
const run = (state: EditorState, cmd: ReturnType<typeof insertCitation>) => {
  let next = state;
  const ok = cmd(state, (tr) => { next = state.apply(tr); });
  return { ok, state: next };
};
const para = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined });

test('insertCitation puts a citation at the cursor, with a space before following text', () => {
  const s = stateOf({ type: 'doc', content: [para('Hello world')] }, 6); // after "Hello"
  const { ok, state } = run(s, insertCitation(c1));
  assert.ok(ok);
  const p = state.doc.child(0);
  assert.equal(p.child(1).type.name, 'citation');
  assert.deepEqual({ ...p.child(1).attrs }, c1);
  assert.equal(p.child(2).text, ' world', 'no second space');
  assert.equal(state.selection.from, 7, 'cursor right after the citation');
  parseNoteDoc(state.doc.toJSON());
  const glued = run(stateOf({ type: 'doc', content: [para('ab')] }, 2), insertCitation(c1)).state;
  assert.equal(glued.doc.child(0).child(2).text, ' b', 'a space between the citation and following text');
  assert.equal(glued.selection.from, 4, 'cursor after the space');
  const atEnd = run(stateOf({ type: 'doc', content: [para('a')] }, 2), insertCitation(c1)).state;
  assert.equal(atEnd.doc.child(0).lastChild!.text, ' ', 'typing can go on after a citation at the end');
});

test('insertCitation replaces a selection and is refused where no inline content fits', () => {
  const s = stateOf({ type: 'doc', content: [para('abc def')] });
  const sel = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 1, 4)));
  const { state } = run(sel, insertCitation(c1));
  assert.equal(state.doc.child(0).child(0).type.name, 'citation');
  assert.equal(state.doc.child(0).textContent.endsWith(' def'), true);
  const hr = stateOf({ type: 'doc', content: [para('x'), { type: 'horizontal_rule' }] });
  const onHr = hr.apply(hr.tr.setSelection(NodeSelection.create(hr.doc, 3)));
  assert.equal(insertCitation(c1)(onHr), false);
});

test('insertQuote after the cursor block; replaces an empty paragraph; leaves a paragraph at the end', () => {
  const s = stateOf({ type: 'doc', content: [para('first'), para('second')] }, 3);
  const { state } = run(s, insertQuote(c1));
  assert.deepEqual(state.doc.content.content.map((n) => n.type.name), ['paragraph', 'quote', 'paragraph']);
  assert.equal(state.doc.child(1).textContent.startsWith('brown fox '), true);
  assert.equal(state.doc.child(1).lastChild!.type.name, 'citation');

  const empty = stateOf({ type: 'doc', content: [para('')] }, 1);
  const r2 = run(empty, insertQuote(c2)).state;
  assert.deepEqual(r2.doc.content.content.map((n) => n.type.name), ['quote', 'paragraph']);
  assert.equal(r2.selection.$from.parent.type, noteSchema.nodes.paragraph, 'cursor in the paragraph after the quote');
  parseNoteDoc(r2.doc.toJSON());
});

test('insertQuote at a drop position inside text goes to the nearest block boundary', () => {
  const s = stateOf({ type: 'doc', content: [para('first'), { type: 'bullet_list', content: [{ type: 'list_item', content: [para('item')] }] }] });
  const inItem = 1 + 7 + 1 + 1 + 2; // inside "item"
  const { state } = run(s, insertQuote(c1, inItem));
  parseNoteDoc(state.doc.toJSON());
  assert.equal(citationsIn(state.doc).length, 1);
  let quoteDepth = -1;
  state.doc.descendants((n, pos) => { if (n.type.name === 'quote') quoteDepth = state.doc.resolve(pos).depth; return true; });
  assert.ok(quoteDepth >= 0, 'a quote was inserted');
  assert.equal(state.doc.textContent.includes('item'), true, 'the item text is intact');
  assert.equal(state.doc.child(0).textContent, 'first');
});

test('findCitation finds the first citation of an annotation or source id', () => {
  const s = stateOf({ type: 'doc', content: [para('x'), { type: 'paragraph', content: [{ type: 'text', text: 'ab' }, { type: 'citation', attrs: c2 }, { type: 'citation', attrs: c1 }] }] });
  assert.equal(findCitation(s.doc, 's2'), 3 + 1 + 2);
  assert.equal(findCitation(s.doc, 'a1'), 3 + 1 + 2 + 1);
  assert.equal(findCitation(s.doc, 's1'), 3 + 1 + 2 + 1);
  assert.equal(findCitation(s.doc, 'none'), -1);
  assert.deepEqual(citationsIn(s.doc).map((a) => a.sourceId), ['s2', 's1']);
});
