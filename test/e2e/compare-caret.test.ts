// Annotating in the compare view from the keyboard alone: Enter in the rows
// puts a caret in A's text, arrows move it (on into the next row's cell at a
// cell's edge), Shift+arrows select, Enter annotates with the popover focused,
// Tab goes over to B's text in the same row, H highlights there; typed keys
// change no text; Escape leaves the text for the rows, where N still steps.
// A mouse drag afterwards still selects as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { dragSelect, seedsOpen } from './compare-helpers.ts';

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return {
    side: el?.dataset.side ?? null,
    row: Number(el?.closest<HTMLElement>('.cmp-row')?.dataset.index ?? -1),
    scroller: !!el?.classList.contains('compare-scroll'),
    tag: el?.tagName ?? '',
    dialog: el?.closest('[role="dialog"]')?.getAttribute('aria-label') ?? '',
  };
});
/** Presses `key` until `done` holds, waiting after each press for its effect (a move into the next row comes a task and a frame later). */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max: number): Promise<void> {
  for (let i = 0; i < max && !(await done()); i++) {
    await page.keyboard.press(key);
    await until(`${key} took effect`, done, 400).catch(() => {});
  }
}
const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');

test('compare view by keyboard: a caret in either side, Shift+arrows select, Enter annotates, Tab to B, H highlights', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const before = { a: (await api.getSource(s000)).text, b: (await api.getSource(s001)).text };
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).press('Enter');
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    await until('focus in the rows', async () => (await focused(page)).scroller);

    // Enter: the caret at the start of the first row, in A's text where the row has it (here only B has a row 0: its headline)
    const hasSide = (row: number, side: 'a' | 'b') => page.evaluate(({ r, side }) => !!document.querySelector(`.cmp-row[data-index="${r}"] [data-side="${side}"][data-cell-start]`), { r: row, side });
    await page.keyboard.press('Enter');
    await until('the caret in the first row', async () => (await focused(page)).row === 0);
    const firstSide = (await focused(page)).side!;
    assert.equal(firstSide, (await hasSide(0, 'a')) ? 'a' : 'b');

    // typing changes nothing
    const cellText = () => page.evaluate(() => (document.activeElement as HTMLElement).textContent);
    const was = await cellText();
    await page.keyboard.type('xq');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    assert.equal(await cellText(), was, 'the cell text is unchanged');

    // ArrowDown at the cell's last line goes on into the next row with text on this side
    await pressUntil(page, 'ArrowDown', async () => (await focused(page)).row > 0, 12);
    const second = await focused(page);
    assert.equal(second.side, firstSide);
    assert.ok(second.row > 0, `the caret went on to a later row (${second.row})`);

    // on down to a row with both sides, and into its A text (Shift+Tab from B)
    const onBoth = async () => { const f = await focused(page); return (await hasSide(f.row, 'a')) && (await hasSide(f.row, 'b')); };
    await pressUntil(page, 'ArrowDown', onBoth, 40);
    const rowAB = (await focused(page)).row;
    assert.ok((await hasSide(rowAB, 'a')) && (await hasSide(rowAB, 'b')), 'reached a row with both sides');
    if ((await focused(page)).side === 'b') await page.keyboard.press('Shift+Tab');
    await until('the caret in A', async () => (await focused(page)).side === 'a');
    assert.equal((await focused(page)).row, rowAB, 'the same row');

    // two words selected with Ctrl+Shift+Right, Enter: the popover with focus in its comment
    // (from the end of the first word: the selection starts with the space after it)
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    const raw = await selectedText(page);
    assert.match(raw, /^\s/, `the selection starts with a space: "${raw}"`);
    const chosen = raw.trim();
    await page.keyboard.press('Enter');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.waitFor();
    assert.deepEqual(await focused(page).then((f) => [f.tag, f.dialog]), ['TEXTAREA', 'New annotation']);
    await page.keyboard.type('from the keyboard in A');
    await page.keyboard.press('Control+Enter');
    await pop.waitFor({ state: 'detached' });
    await until('the annotation on A', async () => (await api.listAnnotations(s000)).some((x) => x.comment === 'from the keyboard in A'));
    const onA = (await api.listAnnotations(s000)).find((x) => x.comment === 'from the keyboard in A')!;
    assert.equal(onA.exact, chosen, 'stored without the spaces at the selection\'s edges');
    await until('focus back in the text', async () => (await focused(page)).side === 'a');

    // an arrow that collapses a selection keeps the caret in its cell (it went on to another row)
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100); // the arrow's move is checked a task later: give it the chance to go wrong
    assert.deepEqual(await focused(page).then((f) => [f.row, f.side]), [rowAB, 'a'], 'still in the same cell');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
    assert.deepEqual(await focused(page).then((f) => [f.row, f.side]), [rowAB, 'a'], 'still in the same cell (backwards)');

    // Tab over to B's cell of the same row
    await page.keyboard.press('Tab');
    await until('the caret in B', async () => (await focused(page)).side === 'b');
    assert.equal((await focused(page)).row, rowAB, 'the same row');

    // Shift+End selects to the end of the line, H highlights it in B's source
    await page.keyboard.press('Shift+End');
    const inB = (await selectedText(page)).trim();
    assert.ok(inB.length > 3, `a selection in B: "${inB}"`);
    await page.keyboard.press('h');
    await until('the highlight on B', async () => (await api.listAnnotations(s001)).length === 1);
    const onB = (await api.listAnnotations(s001))[0]!;
    assert.equal(onB.exact.trim(), inB);
    assert.equal(onB.color, 'yellow');
    await view.locator(`mark[data-annotation-id="${onB.id}"]`).first().waitFor();
    assert.equal((await focused(page)).side, 'b', 'the caret stays in B');

    // Shift+Tab back to A in the same row
    await page.keyboard.press('Shift+Tab');
    await until('the caret back in A', async () => (await focused(page)).side === 'a');

    // the texts themselves are untouched
    assert.equal((await api.getSource(s000)).text, before.a);
    assert.equal((await api.getSource(s001)).text, before.b);

    // Escape: back to the rows, where N steps to a difference
    await page.keyboard.press('Escape');
    await until('focus on the rows', async () => (await focused(page)).scroller);
    await page.keyboard.press('n');
    await until('a difference is current', async () => (await view.locator('.cmp-row.current').count()) === 1);

    // End, then Enter: the caret goes into a row on screen, not back to the current one far above
    await page.keyboard.press('End');
    const last = Number(await view.getByRole('table').getAttribute('aria-rowcount')) - 2;
    await until('the last row on screen', () => page.evaluate((i) => {
      const row = document.querySelector(`.cmp-row[data-index="${i}"]`);
      const s = document.querySelector('.compare-scroll')!.getBoundingClientRect();
      return !!row && row.getBoundingClientRect().top < s.bottom;
    }, last));
    await page.keyboard.press('Enter');
    await until('the caret in a row', async () => (await focused(page)).row >= 0);
    const landed = await page.evaluate(() => {
      const cell = document.activeElement!.getBoundingClientRect();
      const s = document.querySelector('.compare-scroll')!.getBoundingClientRect();
      return { top: cell.top, bottom: cell.bottom, viewTop: s.top + 52, viewBottom: s.bottom };
    });
    assert.ok(landed.bottom > landed.viewTop && landed.top < landed.viewBottom, `the caret's row is on screen (${JSON.stringify(landed)})`);
    await page.keyboard.press('Escape');
    await until('focus on the rows again', async () => (await focused(page)).scroller);
    await page.keyboard.press('Home');
    await until('the first rows back', () => page.evaluate((t) => [...document.querySelectorAll('.cmp-cell[data-side="a"]')].some((c) => c.textContent!.includes(t)), onA.exact));

    // the mouse still selects across a cell as before: a drag opens the popover
    await dragSelect(page, '.cmp-cell[data-side="a"]', onA.exact.trim());
    await page.getByRole('dialog', { name: 'New annotation' }).waitFor();
    assert.equal(await page.locator('[data-caret-host]').count(), 0, 'the mouse ended the keyboard caret');
    assert.deepEqual(l.errors, []);
  });
});
