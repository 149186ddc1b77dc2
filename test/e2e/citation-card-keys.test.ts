// Alt+↓ moves the keyboard into a citation's card ("Also in": other versions,
// Cite this version) however the chip was reached (a new-user trial, #8: on a
// clicked chip it did nothing). A click on a chip opens its passage and leaves
// the caret after the chip: Alt+↓ there opens that chip's card and moves into
// it; so does Alt+↓ on a selected chip whose card Escape had closed. Escape
// gives the keyboard back to the note with the chip selected. Real mouse and keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until, showNotes } from './helpers.ts';
import { cpRange, seedsOpen } from './compare-helpers.ts';
import { citationFor } from '../../common/citation.ts';

const chip = (page: Page) => page.locator('.note-editor cite.lectern-citation');
const card = (page: Page) => page.getByRole('dialog', { name: 'Citation' });
const cardHasKeyboard = (page: Page) => page.evaluate(() => document.getElementById('lectern-citation-card')?.contains(document.activeElement) === true);
const noteHasKeyboard = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('note-editor') === true);
const chipSelected = async (page: Page) => (await chip(page).getAttribute('class'))!.split(' ').includes('selected');

test('citation card: Alt+↓ moves into the card of a clicked chip and of a selected chip whose card was closed; Escape comes back', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const src001 = await api.getSource(s001);
    const at = cpRange(src001.text, 'Cologne Cathedral');
    const ann = await api.createAnnotation({ sourceId: s001, ...at });
    await api.createNote({ title: 'Where', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'Near ' }, { type: 'citation', attrs: citationFor(src001, at.start, at.end, ann.id) }, { type: 'text', text: ' it stood.' }] }] } });
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Where/ }).click();
    await page.getByRole('textbox', { name: 'Note text: Where' }).waitFor();
    await until('the chip is read', async () => (await chip(page).getAttribute('data-status')) === 'ok');

    // 1. a click on the chip: its passage opens, the caret is after the chip, the note keeps the keyboard
    await chip(page).click();
    await until('the note has the keyboard', () => noteHasKeyboard(page));
    await page.mouse.move(0, 0);
    await page.keyboard.press('Alt+ArrowDown');
    await until('Alt+↓ after a clicked chip: the card has the keyboard', () => cardHasKeyboard(page));
    assert.equal(await card(page).isVisible(), true);
    await card(page).locator(`.also-in-item[data-source-id="${s000}"]`).getByRole('button', { name: 'Cite this version' }).waitFor();
    // Tab goes through the card's buttons
    for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement?.textContent === 'Cite this version')); i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cite this version', 'the card\'s buttons are reached with Tab');
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'hidden' });
    await until('Escape: back in the note', () => noteHasKeyboard(page));
    assert.equal(await chipSelected(page), true, 'with the chip selected');

    // 2. the chip still selected, its card closed: Alt+↓ opens it again and moves in
    await page.keyboard.press('Alt+ArrowDown');
    await until('Alt+↓ on the selected chip: the card has the keyboard again', () => cardHasKeyboard(page));
    assert.equal(await card(page).isVisible(), true);
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'hidden' });
    await until('back in the note', () => noteHasKeyboard(page));

    // 3. the keys type on after the chip as before: nothing was replaced
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('X');
    await until('typed after the chip', async () => /Near .+X it stood\./.test(await page.getByRole('textbox', { name: 'Note text: Where' }).innerText()));
    assert.equal(await chip(page).count(), 1, 'the chip is still there');
    assert.deepEqual(l.errors, []);
  });
});
