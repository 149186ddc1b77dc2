import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMap, codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { findOccurrences, quoteAt } from '../../common/selectors.ts';

test('code points vs UTF-16 with an astral emoji and a combining mark', () => {
  const text = 'a😀q\u0303 passage';
  const map = new OffsetMap(text);
  assert.equal(codePointLength(text), [...text].length);
  assert.equal(map.codePoints, [...text].length);
  const cpStart = [...text].indexOf('p');
  assert.equal(cpStart, 5); // a, 😀, q, ̃, space
  assert.equal(map.toUtf16(cpStart), text.indexOf('p'));
  assert.equal(map.toCodePoint(text.indexOf('p')), cpStart);
  assert.equal(sliceCodePoints(text, 5, 12, map), 'passage');
});

test('round trip over every offset of a mixed text', () => {
  const text = '😀😀x😀y\u0301z😀';
  const map = new OffsetMap(text);
  const cps = [...text];
  for (let cp = 0; cp <= cps.length; cp++) {
    const u = map.toUtf16(cp);
    assert.equal(u, cps.slice(0, cp).join('').length);
    assert.equal(map.toCodePoint(u), cp);
  }
});

test('quoteAt gives 32 code points of context each side', () => {
  const text = 'x'.repeat(40) + 'EXACT' + 'y'.repeat(40);
  const q = quoteAt(text, 40, 45);
  assert.deepEqual(q, { exact: 'EXACT', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
});

test('findOccurrences reports code-point ranges', () => {
  const text = '😀 ab ab';
  assert.deepEqual(findOccurrences(text, 'ab'), [{ start: 2, end: 4 }, { start: 5, end: 7 }]);
});
