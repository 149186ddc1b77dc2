// Find in the open source (Mod-F): matches highlighted, "n of N", next and
// previous with Enter / Shift+Enter and the buttons, case and diacritics
// ignored; Escape closes it, selects the match in the text and gives the text
// focus (so H highlights it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { importAndOpen, until, waitInReaderView } from './helpers.ts';
import { scan } from './axe.ts';
import { SEED_001 } from '../helpers/tmp.ts';

const count = (page: Page) => page.locator('.find-count').innerText();
const current = (page: Page) => page.evaluate(() => [...document.querySelectorAll('[data-reader] .find-current')].map((e) => e.textContent).join(''));
const currentInView = (page: Page) => waitInReaderView(page, '[data-reader] .find-current');

for (const scheme of ['light', 'dark'] as const) {
  test(`find in source: Mod-F, "n of N", Enter / Shift+Enter / buttons, Escape selects the match (${scheme})`, async () => {
    await withLectern({ viewport: { width: 1024, height: 700 }, colorScheme: scheme }, async (l) => {
      const { page, api } = l;
      const { source } = await importAndOpen(l, [SEED_001]);
      const expected = source.text.toLowerCase().split('russia').length - 1;
      assert.ok(expected >= 5, `seed 001 mentions Russia often (${expected})`);
      await page.locator('[data-reader]').click();
      await page.keyboard.press('Control+f');
      const input = page.getByRole('searchbox', { name: 'Find in source' });
      await input.waitFor();
      assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the find box has focus');
      await page.keyboard.type('RUSSIA');
      await until('the count', async () => (await count(page)).endsWith(`of ${expected}`));
      assert.equal(await page.locator('[data-reader] .find-match').count(), expected, 'every match is highlighted');
      const first = await count(page);
      const n0 = Number(first.split(' ')[0]);
      assert.equal((await current(page)).toLowerCase(), 'russia');
      await currentInView(page);

      await page.keyboard.press('Enter');
      await until('the next match', async () => (await count(page)) === `${(n0 % expected) + 1} of ${expected}`);
      await currentInView(page);
      await page.keyboard.press('Shift+Enter');
      await until('the previous match', async () => (await count(page)) === first);
      await page.getByRole('button', { name: 'Next match' }).click();
      await until('the next match (button)', async () => (await count(page)) === `${(n0 % expected) + 1} of ${expected}`);
      await page.getByRole('button', { name: 'Previous match' }).click();
      await until('the previous match (button)', async () => (await count(page)) === first);
      // wraps around from the last to the first
      for (let i = n0; i <= expected; i++) await page.getByRole('button', { name: 'Next match' }).click();
      await until('wrapping to 1', async () => (await count(page)) === `1 of ${expected}`);

      if (scheme === 'dark') assert.deepEqual(await scan(page, 'find bar (dark)'), []);
      else assert.deepEqual(await scan(page, 'find bar'), []);

      // diacritics and case ignored; nothing found says so
      await input.fill('KHODORKOVSKY');
      await until('one match', async () => (await count(page)) === '1 of 1');
      await input.fill('zzqx');
      await until('no match', async () => (await count(page)) === 'No matches');
      assert.equal(await page.locator('[data-reader] .find-match').count(), 0);

      // Escape: the bar closes, the match is selected in the text, which has focus; H highlights it
      await input.fill('Dossier Center');
      await until('matches', async () => (await count(page)).startsWith('1 of'));
      await input.press('Escape');
      await page.locator('.find-bar').waitFor({ state: 'detached' });
      assert.equal(await page.locator('[data-reader] .find-match').count(), 0);
      assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-reader]')), true);
      assert.equal(await page.evaluate(() => window.getSelection()?.toString()), 'Dossier Center');
      await page.keyboard.press('h');
      await until('a highlight of the match', async () => (await api.listAnnotations(source.id)).some((a) => a.exact === 'Dossier Center'));
    });
  });
}

test('find in source: Mod-K still searches the library; with no source open Mod-F does too', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await page.keyboard.press('Control+f');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Search');
    await importAndOpen(l, [SEED_001]);
    await page.keyboard.press('Control+k');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Search');
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find in source' }).waitFor();
  });
});
