// A table pasted into a note (issue 10.13): each row a paragraph, its cells
// separated, header cells bold, never "NameAgeSuspect A32". Pasted with the
// keyboard (Ctrl+V) from the system clipboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { showNotes } from './helpers.ts';
import { APP_ORIGIN } from './harness.ts';

const TABLE = `<meta charset="utf-8"><table><thead><tr><th>Name</th><th>Age</th></tr></thead>
  <tbody><tr><td>Suspect A</td><td>32</td></tr><tr><td><p>Suspect B</p></td><td> 19 </td></tr></tbody></table><p>After the table.</p>`;

test('a pasted table keeps its cells apart: one paragraph per row, cells separated, header cells bold', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_ORIGIN });
    await showNotes(page);
    await page.getByRole('button', { name: 'New note' }).click();
    const text = page.getByRole('textbox', { name: 'Note text: Untitled note' });
    await text.click();
    await page.evaluate(async (html) => {
      const item = new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob(['Name\tAge'], { type: 'text/plain' }) });
      await navigator.clipboard.write([item]);
    }, TABLE);
    await page.keyboard.press('Control+V');
    await page.locator('.note-editor p', { hasText: 'After the table.' }).waitFor();
    const paragraphs = await page.locator('.note-editor p').allInnerTexts();
    assert.deepEqual(paragraphs.filter((p) => p.trim()), ['Name | Age', 'Suspect A | 32', 'Suspect B | 19', 'After the table.']);
    assert.deepEqual(await page.locator('.note-editor strong').allInnerTexts(), ['Name', 'Age']);
  });
});
