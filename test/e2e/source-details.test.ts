import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('editing a title persists through a reload; the scroll position comes back too', async () => {
  await withLectern({ viewport: { width: 1280, height: 480 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id = r.imported.find((i) => i.path.endsWith('000_75a8ae8bdfc13fc0.txt'))!.id;
    await l.reload();
    const src = await api.getSource(id);
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: src.title }).click();
    const title = page.getByLabel('Title', { exact: true });
    assert.equal(await title.inputValue(), src.title);
    // the header's details (opened from its one line) show the file's name and sha256
    await page.getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('banner', { name: 'Source details' }).or(page.locator('header[aria-label="Source details"]'));
    const text = await details.first().innerText();
    assert.ok(text.includes(src.sha256) && text.includes('000_75a8ae8bdfc13fc0.txt'), text);

    await title.fill('Kremlin knew of ISIS threat (Italian derivative)');
    await title.press('Enter');
    await page.getByRole('option', { name: 'Kremlin knew of ISIS threat (Italian derivative)' }).waitFor();
    await page.getByLabel('Publisher').fill('Il Riformista');
    await page.getByLabel('Publisher').press('Enter');
    await page.waitForFunction(() => document.querySelector('[role="listbox"][aria-label="Sources"]')?.textContent?.includes('Il Riformista'));

    // scroll the reader down a way; the position is saved as a code-point offset
    await page.locator('.reader-scroll').evaluate((el) => { el.scrollTop = 600; });
    await until('the scroll position to be saved', async () => (await api.getSettings()).lastScrollOffset > 0);
    const saved = await api.getSettings();
    assert.equal(saved.lastSourceId, id);

    await l.reload();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Kremlin knew of ISIS threat (Italian derivative)');
    assert.equal(await page.getByLabel('Publisher').inputValue(), 'Il Riformista');
    const s = await api.getSource(id);
    assert.equal(s.title, 'Kremlin knew of ISIS threat (Italian derivative)');
    assert.equal(s.publisher, 'Il Riformista');
    await page.waitForFunction(() => document.querySelector('.reader-scroll')!.scrollTop > 300);
  });
});

test('settings are kept in the settings table and the theme applies', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Author name').fill('Ada Researcher');
    await dialog.getByLabel('Page size').selectOption('Letter');
    await dialog.getByLabel('Theme').selectOption('dark');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const s = await api.getSettings();
    assert.deepEqual([s.authorName, s.pageSize, s.theme], ['Ada Researcher', 'Letter', 'dark']);
    await l.reload();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    // Help > Keyboard shortcuts, and the menu command path the Electron menu uses
    await l.menu('shortcuts');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    assert.match(await help.innerText(), /Search the library/);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });
});
