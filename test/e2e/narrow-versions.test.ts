// At 1024×700 a source with versions still shows its text under the header:
// the versions list's figures and actions wrap as lines, not a word per line
// squeezed beside the buttons (a new-user trial found the text pushed below
// the window with two seeds linked; the layout test imports one source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { seedsOpen } from './compare-helpers.ts';

test('1024×700: the versions list wraps in lines and the reader text starts inside the window', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { page } = l;
    await seedsOpen(l);
    const item = page.getByRole('region', { name: 'Versions' }).locator('.version-item').first();
    await item.waitFor();
    const figures = await item.locator('.version-figures').boundingBox();
    assert.ok(figures && figures.height < 60, `the figures take a few lines, not a column (${figures?.height} px high)`);
    assert.ok(figures && figures.width > 200, `the figures are a line wide (${figures?.width} px)`);
    const title = await item.locator('.version-title').boundingBox();
    assert.ok(title && title.width > 120, `the other source's title is readable (${title?.width} px)`);
    for (const b of await item.getByRole('button').all()) {
      const box = (await b.boundingBox())!;
      const pane = (await item.boundingBox())!;
      assert.ok(box.x + box.width <= pane.x + pane.width + 1, `${await b.innerText()} inside the item`);
    }
    const text = await page.locator('[data-reader] p, [data-reader] h1, [data-reader] h2').first().boundingBox();
    assert.ok(text && text.y < 700 - 100, `the text starts inside the window (y = ${text?.y})`);
    assert.deepEqual(l.errors, []);
  });
});
