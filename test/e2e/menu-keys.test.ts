// The app's two small menus take the same keys (renderer/menu-keys.ts), by the
// real keyboard: the note toolbar's More formatting and the Annotations view's
// Export. ArrowDown / ArrowUp wrap, Home / End go to the ends, Escape closes
// the menu (focus back on its button); Tab closes it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { importAndOpen } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
});

/** Arrows, Home and End in an open menu whose item names are `names`, focus starting on the first. */
async function walk(page: Page, menu: Locator, what: string) {
  const names = (await menu.locator('[role^="menuitem"]:not([disabled])').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim())));
  assert.ok(names.length >= 3, `${what}: ${names.join(' | ')}`);
  const first = names[0]!;
  const last = names.at(-1)!;
  assert.equal(await focused(page), first, `${what}: focus on the first item`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), names[1], `${what}: ArrowDown`);
  await page.keyboard.press('End');
  assert.equal(await focused(page), last, `${what}: End`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), first, `${what}: ArrowDown from the last wraps`);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), last, `${what}: ArrowUp from the first wraps`);
  await page.keyboard.press('Home');
  assert.equal(await focused(page), first, `${what}: Home`);
}

test('More formatting and Export: the same menu keys', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { page, api } = l;
    const { source } = await importAndOpen(l, [SEED_001]);
    await api.createAnnotation({ sourceId: source.id, start: 0, end: 20, tags: ['opening'] });
    await api.createNote({ title: 'Keys', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] }] } });
    await l.reload();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Keys/ }).click();
    await page.locator('.note-editor p').first().waitFor();
    // narrow the side panel: the toolbar's end moves into More formatting
    await page.getByRole('separator', { name: 'Resize side panel' }).focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    const more = page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'More formatting' });
    await more.waitFor();
    await more.focus();
    await page.keyboard.press('Enter');
    const formatting = page.getByRole('menu', { name: 'More formatting' });
    await formatting.waitFor();
    await walk(page, formatting, 'More formatting');
    await page.keyboard.press('Escape');
    await formatting.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'More formatting', 'Escape: focus back on the button');
    assert.ok(await page.locator('.note-editor').isVisible(), 'Escape closed the menu only');
    await page.keyboard.press('Enter');
    await formatting.waitFor();
    await page.keyboard.press('Tab');
    await formatting.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'More formatting', 'Tab: the toolbar is one stop, focus back on its button');

    await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
    const view = page.getByRole('region', { name: 'Annotations across the library' });
    await view.locator('.av-row').first().waitFor();
    const exportButton = view.getByRole('button', { name: 'Export' });
    await exportButton.focus();
    await page.keyboard.press('Enter');
    const exports = view.getByRole('menu', { name: 'Export' });
    await exports.waitFor();
    await walk(page, exports, 'Export');
    await page.keyboard.press('Escape');
    await exports.waitFor({ state: 'detached' });
    assert.ok(await view.isVisible(), 'Escape closed the menu, not the view');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup')), 'menu', 'focus back on Export');
    await page.keyboard.press('ArrowDown');
    await exports.waitFor();
    await page.keyboard.press('Tab');
    await exports.waitFor({ state: 'detached' });
    assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup')), 'menu', 'Tab: on to what follows Export');
    assert.deepEqual(l.errors, []);
  });
});
