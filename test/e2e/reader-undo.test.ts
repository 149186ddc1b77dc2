import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen, until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('with focus in the reader text, J selects an annotation, Delete trashes it and Ctrl+Z brings it back', async () => {
  await withLectern(async (l) => {
    const { source } = await importAndOpen(l, [SEED_001]);
    const { page, api } = l;
    const t = source.text;
    for (const q of ['Dossier Center', 'ethnic Tajiks']) {
      const start = [...t.slice(0, t.indexOf(q))].length;
      await api.createAnnotation({ sourceId: source.id, start, end: start + [...q].length, color: 'yellow', tags: [] });
    }
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: source.title }).click();
    const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
    await until('two annotations listed', async () => (await items.count()) === 2);
    const doc = page.locator('[role="document"][aria-label^="Text of"]');
    await doc.focus();
    await page.keyboard.press('j');
    // J selects the first annotation once the reader has scrolled to it (as keyboard.test.ts waits)
    await page.locator('li.ann-item.selected').waitFor();
    await page.keyboard.press('Delete');
    await page.getByRole('status').filter({ hasText: 'Annotation deleted' }).waitFor();
    await until('one annotation listed', async () => (await items.count()) === 1);
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-reader]')), true, 'focus is still in the reader text');
    await page.keyboard.press('Control+z');
    await until('both annotations back', async () => (await items.count()) === 2);
    assert.equal((await api.listAnnotations(source.id)).length, 2);
  });
});
