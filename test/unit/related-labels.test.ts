import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relatedLabels } from '../../renderer/versions/figures.ts';

test('relatedLabels: the kind first, which file a revision is, repeats numbered, an unrelated source by its title alone', () => {
  const labels = relatedLabels([
    { id: 'r', title: 'Story', kind: 'revision', revision: 'later', published: null },
    { id: 'v1', title: 'Copy', kind: 'version', revision: null, published: '2024-03-30' },
    { id: 'v2', title: 'Copy', kind: 'version', revision: null, published: null },
    { id: 'x', title: 'Picked by hand', kind: null, revision: null, published: null },
  ]);
  assert.deepEqual([...labels], [
    ['r', 'revision (the later file): Story'],
    ['v1', 'version: Copy (2024-03-30, 1 of 2)'],
    ['v2', 'version: Copy (2 of 2)'],
    ['x', 'Picked by hand'],
  ]);
});
