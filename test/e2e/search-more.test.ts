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
    // versions of one story are one row (it names them all), so there can be fewer rows than matches
    const rows = (await api.search('said', 1000)).filter((h) => h.kind === 'source');
    assert.equal(rows.reduce((n, h) => n + (h.versions?.count ?? 1), 0), total);
    await l.reload();
    await page.getByRole('searchbox', { name: 'Search' }).fill('said');
    const found = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await found.nth(59).waitFor();
    const heading = page.getByRole('region', { name: 'Sources' }).getByRole('heading');
    const first = rows.slice(0, 60).reduce((n, h) => n + (h.versions?.count ?? 1), 0);
    assert.equal((await heading.innerText()).replace(/\s+/g, ' ').trim().toLowerCase(), `sources ${first} of ${total}`);
    assert.match(await page.getByRole('region', { name: 'Search results' }).innerText(), new RegExp(`Showing ${first} of ${total} results`));
    await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Sources found"] [role="option"]').length === n, rows.length);
    assert.equal((await heading.innerText()).replace(/\s+/g, ' ').trim().toLowerCase(), `sources ${total}`);
    assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
  });
});
