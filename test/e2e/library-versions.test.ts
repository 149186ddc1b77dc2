// The library pane's half of issue 9.1: sources that have versions carry a
// mark saying how many ("2 versions"), and a "With versions" checkbox beside
// the Sort and Tag filters lists only them; it is reached and toggled from the
// keyboard, remembered across a reload, cleared with the mouse; the mark
// passes axe (contrast included) in dark and light.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { scan } from './axe.ts';
import { seedsOpen } from './compare-helpers.ts';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';

const UNRELATED = join(CORPUS, 'tech', '2d-metal-slug-offers-retro-fun.txt');

test('library: sources with versions are marked "2 versions"; the With versions filter lists only them, is remembered, and clears', () =>
  withLectern({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001, UNRELATED]);
    const id = (path: string) => r.imported.find((i) => i.path === path)!.id;
    await api.linkSources(id(SEED_000), id(SEED_001)); // as compare-helpers' seedsOpen: by hand, not resting on detection
    const titles = await Promise.all([SEED_000, SEED_001, UNRELATED].map(async (p) => (await api.getSource(id(p))).title));
    await l.reload();

    const list = page.getByRole('listbox', { name: 'Sources' });
    const options = list.getByRole('option');
    const count = page.locator('.library-count');
    await page.waitForFunction(() => document.querySelectorAll('#source-list [role="option"]:not([aria-busy])').length === 3);
    for (const t of titles.slice(0, 2)) assert.match(await options.filter({ hasText: t }).innerText(), /\b2 versions\b/, `${t} is marked`);
    assert.doesNotMatch(await options.filter({ hasText: titles[2]! }).innerText(), /version/, 'the unrelated source has no mark');
    assert.deepEqual(await scan(page, 'library with versions marks, dark'), []);

    // the filter, from the keyboard: Tab from the tag filter reaches it, Space turns it on
    const filter = page.getByRole('checkbox', { name: 'With versions' });
    assert.equal(await filter.isChecked(), false);
    await page.getByRole('combobox', { name: 'Filter by tag' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await filter.evaluate((el) => el === document.activeElement), true, 'Tab from the tag filter lands on With versions');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelectorAll('#source-list [role="option"]').length === 2);
    assert.deepEqual((await options.allInnerTexts()).map((t) => titles.findIndex((x) => t.includes(x))).sort(), [0, 1]);
    assert.match(await count.innerText(), /^2 of 3 sources/);
    if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });

    // remembered like the sort and the collection
    await l.reload();
    await page.waitForFunction(() => document.querySelectorAll('#source-list [role="option"]:not([aria-busy])').length === 2);
    assert.equal(await filter.isChecked(), true);
    assert.match(await count.innerText(), /^2 of 3 sources/);

    // cleared with the mouse: every source again
    await filter.click();
    await page.waitForFunction(() => document.querySelectorAll('#source-list [role="option"]:not([aria-busy])').length === 3);
    assert.match(await count.innerText(), /^3 sources/);
    assert.equal(await filter.isChecked(), false);

    // a dismissed relation takes the mark away; the filter then says no source has a version
    await api.unlinkSources(id(SEED_000), id(SEED_001));
    await l.reload();
    await page.waitForFunction(() => document.querySelectorAll('#source-list [role="option"]:not([aria-busy])').length === 3);
    assert.doesNotMatch(await list.innerText(), /versions/);
    await filter.click();
    await page.getByText('No source has a version.').waitFor();

    // light theme: the mark keeps its contrast
    await filter.click();
    await api.linkSources(id(SEED_000), id(SEED_001));
    await api.updateSettings({ theme: 'light' });
    await l.reload();
    await options.filter({ hasText: '2 versions' }).first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    assert.deepEqual(await scan(page, 'library with versions marks, light'), []);
  }));

test('library: dismissing a version in the reader takes the mark away at once; Restore brings it back', () =>
  withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seedsOpen(l);
    const list = page.getByRole('listbox', { name: 'Sources' });
    await page.waitForFunction(() => (document.querySelector('#source-list')?.textContent?.match(/2 versions/g) ?? []).length === 2);
    await page.getByRole('button', { name: 'Dismiss', exact: true }).first().click();
    await page.waitForFunction(() => !document.querySelector('#source-list')?.textContent?.includes('versions'));
    assert.doesNotMatch(await list.innerText(), /versions/);
    await page.getByRole('button', { name: /dismissed/ }).click();
    await page.getByRole('button', { name: 'Restore' }).first().click();
    await page.waitForFunction(() => (document.querySelector('#source-list')?.textContent?.match(/2 versions/g) ?? []).length === 2);
  }));
