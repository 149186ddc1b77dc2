// Focus comes back to where it was after a dialog closes, after "Add to note"
// and after a backlink; Tab stays inside an open dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { importAndOpen, selectInReader, until, notesShown, showAnnotations } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return 'body';
  if (el.closest('[data-reader]')) return 'reader';
  if (el.closest('.note-editor')) return 'note';
  return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}`;
});

test('focus: dialogs give focus back and keep Tab inside; "Add to note" and backlinks never leave it on the page body', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { source } = await importAndOpen(l, [SEED_001]);
    const start = Array.from(source.text.slice(0, source.text.indexOf(PASSAGE))).length;
    const ann = await api.createAnnotation({ sourceId: source.id, start, end: start + PASSAGE.length });
    await l.reload();

    // a dialog opened by its button gives focus back to the button
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
    await until('focus back on Settings', async () => (await focused(page)) === 'button:Settings');

    // Export from the reader's text (Mod-E): Tab and Shift+Tab cycle inside it; closing returns to the text
    await page.locator('[data-reader]').click();
    await page.keyboard.press('Control+e');
    const exp = page.getByRole('dialog', { name: 'Export' });
    await exp.waitFor();
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press(key);
        assert.equal(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), true, `${key} ${i + 1} stays in the dialog (at ${await focused(page)})`);
      }
    }
    await exp.getByRole('button', { name: 'Close' }).click();
    await exp.waitFor({ state: 'detached' });
    await until('focus back in the text', async () => (await focused(page)) === 'reader');

    // Help from the keyboard, closed with its × button
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Close' }).click();
    await until('focus back in the text', async () => (await focused(page)) === 'reader');

    // "Add to note" in the popover: the quote goes to a new note, focus comes back to the text
    await selectInReader(page, 'incendiary devices');
    await page.getByRole('dialog', { name: 'New annotation' }).getByRole('button', { name: 'Add to note' }).click();
    await until('a note', async () => (await api.listNotes()).length === 1);
    await until('focus back in the text', async () => (await focused(page)) === 'reader');

    // "Add to note" on a card, from the keyboard: focus is not lost (the open note takes it for the insertion)
    await showAnnotations(page);
    const card = page.locator(`li.ann-item[data-annotation-id="${ann.id}"]`);
    await card.getByRole('button', { name: 'Add to note' }).focus();
    await page.keyboard.press('Enter');
    await notesShown(page);
    await until('the citation in the note', async () => (await page.locator('.note-editor cite').count()) >= 1);
    // (the note takes focus for the insertion in the task after the citation shows)
    await until('focus in the note or back in the text', async () => ['note', 'reader'].includes(await focused(page)));

    // a backlink on the card opens the note at its citation, with focus in the note
    await showAnnotations(page);
    const link = card.getByRole('region', { name: /Cited in/ }).getByRole('button').first();
    await link.waitFor();
    await link.click();
    await notesShown(page);
    await until('focus in the note', async () => (await focused(page)) === 'note');
  });
});
