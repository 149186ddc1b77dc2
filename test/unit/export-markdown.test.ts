import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { noteToMarkdown } from '../../electron/export/note-to-markdown.ts';
import { ParagraphIndex } from '../../common/segment.ts';
import { sliceCodePoints } from '../../common/offsets.ts';
import { SEED_001, makeSource } from './export-helpers.ts';

const s = makeSource(SEED_001);
const at = s.text.indexOf('Tajik citizens');
const start = [...s.text.slice(0, at)].length;
const cit = { sourceId: s.id, start, end: start + 14, exact: sliceCodePoints(s.text, start, start + 14), sha256: s.sha256, annotationId: 'ann-1', sourceTitle: s.title };
const other = { ...cit, start: 0, end: 6, exact: sliceCodePoints(s.text, 0, 6), annotationId: null };
const sampleDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Findings' }] },
    { type: 'paragraph', content: [
      { type: 'text', text: 'The *claim* ' }, { type: 'text', marks: [{ type: 'strong' }], text: 'bold' }, { type: 'text', text: ' and ' },
      { type: 'text', marks: [{ type: 'em' }], text: 'italic' }, { type: 'text', text: ', ' },
      { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://example.org/a' } }], text: 'a link' },
      { type: 'citation', attrs: cit },
    ] },
    { type: 'bullet_list', content: [
      { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] },
        { type: 'ordered_list', attrs: { order: 3 }, content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }] }] }] },
      { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }, { type: 'citation', attrs: other }] }] },
    ] },
    { type: 'quote', content: [{ type: 'text', text: 'Tajik citizens ' }, { type: 'citation', attrs: cit }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '# not a heading' }, { type: 'hard_break' }, { type: 'text', text: 'line two' }] }] },
    { type: 'horizontal_rule' },
    { type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'code' }], text: 'a `tick`' }] },
  ],
};

test('note Markdown: structure, marks and links survive as CommonMark', () => {
  const { markdown, citations } = noteToMarkdown({ title: 'My *note*', doc: sampleDoc }, new Map([[s.id, s]]));
  assert.equal(citations, 2, 'the same passage cited twice keeps one footnote');
  const html = new MarkdownIt('commonmark').render(markdown);
  assert.match(html, /<h1>My \*note\*<\/h1>/);
  assert.match(html, /<h2>Findings<\/h2>/);
  assert.match(html, /The \*claim\* <strong>bold<\/strong> and <em>italic<\/em>, <a href="https:\/\/example.org\/a">a link<\/a>/);
  assert.match(html, /<ul>\s*<li>\s*<p>one<\/p>\s*<ol start="3">\s*<li>nested<\/li>/);
  assert.match(html, /<blockquote>\s*<p># not a heading<br \/>\s*line two<\/p>/);
  assert.match(html, /<hr \/>/);
  assert.match(html, /<code>a `tick`<\/code>/);
  assert.match(html, /<blockquote>\s*<p>Tajik citizens \[\^1\]<\/p>/);
});

test('note Markdown: citations are footnotes with the quote, source title, date, paragraph and sha256', () => {
  const { markdown } = noteToMarkdown({ title: 'N', doc: sampleDoc }, new Map([[s.id, s]]));
  const lines = markdown.trimEnd().split('\n');
  const f1 = lines.find((l) => l.startsWith('[^1]: '))!;
  const f2 = lines.find((l) => l.startsWith('[^2]: '))!;
  assert.ok(f1.includes('“Tajik citizens”'));
  assert.ok(f1.includes(`*${s.title}*`));
  assert.ok(f1.includes('2024-03-30'));
  assert.ok(f1.includes(`¶ ${new ParagraphIndex(s.text).numberAt(start)}`));
  assert.ok(f1.includes(s.sha256));
  assert.ok(f2.includes(`“${cit.exact === other.exact ? '' : other.exact}”`));
  assert.equal(markdown.match(/\[\^1\]/g)!.length, 3, 'two references and one footnote');
  // a citation whose source is gone still says what it quoted
  const { markdown: gone } = noteToMarkdown({ title: 'N', doc: sampleDoc }, new Map());
  assert.ok(gone.includes('“Tajik citizens”') && gone.includes('source not in the library'));
});
