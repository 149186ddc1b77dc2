// The side panel beside the compare view lists the annotations of the source
// open in the reader (A): one made on A in the compare view shows there at
// once, as it does in the library's count (a trial found the panel saying
// "Annotations (0)" until an undo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until, showAnnotations } from './helpers.ts';
import { dragSelect, seedsOpen } from './compare-helpers.ts';

test('an annotation made on A in the compare view shows in the side panel at once', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    await showAnnotations(page);
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    await dragSelect(page, '.cmp-cell.cmp-a', 'Central Asian branch');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.getByLabel('Comment').fill('branch or offshoot?');
    await pop.getByRole('button', { name: 'Save' }).click();
    await pop.waitFor({ state: 'detached' });
    const [made] = await api.listAnnotations(s000);
    assert.equal(made?.exact, 'Central Asian branch');
    await page.locator(`li.ann-item[data-annotation-id="${made.id}"]`).waitFor();
    await until('the panel counts it', async () => (await page.getByRole('button', { name: /^Annotations \(1\)/ }).count()) === 1);
  });
});

test('focus by keyboard: Compare (Enter) puts it in the view, Swap sides keeps it there, closing gives it back to the text', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const { s001 } = await seedsOpen(l);
    const where = () => page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      if (el.closest('[aria-label="Compare versions"]')) return 'compare';
      if (el.closest('[data-reader]')) return 'reader';
      return el.getAttribute('aria-label') ?? el.tagName;
    });
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).focus();
    await page.keyboard.press('Enter');
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    await until('focus in the compare view', async () => (await where()) === 'compare');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await where(), 'compare', 'Shift+Tab moves within the view');
    await view.getByRole('button', { name: 'Swap sides' }).focus();
    await page.keyboard.press('Enter');
    await until('focus still in the view after the swap', async () => (await where()) === 'compare');
    await view.getByRole('button', { name: 'Close the comparison' }).focus();
    await page.keyboard.press('Enter');
    await until('focus back in the text', async () => (await where()) === 'reader');
  });
});
