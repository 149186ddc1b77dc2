// A keyboard-only researcher: reaches the reader text with Tab, moves and
// extends a selection with the arrow keys, highlights it (H) or annotates it
// (Enter, the popover focused), opens an annotation picked with J (Enter), and
// cites it into a note, without touching the mouse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';
import { noteCitations } from '../../common/note-citations.ts';

const active = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { reader: !!el?.closest('[data-reader]'), label: el?.getAttribute('aria-label') ?? '', tag: el?.tagName ?? '', dialog: el?.closest('[role="dialog"]')?.getAttribute('aria-label') ?? '' };
});

/** Presses Tab until `where` holds (at most `max` times). */
async function tabTo(page: Page, what: string, where: (a: Awaited<ReturnType<typeof active>>) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    if (where(await active(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');

test('keyboard only: Tab into the text, select with Shift+arrows, H highlights, Enter annotates, J + Enter edits, cite into a note', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const id = (await api.importPaths([SEED_001])).imported[0]!.id;
    await l.reload();

    // open the source from the library list
    await tabTo(page, 'the source list', (a) => a.label === 'Sources');
    await page.keyboard.press('Enter');
    await page.locator('[data-reader]').waitFor();

    // into the text; the caret to its start, then three words selected
    await tabTo(page, 'the reader text', (a) => a.reader);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    assert.equal((await selectedText(page)).trim(), 'Russia’s security services');
    await page.keyboard.press('h');
    await until('the highlight', async () => (await api.listAnnotations(id)).length === 1);
    const first = (await api.listAnnotations(id))[0]!;
    assert.equal(first.exact.trim(), 'Russia’s security services');
    await page.locator(`mark[data-annotation-id="${first.id}"]`).first().waitFor();
    assert.equal((await active(page)).reader, true, 'the text keeps focus');
    assert.equal((await api.getSource(id)).text.startsWith('Russia’s security services'), true, 'typing H changed no text');

    // down a paragraph, a longer selection, Enter: the popover with focus in its comment
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const chosen = (await selectedText(page)).trim();
    assert.ok(chosen.length > 10, chosen);
    await page.keyboard.press('Enter');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.waitFor();
    assert.deepEqual(await active(page).then((a) => [a.tag, a.dialog]), ['TEXTAREA', 'New annotation']);
    await page.keyboard.type('typed without a mouse');
    await page.keyboard.press('Control+Enter');
    await pop.waitFor({ state: 'detached' });
    await until('the second annotation', async () => (await api.listAnnotations(id)).some((a) => a.comment === 'typed without a mouse'));
    assert.equal((await active(page)).reader, true, 'focus is back in the text');

    // K (J's reverse) picks the first annotation, J the next; Enter opens it, focused; Escape closes, back to the text
    await page.keyboard.press('k');
    await page.locator(`li.ann-item.selected[data-annotation-id="${first.id}"]`).waitFor();
    await page.keyboard.press('j');
    await page.locator(`li.ann-item.selected[data-annotation-id="${first.id}"]`).waitFor({ state: 'detached' });
    await page.keyboard.press('k');
    await page.locator(`li.ann-item.selected[data-annotation-id="${first.id}"]`).waitFor();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Annotation' });
    await edit.waitFor();
    assert.equal((await active(page)).dialog, 'Annotation');
    await page.keyboard.type('first words');
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'detached' });
    assert.equal((await active(page)).reader, true);
    assert.equal((await api.listAnnotations(id)).find((a) => a.id === first.id)!.comment, '', 'Escape saved nothing');

    // cite it: Enter again, Tab to "Add to note", Enter; a note now cites the annotation
    await page.keyboard.press('Enter');
    await edit.waitFor();
    for (let i = 0; i < 20; i++) {
      if (await page.evaluate(() => document.activeElement?.textContent === 'Add to note')) break;
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Add to note');
    await page.keyboard.press('Enter');
    await until('a note citing the annotation', async () => {
      const notes = await api.listNotes();
      if (notes.length !== 1) return false;
      return noteCitations((await api.getNote(notes[0]!.id)).doc).some((c) => c.annotationId === first.id);
    });
    assert.equal((await active(page)).reader, true, 'after "Add to note" focus returns to the text');
  });
});
