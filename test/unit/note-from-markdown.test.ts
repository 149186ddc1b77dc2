import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationIdsInMarkdown, markdownToNoteDoc, UnknownCitationError } from '../../common/note-from-markdown.ts';
import { noteText } from '../../common/note-doc.ts';
import { noteCitations } from '../../common/note-citations.ts';
import { parseNoteDoc } from '../../common/note-parse.ts';
import type { CitationAttrs } from '../../common/citation.ts';

const known: Record<string, CitationAttrs> = {
  'a1b2-c3': { sourceId: 's1', start: 10, end: 15, exact: 'Colog', sha256: 'x', annotationId: 'a1b2-c3', sourceTitle: 'Seed 001' },
  'a9': { sourceId: 's2', start: 0, end: 3, exact: 'THE', sha256: 'y', annotationId: 'a9', sourceTitle: 'Seed 000' },
};
const resolve = (id: string) => known[id] ?? null;

const MD = `# Title

## Sub *heading*

Some **bold**, _em_, \`code\` and [a link](https://example.org) and [bad](javascript:alert(1)) [ftp](ftp://x.org).
A cited claim [@a1b2-c3] and two [@a9; @a1b2-c3].

- one
- two [@a9]
  - nested

3. three
4. four

> quoted text [@a9]

---

<script>alert(1)</script>
`;

test('Markdown becomes a schema-valid doc with headings, lists, marks, quotes and citations', () => {
  const doc = markdownToNoteDoc(MD, resolve);
  const json = doc.toJSON();
  parseNoteDoc(json); // fits the schema, links safe
  const types = doc.content.content.map((n) => n.type.name);
  assert.deepEqual(types, ['heading', 'heading', 'paragraph', 'bullet_list', 'ordered_list', 'blockquote', 'horizontal_rule', 'paragraph']);
  assert.equal(doc.child(0).attrs.level, 1);
  assert.equal(doc.child(1).attrs.level, 2);
  assert.equal(doc.child(4).attrs.order, 3);
  const marksOf = (word: string) => {
    let names: string[] = [];
    doc.descendants((n) => { if (n.isText && n.text === word) names = n.marks.map((m) => m.type.name); return true; });
    return names;
  };
  assert.deepEqual(marksOf('bold'), ['strong']);
  assert.deepEqual(marksOf('em'), ['em']);
  assert.deepEqual(marksOf('code'), ['code']);
  assert.deepEqual(marksOf('a link'), ['link']);
  assert.deepEqual(marksOf('ftp'), [], 'a link outside http(s)/mailto/lectern loses its mark, keeps its text');
  let links = 0;
  doc.descendants((n) => { links += n.marks.filter((m) => m.type.name === 'link').length; return true; });
  assert.equal(links, 1, 'only the https link is a link');
  assert.deepEqual(noteCitations(json).map((c) => c.annotationId), ['a1b2-c3', 'a9', 'a1b2-c3', 'a9', 'a9']);
  assert.deepEqual(noteCitations(json)[0], { annotationId: 'a1b2-c3', sourceId: 's1', start: 10, end: 15, exact: 'Colog' });
  const text = noteText(json);
  assert.match(text, /^Title\nSub heading\nSome bold, em, code and a link and \[bad\]\(javascript:alert\(1\)\) ftp\. A cited claim “Colog” and two “THE”“Colog”\./);
  assert.ok(text.includes('<script>alert(1)</script>'), 'raw HTML stays literal text');
  assert.equal(doc.child(7).textContent, '<script>alert(1)</script>');
});

test('citationIdsInMarkdown lists cited ids once, in order; code spans do not cite', () => {
  assert.deepEqual(citationIdsInMarkdown(MD), ['a1b2-c3', 'a9']);
  assert.deepEqual(citationIdsInMarkdown('`[@not-me]` and [@me]'), ['me']);
});

test('unknown ids are an error naming each of them', () => {
  assert.throws(() => markdownToNoteDoc('x [@a9] [@nope-1] and [@nope-2; @nope-1]', resolve), (e: unknown) => {
    assert.ok(e instanceof UnknownCitationError);
    assert.deepEqual(e.ids, ['nope-1', 'nope-2']);
    assert.match(e.message, /nope-1, nope-2/);
    return true;
  });
});

test('empty Markdown gives an empty paragraph; an empty list item still holds a paragraph', () => {
  assert.deepEqual(markdownToNoteDoc('', resolve).toJSON(), { type: 'doc', content: [{ type: 'paragraph' }] });
  const doc = markdownToNoteDoc('-\n- b\n\n>\n', resolve);
  parseNoteDoc(doc.toJSON());
  assert.equal(doc.child(0).childCount, 2);
});
