// Searching Chinese from the search box (issue 14.3): a word typed without
// spaces finds the source holding it inside a clause, the snippet marks the
// word, and Enter opens the source with that word flashed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withLectern } from './harness.ts';

const DROUGHT = join(import.meta.dirname, '..', 'fixtures', 'unspaced', 'drought-1.txt');
const RAIN = join(import.meta.dirname, '..', 'fixtures', 'unspaced', 'rain.txt');

test('search box: 干旱 typed finds the drought story, marks the word in its snippet, and Enter flashes it in the reader', async () => {
  await withLectern({ viewport: { width: 1280, height: 720 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([DROUGHT, RAIN]);
    assert.equal(r.imported.length, 2, JSON.stringify(r.failed));
    await l.reload();
    const search = page.getByRole('searchbox', { name: 'Search' });
    const found = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('干旱');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sources found"] [role="option"]').length > 0);
    assert.equal(await search.inputValue(), '干旱');
    assert.equal(await found.count(), 1, 'only the drought story says 干旱');
    const marks = await found.first().locator('mark').allInnerTexts();
    assert.ok(marks.length > 0 && marks.every((m) => m === '干旱'), `marked: ${marks.join(', ')}`);
    if (process.env.LECTERN_SHOT) await page.screenshot({ path: process.env.LECTERN_SHOT });
    await page.keyboard.press('Enter');
    const flash = page.locator('.flash').first();
    await flash.waitFor();
    assert.equal(await flash.innerText(), '干旱');
    assert.equal(l.errors.length, 0, l.errors.join('\n'));
  });
});
