// "New collection" (+) puts the caret in the name field, so a name typed at
// once and Enter make the collection (a new-user trial found focus left on
// the + button: autofocus is ignored for a field added after load, and the
// typed name went nowhere). The same for Rename.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';

test('New collection: the name field has focus, typing and Enter create it', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const collections = page.getByRole('region', { name: 'Collections' });
    await collections.getByRole('button', { name: 'New collection' }).click();
    await until('focus in the name field', () => page.evaluate(() => document.activeElement?.tagName === 'INPUT' && !!document.activeElement.closest('.collection-form')));
    await page.keyboard.type('Crocus story');
    await page.keyboard.press('Enter');
    await until('the collection is made', async () => (await api.listCollections()).some((c) => c.name === 'Crocus story'));
    await collections.getByRole('button', { name: /Crocus story/ }).first().waitFor();
    assert.deepEqual(l.errors, []);
  });
});
