// Next / previous difference start from the rows on screen when none is
// current: P at the end of the pair reaches the last difference (the last
// row), N from a scrolled view the first difference on screen, not one
// rendered above it (the virtual list keeps a few rows beyond the screen).
// End / Home in a long pair reach its last / first row (the browser's animated
// scroll stopped midway as the list measured rows on the way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { seedsOpen } from './compare-helpers.ts';
import { corpusText, makeVersionPair } from '../helpers/version-pair.ts';

test('compare keys: P at the bottom lands on the last difference; N from the middle on the first difference on screen', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const { s001 } = await seedsOpen(l);
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    const scroller = view.locator('.compare-scroll');
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    const rows = Number(await view.getByRole('table').getAttribute('aria-rowcount')) - 1;
    const status = view.getByRole('status').filter({ hasText: /^Difference/ });
    const said = async () => (await status.count()) ? status.innerText() : '';

    // the bottom: End, then P
    await scroller.focus();
    await page.keyboard.press('End');
    // the last row on screen (measured rows may make the list a little longer than End's first scroll took it)
    await until('the last row is on screen', () => scroller.evaluate((s, last) => {
      const r = s.querySelector(`.cmp-row[data-index="${last}"]`);
      return s.scrollTop > 0 && !!r && r.getBoundingClientRect().top < s.getBoundingClientRect().bottom;
    }, rows - 1));
    await page.keyboard.press('p');
    await until('a difference is current', async () => /^Difference/.test(await said()));
    const m = /^Difference (\d+) of (\d+)/.exec(await said())!;
    assert.equal(m[1], m[2], `P from the bottom reaches the last difference (${await said()})`);
    assert.equal(await view.locator('.cmp-row.current').getAttribute('data-index'), String(rows - 1), 'the last row is the last difference');

    // close and reopen (nothing current), scroll to the middle, N: the row it lands on was on screen or below
    await view.getByRole('button', { name: 'Close the comparison' }).click();
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    await scroller.evaluate((s) => { s.scrollTop = (s.scrollHeight - s.clientHeight) / 2; });
    // the window follows the scroll a frame later: wait for rows that are on screen, not the ones left from the top
    await until('rows rendered around the middle', () => scroller.evaluate((s) => {
      const top = s.getBoundingClientRect().top + 52;
      return [...s.querySelectorAll<HTMLElement>('.cmp-row')].some((r) => r.getBoundingClientRect().bottom > top && r.getBoundingClientRect().top < s.getBoundingClientRect().bottom);
    }));
    const firstOnScreen = await scroller.evaluate((s) => {
      const top = s.getBoundingClientRect().top + 52; // below the sticky header
      const onScreen = [...s.querySelectorAll<HTMLElement>('.cmp-row')].filter((r) => r.getBoundingClientRect().bottom > top);
      return Math.min(...onScreen.map((r) => Number(r.dataset.index)));
    });
    await page.keyboard.press('n');
    await until('a difference is current', async () => /^Difference/.test(await said()));
    const landed = Number(await view.locator('.cmp-row.current').getAttribute('data-index'));
    assert.ok(landed >= firstOnScreen, `N went to row ${landed}, the first row on screen was ${firstOnScreen}`);
    assert.deepEqual(l.errors, []);
  });
});

test('compare keys: End in a long pair (~300 KB) goes to the last row and Home back to the first', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const pair = makeVersionPair(corpusText(300_000), { seed: 2, reword: 0.1, move: 0.05, delete: 0.05 });
    const r = await api.importFiles([{ name: 'long-a.txt', bytes: new TextEncoder().encode(pair.a) }, { name: 'long-b.txt', bytes: new TextEncoder().encode(pair.b) }]);
    const [a, b] = ['long-a.txt', 'long-b.txt'].map((n) => r.imported.find((i) => i.path === n)!.id) as [string, string];
    await api.linkSources(a, b);
    await api.updateSource(a, { title: 'Long version A' });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: 'Long version A' }).click();
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${b}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    const scroller = view.locator('.compare-scroll');
    await view.getByRole('table').getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    const rows = Number(await view.getByRole('table').getAttribute('aria-rowcount')) - 1;
    assert.ok(rows > 500, `a long pair (${rows} rows)`);
    const onScreen = (index: number) => scroller.evaluate((s, i) => {
      const row = s.querySelector(`.cmp-row[data-index="${i}"]`);
      if (!row) return false;
      const b = row.getBoundingClientRect();
      const v = s.getBoundingClientRect();
      return b.bottom > v.top + 52 && b.top < v.bottom;
    }, index);
    await scroller.focus();
    await page.keyboard.press('End');
    await until('the last row is on screen', () => onScreen(rows - 1), 15_000);
    await page.keyboard.press('Home');
    await until('the first row is on screen', () => onScreen(0), 15_000);
    assert.deepEqual(l.errors, []);
  });
});
