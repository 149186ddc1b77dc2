// The compare view shows its first page of rows before the other rows and the
// whole texts arrive (useComparison.ts): meanwhile the table says how many rows
// there are and that it is busy, and a key pressed then (End) is acted on once
// they are in, not on the first page alone. The rest is held back in the
// harness (holdNext) so the in-between state is there every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { corpusText, makeVersionPair } from '../helpers/version-pair.ts';

test('compare first page: the row count and aria-busy while the rest loads; End pressed then reaches the last row once it is in', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const pair = makeVersionPair(corpusText(60_000), { seed: 4, reword: 0.1, move: 0.05, delete: 0.05 });
    const r = await api.importFiles([{ name: 'first-a.txt', bytes: new TextEncoder().encode(pair.a) }, { name: 'first-b.txt', bytes: new TextEncoder().encode(pair.b) }]);
    const [a, b] = ['first-a.txt', 'first-b.txt'].map((n) => r.imported.find((i) => i.path === n)!.id) as [string, string];
    await api.linkSources(a, b);
    await api.updateSource(a, { title: 'First page A' });
    const { total } = await api.comparisonRows(a, b, { start: 0, count: 1 });
    assert.ok(total > 100, `more rows than the first page (${total})`);
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: 'First page A' }).click();
    const compare = page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${b}"]`).getByRole('button', { name: 'Compare', exact: true });
    await compare.waitFor();

    const first = l.holdNext('comparisonRows');
    await compare.click();
    await first.reached;
    first.release();
    // installed before the page can ask again: the next call is the rest of the rows
    const rest = l.holdNext('comparisonRows');
    const view = page.getByRole('region', { name: 'Compare versions' });
    const table = view.getByRole('table');
    await table.getByRole('row').nth(1).waitFor();
    await rest.reached;
    assert.equal(await table.getAttribute('aria-rowcount'), String(total + 1), 'the whole count, header row included');
    assert.equal(await table.getAttribute('aria-busy'), 'true');
    const shown = await view.locator('.cmp-row').count();
    assert.ok(shown > 0 && shown < total);

    const scroller = view.locator('.compare-scroll');
    await scroller.focus();
    await page.keyboard.press('End');
    await until('it says the rows are loading', async () => (await view.getByRole('status').filter({ hasText: 'Loading the rest of the rows' }).count()) === 1);
    assert.equal(await view.locator(`.cmp-row[data-index="${total - 1}"]`).count(), 0, 'the last row is not here yet');

    rest.release();
    await until('the last row is on screen', () => scroller.evaluate((s, last) => {
      const row = s.querySelector(`.cmp-row[data-index="${last}"]`);
      return !!row && s.scrollTop > 0 && row.getBoundingClientRect().top < s.getBoundingClientRect().bottom;
    }, total - 1), 15_000);
    assert.equal(await table.getAttribute('aria-busy'), 'false');
    assert.equal(await table.getAttribute('aria-rowcount'), String(total + 1));
  });
});
