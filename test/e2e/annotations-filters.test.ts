// The Annotations view's colour and source filters with Playwright's real
// mouse and keyboard: several colours at once (toggle buttons reached with
// Tab, toggled with Space), sources found by typing a title (arrow keys and
// Enter, and the mouse), the filters combined and shown as chips that remove
// them, and all of it still there after a reload; axe with the list open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AnnotationColor } from '../../common/types.ts';
import { withLectern, type Lectern } from './harness.ts';
import { until } from './helpers.ts';
import { scan } from './axe.ts';

const SHOTS = process.env.LECTERN_SCREENSHOTS;
const TITLES = ['Bank of England raises rates', 'Floods in the north', 'Market report 1', 'Market report 2'];
const COLORS: AnnotationColor[] = ['yellow', 'green', 'blue', 'pink'];

/** Four sources, each with four passages in four colours (16 in all). */
async function seeded(l: Lectern) {
  const body = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  const { imported } = await l.api.importFiles(TITLES.map((t, i) => ({ name: `${i}.txt`, bytes: new TextEncoder().encode(`${t}\n\n${body}\n`) })));
  for (const s of imported) {
    for (const [i, color] of COLORS.entries()) await l.api.createAnnotation({ sourceId: s.id, start: 40 + i * 30, end: 60 + i * 30, color });
  }
  await l.reload();
  return imported;
}

const view = (page: Page) => page.getByRole('region', { name: 'Annotations across the library' });
const countSays = (page: Page, n: number) =>
  view(page).getByRole('status').filter({ hasText: new RegExp(`^${n} annotations?$`) }).waitFor();
/** Each row's source title and colour, as shown. */
const shown = (page: Page) => page.locator('.av-row').evaluateAll((rows) => rows.map((r) => {
  const swatch = [...r.querySelector('.av-swatch')!.classList].find((c) => c.startsWith('hl-'))!.slice(3);
  return `${r.querySelector('.av-source')!.textContent} ${swatch}`;
}).sort());
const colour = (page: Page, c: string) => view(page).getByRole('group', { name: 'Colours' }).getByRole('button', { name: c, exact: true });

async function openView(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  await page.locator('.av-row .av-exact').first().waitFor();
}

test('Annotations view: several colours and several sources with mouse and keyboard, as chips, kept across a reload', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    await openView(page);
    await countSays(page, 16);

    // colours: a mouse click on green, then Tab to blue and Space
    await colour(page, 'green').click();
    await countSays(page, 4);
    await colour(page, 'green').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'blue', 'Tab goes from one colour to the next');
    await page.keyboard.press('Space');
    await countSays(page, 8);
    assert.equal(await colour(page, 'blue').getAttribute('aria-pressed'), 'true');
    assert.equal(await colour(page, 'yellow').getAttribute('aria-pressed'), 'false');
    assert.deepEqual([...new Set((await shown(page)).map((r) => r.split(' ').at(-1)))].sort(), ['blue', 'green']);

    // sources: type part of a title, arrow down to the second match, Enter; the first with the mouse
    const box = view(page).getByRole('combobox', { name: 'Sources' });
    await box.click();
    await page.keyboard.type('market rep');
    const options = view(page).getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await until('two titles found', async () => (await options.count()) === 2);
    assert.deepEqual(await options.allTextContents(), ['Market report 1', 'Market report 2']);
    assert.deepEqual(await scan(page, 'annotations view, source picker open'), [], 'axe: the combobox, its list, the colour toggles');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await countSays(page, 2);
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await options.nth(0).click();
    await countSays(page, 4);
    await page.keyboard.press('Escape');
    await view(page).getByRole('listbox', { name: 'Sources found' }).waitFor({ state: 'detached' });
    assert.ok(await view(page).isVisible(), 'Escape closed the list, not the view');
    assert.deepEqual(await shown(page), ['Market report 1 blue', 'Market report 1 green', 'Market report 2 blue', 'Market report 2 green']);

    // the chips say what filters the list; a click on one's × removes it
    const chips = view(page).getByRole('list', { name: 'Filters' });
    assert.deepEqual(await chips.locator('.av-chip-label').allTextContents(),
      ['Colour: green', 'Colour: blue', 'Source: Market report 2', 'Source: Market report 1']);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'annotations-view-filters.png') });
    await chips.getByRole('button', { name: 'Stop filtering by “green”' }).click();
    await countSays(page, 2);
    assert.equal(await colour(page, 'green').getAttribute('aria-pressed'), 'false', 'the toggle follows its chip');

    // a reload keeps the filters
    await l.reload();
    await openView(page);
    await countSays(page, 2);
    assert.deepEqual(await shown(page), ['Market report 1 blue', 'Market report 2 blue']);
    assert.deepEqual(await chips.locator('.av-chip-label').allTextContents(), ['Colour: blue', 'Source: Market report 2', 'Source: Market report 1']);

    // a source from another title, with the keyboard only; then clear everything
    await box.click();
    await page.keyboard.type('bank of eng');
    await until('one title found', async () => (await options.allTextContents()).join() === 'Bank of England raises rates');
    await page.keyboard.press('Enter');
    await countSays(page, 3);
    await view(page).getByRole('button', { name: 'Clear all filters' }).click();
    await countSays(page, 16);
    assert.equal(await chips.count(), 0);
    assert.deepEqual(l.errors, []);
  });
});
