// At 1024×700 with a few notes, the open note has room: its title is not
// squeezed by the row's buttons and its text box is more than a line high (a
// new-user trial saw a 150 px title box showing "cus warning." and ~60 px of text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('1024×700: the open note’s title keeps the row, its text box keeps some height, Delete note still works', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { api, page } = l;
    await importAndOpen(l, [SEED_001]);
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Some text.' }] }] };
    for (const title of ['Draft on the Crocus warning', 'Second note', 'Third note']) await api.createNote({ title, doc });
    await l.reload();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Draft on the Crocus warning/ }).click();
    const title = page.getByRole('textbox', { name: 'Note title' });
    await page.locator('.note-editor p').first().waitFor();
    const t = (await title.boundingBox())!;
    const row = (await page.locator('.note-title-row').boundingBox())!;
    assert.ok(t.width >= row.width * 0.7, `the title takes most of its row (${Math.round(t.width)} of ${Math.round(row.width)} px)`);
    const text = (await page.locator('.note-editor-host').boundingBox())!;
    assert.ok(text.height >= 100 && text.y + text.height <= 700 + 0.5, `the note's text box is ${Math.round(text.height)} px high from y = ${Math.round(text.y)}, inside the window`);
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Draft on the Crocus warning/ }).waitFor({ state: 'detached' });
    assert.deepEqual(l.errors, []);
  });
});
