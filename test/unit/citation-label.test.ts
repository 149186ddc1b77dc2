import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationLabel, labelKey, labelLetters, shortTitle, type CitedSource } from '../../common/citation-label.ts';
import { ParagraphIndex } from '../../common/segment.ts';

const cnn = (over: Partial<CitedSource> = {}): CitedSource => ({ title: 'Moscow concert hall attack: what we know', publisher: 'CNN', published: '2024-03-30', ...over });

test('a chip reads like a citation: publisher (or byline), date and paragraph where known, the short title otherwise', () => {
  assert.equal(citationLabel(cnn(), 10), 'CNN, 2024-03-30, ¶10');
  assert.equal(citationLabel(cnn({ publisher: null, byline: 'By Anna Chernova' }), 2), 'Anna Chernova, 2024-03-30, ¶2');
  assert.equal(citationLabel(cnn({ publisher: '  ', byline: null }), 3), 'Moscow concert hall attack…, 2024-03-30, ¶3');
  assert.equal(citationLabel(cnn({ published: null }), 4), 'CNN, ¶4');
  assert.equal(citationLabel({ title: 'Russia’s security services knew of ISIS threat before concert attack' }, 3),
    'Russia’s security services knew…, ¶3');
  assert.equal(citationLabel({ title: '' }, null), 'Source');
  assert.equal(citationLabel(cnn({ publisher: 'The Guardian News & Media, international edition' }), 1), 'The Guardian News & Media…, 2024-03-30, ¶1');
});

test('two sources of one outlet that would read the same get letters in citation order; others none', () => {
  const sources = [
    { id: 'a', key: labelKey(cnn()) },
    { id: 'x', key: labelKey(cnn({ publisher: 'BBC' })) },
    { id: 'b', key: labelKey(cnn({ title: 'Who are ISIS-K?' })) },
    { id: 'a', key: labelKey(cnn()) }, // cited again: keeps its letter
    { id: 'c', key: labelKey(cnn({ published: '2024-03-31' })) },
  ];
  const letters = labelLetters(sources);
  assert.deepEqual([...letters.entries()], [['a', 'a'], ['b', 'b']]);
  assert.equal(citationLabel(cnn(), 10, letters.get('a')), 'CNN, 2024-03-30a, ¶10');
  assert.equal(citationLabel(cnn({ title: 'Who are ISIS-K?' }), 2, letters.get('b')), 'CNN, 2024-03-30b, ¶2');
  assert.equal(citationLabel(cnn({ published: null }), 2, 'b'), 'CNN, n.d.-b, ¶2');
  const many = labelLetters(Array.from({ length: 28 }, (_, i) => ({ id: `s${i}`, key: 'same' })));
  assert.deepEqual([many.get('s0'), many.get('s25'), many.get('s26'), many.get('s27')], ['a', 'z', 'aa', 'ab']);
});

test('shortTitle cuts at a word boundary', () => {
  assert.equal(shortTitle('A very long title of a story that goes on and on', 20), 'A very long title…');
  assert.equal(shortTitle('  Short \n title '), 'Short title');
});

test('¶N counts runs of non-blank lines, in code points (text before the first paragraph and past the end included)', () => {
  const text = '\n\nTitle line\n\n😀 first para\nstill first\n\n  \n\nsecond 🦊 para\n\n\nthird';
  const cp = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
  const idx = new ParagraphIndex(text);
  assert.equal(idx.numberAt(0), 1);
  assert.equal(idx.numberAt(cp('Title')), 1);
  assert.equal(idx.numberAt(cp('first')), 2);
  assert.equal(idx.numberAt(cp('still')), 2);
  assert.equal(idx.numberAt(cp('para\n\n\nthird')), 3);
  assert.equal(idx.numberAt(cp('third')), 4);
  assert.equal(idx.count, 4);
  assert.equal(idx.numberAt(10_000), 4);
});
