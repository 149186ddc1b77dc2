// Note commands, tested as ProseMirror tests its own: a document built with
// prosemirror-test-builder (<a>, <b> mark the selection), the command run, and
// the exact resulting document and selection compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builders } from 'prosemirror-test-builder';
import type { Node as PmNode } from 'prosemirror-model';
import { EditorState, NodeSelection, Selection, TextSelection, type Command } from 'prosemirror-state';
import { insertCitation, insertQuote } from '../../common/note-commands.ts';
import { citationsOf, findCitation } from '../../common/note-citations.ts';
import { noteSchema } from '../../common/note-schema.ts';
import type { CitationAttrs } from '../../common/citation.ts';

const c1: CitationAttrs = { sourceId: 's1', start: 3, end: 12, exact: 'brown fox', sha256: 'h', annotationId: 'a1', sourceTitle: 'Fox' };
const c2: CitationAttrs = { ...c1, annotationId: null, sourceId: 's2', exact: 'lazy' };

const b = builders(noteSchema, { p: { nodeType: 'paragraph' }, li: { nodeType: 'list_item' }, ul: { nodeType: 'bullet_list' }, hr: { nodeType: 'horizontal_rule' } });
const { doc, p, li, ul, hr, quote } = b;
const cite = (a: CitationAttrs) => b.citation!(a);

type Tagged = PmNode & { tag: Record<string, number> };

/** A state over `d` with the selection its tags describe: <a> (a cursor) or <a>..<b> (a range). */
function stateOf(d: Tagged): EditorState {
  const { a, b: end } = d.tag;
  const selection = a === undefined ? undefined : TextSelection.create(d, a, end ?? a);
  return EditorState.create({ doc: d, selection });
}

/** Runs `cmd` on `start` and checks the resulting doc, and the cursor where `expected` tags <a>. */
function apply(cmd: Command, start: Tagged, expected: Tagged | null): void {
  const state = stateOf(start);
  let after: EditorState | null = null;
  const ok = cmd(state, (tr) => { after = state.apply(tr); });
  if (!expected) {
    assert.equal(ok, false, 'the command refuses');
    assert.equal(after, null, 'and dispatches nothing');
    return;
  }
  assert.equal(ok, true, 'the command applies');
  const got = (after as EditorState | null)!;
  assert.ok(got.doc.eq(expected), `expected ${expected.toString()}\n     got ${got.doc.toString()}`);
  if (expected.tag.a !== undefined) assert.equal(got.selection.head, expected.tag.a, 'cursor');
  got.doc.check();
}

test('insertCitation: at the cursor, a space before the text after it, the cursor after both', () => {
  apply(insertCitation(c1), doc(p('Hello<a> world')), doc(p('Hello', cite(c1), '<a> world')));
  apply(insertCitation(c1), doc(p('ab<a>c')), doc(p('ab', cite(c1), ' <a>c')));
  apply(insertCitation(c1), doc(p('a<a>')), doc(p('a', cite(c1), ' <a>')));
});

test('insertCitation replaces the selection; is refused where no inline content fits', () => {
  apply(insertCitation(c1), doc(p('<a>abc<b> def')), doc(p(cite(c1), '<a> def')));
  const state = EditorState.create({ doc: doc(p('x'), hr()) });
  const onHr = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, 3)));
  assert.equal(insertCitation(c1)(onHr), false);
});

test('insertCitation over a given range keeps a cursor that is elsewhere (text typed while the citation was looked up)', () => {
  // the citation was reserved at 7 ("Claim |"), then "According" was typed there
  const start = doc(p('Claim <a>According'));
  const state = EditorState.create({ doc: start, selection: Selection.atEnd(start) });
  let after: EditorState | null = null;
  insertCitation(c2, { from: start.tag.a!, to: start.tag.a! })(state, (tr) => { after = state.apply(tr); });
  const expected = doc(p('Claim ', cite(c2), ' According<a>'));
  assert.ok((after as EditorState | null)!.doc.eq(expected), (after as EditorState | null)!.doc.toString());
  assert.equal((after as EditorState | null)!.selection.head, expected.tag.a);
});

test('insertQuote after the cursor block; an empty paragraph is replaced; a paragraph is left at the end', () => {
  const q1 = quote('brown fox ', cite(c1));
  apply(insertQuote(c1), doc(p('fi<a>rst'), p('second')), doc(p('first'), q1, p('<a>second')));
  apply(insertQuote(c2), doc(p('<a>')), doc(quote('lazy ', cite(c2)), p('<a>')));
  apply(insertQuote(c1), doc(p('on<a>ly')), doc(p('only'), q1, p('<a>')));
});

test('insertQuote at a drop position inside a list item goes to the nearest block boundary', () => {
  const start = doc(p('first'), ul(li(p('it<a>em'))));
  const q1 = quote('brown fox ', cite(c1));
  apply(insertQuote(c1, start.tag.a), start, doc(p('first'), ul(li(p('item'), q1, p('<a>')))));
});

test('citationsOf lists citations in reading order with their positions; findCitation gives the first of an annotation or source id', () => {
  const d = doc(p('x'), p('ab', '<s2>', cite(c2), '<s1>', cite(c1)));
  assert.equal(findCitation(d, 's2'), d.tag.s2);
  assert.equal(findCitation(d, 'a1'), d.tag.s1);
  assert.equal(findCitation(d, 's1'), d.tag.s1);
  assert.equal(findCitation(d, 'none'), -1);
  assert.deepEqual(citationsOf(d).map(({ pos, attrs }) => [pos, attrs.sourceId]), [[d.tag.s2, 's2'], [d.tag.s1, 's1']]);
  const deep = doc(p('none'), ul(li(p('deep ', '<c>', cite(c1)))));
  assert.deepEqual(citationsOf(deep).map((c) => c.pos), [deep.tag.c], 'inside lists too');
});
