// Deleting a parent tag names the tag chosen and counts its children, whether
// or not the parent has a row of its own; Undo puts them all back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000 } from '../helpers/tmp.ts';

const codebook = (page: Page) => page.getByRole('navigation', { name: 'Codebook' });
const editor = (page: Page, name: string) => page.getByRole('region', { name: `Tag “${name}”` });

test('deleting a parent tag says its own name and how many children went with it', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page, api } = l;
    const source = (await api.importPaths([SEED_000])).imported[0]!;
    const sets = [['politics/family law'], ['politics/labour'], ['economy'], ['economy/growth']];
    for (const [i, tags] of sets.entries()) await api.createAnnotation({ sourceId: source.id, start: 10 + i * 30, end: 30 + i * 30, tags });
    await l.reload();
    await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
    await page.locator('.av-row .av-exact').first().waitFor();
    const names = async () => (await api.listCodebook()).map((t) => t.name).join(', ');
    const all = 'economy, economy/growth, politics, politics/family law, politics/labour';
    assert.equal(await names(), all);

    // politics has no row of its own: both stored tags are its children
    await codebook(page).getByRole('button', { name: /^politics/ }).click();
    await editor(page, 'politics').getByRole('button', { name: /^Delete tag/ }).click();
    const toast = page.getByRole('status').filter({ hasText: /^Deleted the tag/ });
    assert.equal((await toast.locator('span').first().innerText()).trim(), 'Deleted the tag “politics” and 2 children.');
    assert.equal(await names(), 'economy, economy/growth');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('politics and its children are back', async () => (await names()) === all);
    await codebook(page).getByRole('button', { name: /^labour/ }).waitFor();

    // economy has a row and one child
    await codebook(page).getByRole('button', { name: /^economy/ }).click();
    await editor(page, 'economy').getByRole('button', { name: /^Delete tag/ }).click();
    assert.equal((await toast.locator('span').first().innerText()).trim(), 'Deleted the tag “economy” and 1 child.');
    await codebook(page).getByRole('button', { name: /^All annotations/ }).click();
    await page.keyboard.press('Control+z');
    await until('economy and its child are back', async () => (await names()) === all);
    await codebook(page).getByRole('button', { name: /^growth/ }).waitFor();
    assert.deepEqual(l.errors, []);
  });
});
