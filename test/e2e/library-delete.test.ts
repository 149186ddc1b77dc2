// Deleting a source from the library (the item's Delete button, or the Delete
// key on the focused list) and undoing it (the toast's Undo, or Mod-Z): the
// source comes back with the same id and its annotations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { until } from './helpers.ts';

test('delete a source with its annotations, undo from the toast and with Mod-Z', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const seed1 = r.imported.find((i) => i.path === SEED_001)!.id;
    const a1 = await api.createAnnotation({ sourceId: seed1, start: 0, end: 12, comment: 'first' });
    const a2 = await api.createAnnotation({ sourceId: seed1, start: 40, end: 60, tags: ['kept/tag'] });
    const title = (await api.getSource(seed1)).title;
    await l.reload();
    const list = page.getByRole('listbox', { name: 'Sources' });
    await list.getByRole('option', { name: title }).click();
    await page.locator(`mark[data-annotation-id="${a1.id}"]`).first().waitFor();

    // the item's Delete button
    await list.getByRole('option', { name: title }).hover();
    await page.getByRole('button', { name: `Delete source: ${title}` }).click();
    const toast = page.getByRole('status').filter({ hasText: `Deleted “${title}” and its 2 annotations.` });
    await toast.waitFor();
    await until('one source left', async () => (await list.getByRole('option').count()) === 1);
    assert.equal((await api.listSources()).length, 1);
    await page.getByText('Choose a source').waitFor(); // the reader closed it
    assert.equal((await api.getSettings()).lastSourceId, null);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('two sources again', async () => (await list.getByRole('option').count()) === 2);
    assert.deepEqual((await api.listAnnotations(seed1)).map((a) => a.id).sort(), [a1.id, a2.id].sort());
    assert.deepEqual((await api.listAnnotations(seed1)).find((a) => a.id === a2.id)!.tags, ['kept/tag']);
    assert.ok((await api.listTags()).includes('kept/tag'));
    // it was open: it opens again, highlights and all
    await page.locator(`mark[data-annotation-id="${a2.id}"]`).first().waitFor();
    assert.equal(await list.getByRole('option', { name: title }).getAttribute('aria-selected'), 'true');

    // the keyboard: Delete on the focused list, Mod-Z undoes
    await list.focus();
    await page.keyboard.press('Delete');
    await until('deleted by key', async () => (await api.listSources()).length === 1);
    await until('the list follows', async () => (await list.getByRole('option').count()) === 1);
    assert.equal((await api.listTags()).includes('kept/tag'), false);
    await page.keyboard.press('Control+z');
    await until('restored by Mod-Z', async () => (await api.listSources()).length === 2);
    assert.deepEqual((await api.listAnnotations(seed1)).map((a) => a.id).sort(), [a1.id, a2.id].sort());
    await until('the list follows', async () => (await list.getByRole('option').count()) === 2);
    await page.getByRole('button', { name: 'Annotations (2)' }).waitFor();
  });
});
