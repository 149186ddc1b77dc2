// Search results are not silently capped: each group says how many match in
// all, and "Show more" fetches the next results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { CORPUS } from '../helpers/tmp.ts';

test('search: "said" over 150 articles shows the total per group and "Show more" lists the rest', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const dir = join(CORPUS, 'politics');
    await api.importPaths(readdirSync(dir).sort().slice(0, 150).map((f) => join(dir, f)));
    const total = (await api.searchCounts('said')).source;
    assert.ok(total > 100, `"said" is common (${total})`);
    await l.reload();
    await page.getByRole('searchbox', { name: 'Search' }).fill('said');
    const found = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await found.nth(59).waitFor();
    const heading = page.getByRole('region', { name: 'Sources' }).getByRole('heading');
    assert.equal((await heading.innerText()).replace(/\s+/g, ' ').trim().toLowerCase(), `sources 60 of ${total}`);
    assert.match(await page.getByRole('region', { name: 'Search results' }).innerText(), new RegExp(`Showing 60 of ${total} results`));
    await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Sources found"] [role="option"]').length === n, total);
    assert.equal((await heading.innerText()).replace(/\s+/g, ' ').trim().toLowerCase(), `sources ${total}`);
    assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
  });
});
