// An annotation's edit (comment, colour, tags) is taken back by the app's one
// Undo: the toast's button, or Ctrl+Z. A trial found edits had none (a
// deletion had).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('an edited comment, colour and tag come back with Undo, then with Ctrl+Z', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { imported } = await api.importPaths([SEED_001]);
    const id = imported[0]!.id;
    const made = await api.createAnnotation({ sourceId: id, start: 0, end: 20, comment: 'first reading', color: 'yellow', tags: ['lead'] });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
    const item = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'first reading' });
    await item.waitFor();

    const edit = async (comment: string) => {
      await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first().getByRole('button', { name: 'Edit', exact: true }).click();
      const editor = page.getByRole('form', { name: 'Edit annotation' });
      await editor.waitFor();
      const box = editor.getByLabel('Comment');
      await box.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(comment);
      await editor.getByRole('radio', { name: 'green' }).click();
      await editor.getByLabel('Add tag').click();
      await page.keyboard.type('second');
      await page.keyboard.press('Enter');
      await editor.getByRole('button', { name: 'Save' }).click();
      await editor.waitFor({ state: 'detached' });
    };
    const stored = async () => { const [a] = await api.listAnnotations(id); return [a!.comment, a!.color, [...a!.tags].sort()]; };

    await edit('second reading');
    assert.deepEqual(await stored(), ['second reading', 'green', ['lead', 'second']]);
    const toast = page.getByRole('status').filter({ hasText: `Changed the comment, colour and tags of “${made.exact}”.` });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('list', { name: 'Annotations' }).getByText('first reading').waitFor();
    assert.deepEqual(await stored(), ['first reading', 'yellow', ['lead']]);

    await edit('third reading');
    await page.getByRole('list', { name: 'Annotations' }).getByText('third reading').waitFor();
    await page.locator('body').click({ position: { x: 640, y: 20 } });
    await page.keyboard.press('Control+z');
    await page.getByRole('list', { name: 'Annotations' }).getByText('first reading').waitFor();
    assert.deepEqual(await stored(), ['first reading', 'yellow', ['lead']]);
    assert.deepEqual(l.errors, []);
  });
});
