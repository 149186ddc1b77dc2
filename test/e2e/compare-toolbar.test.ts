// The compare view's toolbar in the layouts researchers use: at 1440×900 it
// is one row and "Compare with" shows enough of a title to tell the versions
// apart; at 1024×700 it wraps, but the menu still does (a trial saw
// "version: H…" cut to 8em at both sizes, and three rows at 1024).
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { seedsOpen } from './compare-helpers.ts';

/** The toolbar's rows (distinct tops of its visible items), the menu's width, and whether any item runs past the toolbar's right edge. */
async function toolbarShape(page: Page) {
  return page.evaluate(() => {
    const bar = document.querySelector('.compare-tools')!;
    const right = bar.getBoundingClientRect().right;
    const items = [...bar.children].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0);
    // a new row starts below the bottom of the row before (items of one row differ in height and top)
    let rows = 0;
    let bottom = -Infinity;
    for (const r of [...items].sort((p, q) => p.top - q.top)) {
      if (r.top >= bottom - 2) { rows++; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom);
    }
    const select = bar.querySelector('select')!.getBoundingClientRect();
    return { rows, select: Math.round(select.width), overflows: items.some((r) => r.right > right + 1) };
  });
}

for (const [width, height, rows] of [[1440, 900, 1], [1024, 700, 2]] as const) {
  test(`at ${width}×${height} the compare toolbar takes ${rows === 1 ? 'one row' : 'at most two rows'} and "Compare with" is wide enough to read`, async () => {
    await withLectern({ viewport: { width, height } }, async (l) => {
      const { page } = l;
      const { s001 } = await seedsOpen(l);
      await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByRole('region', { name: 'Compare versions' }).getByRole('table').getByRole('row').nth(1).waitFor();
      const shape = await toolbarShape(page);
      assert.ok(shape.rows <= rows, JSON.stringify(shape));
      assert.ok(shape.select >= 150, `the menu is ${shape.select} px wide`);
      assert.equal(shape.overflows, false);
      // the buttons keep their whole names for assistive technology
      await page.getByRole('button', { name: '‹ Previous difference' }).waitFor();
      await page.getByRole('button', { name: 'Next difference ›' }).waitFor();
    });
  });
}
