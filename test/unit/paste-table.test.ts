// The table pass of paste cleaning (issue 10.13): rows become paragraphs, cells
// are separated, and the end tags HTML lets a page leave out are supplied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanPastedHtml } from '../../renderer/notebook/paste.ts';

test('a table becomes one paragraph per row, cells separated, header cells bold', () => {
  assert.equal(
    cleanPastedHtml('<table><thead><tr><th>Name</th><th>Age</th></tr></thead><tbody><tr><td>Suspect A</td><td>32</td></tr></tbody></table>'),
    '<p><strong>Name</strong> | <strong>Age</strong></p><p>Suspect A | 32</p>',
  );
});

test('omitted end tags (<tr>, <td>, <th>) are closed; blocks inside a cell do not split its row', () => {
  assert.equal(
    cleanPastedHtml('<table><caption>Suspects<tr><th>A<th>B<tr><td><p>one</p><div>two</div><td>2</table><p>after</p>'),
    '<p>Suspects</p><p><strong>A</strong> | <strong>B</strong></p><p> one  two  | 2</p><p>after</p>',
  );
});

test('a table inside a cell keeps its text, spaced, inside the outer row', () => {
  assert.equal(
    cleanPastedHtml('<table><tr><td>x<table><tr><td>in</td><td>ner</td></tr></table></td><td>y</td></tr></table>'),
    '<p>x   in  ner    | y</p>',
  );
});
