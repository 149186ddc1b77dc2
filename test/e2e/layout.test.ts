// Layout at the window sizes researchers use: nothing overflows the library
// pane, and the annotation editor's buttons each stay on one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('layout: the tag filter fits the library pane at every width; "Add to note" and the popover buttons stay on one line', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { page, api } = l;
    const id = (await api.importPaths([SEED_001])).imported[0]!.id;
    const ann = await api.createAnnotation({ sourceId: id, start: 0, end: 20, comment: 'c', tags: ['actors/ISIS-K', 'evidence/documents/leaked-intelligence-reports'] });
    for (const viewport of [{ width: 1024, height: 700 }, { width: 1280, height: 800 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(viewport);
      for (const lib of [200, 300, 560]) {
        await page.evaluate((w) => localStorage.setItem('lectern.panes', JSON.stringify({ lib: w, side: 340, libOpen: true, sideOpen: true })), lib);
        await l.reload();
        const over = await page.evaluate(() => {
          const pane = document.querySelector('aside.library')!.getBoundingClientRect();
          return [...document.querySelectorAll('.library-tools, .library-tools *')].map((el) => {
            const r = el.getBoundingClientRect();
            return { el: el.tagName + (el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''), right: r.right - pane.right, left: pane.left - r.left };
          }).filter((x) => x.right > 0.5 || x.left > 0.5);
        });
        assert.deepEqual(over, [], `at ${viewport.width}px, library ${lib}px: nothing sticks out of the pane`);
      }
    }
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
    await page.locator(`mark[data-annotation-id="${ann.id}"]`).first().click();
    const pop = page.getByRole('dialog', { name: 'Annotation' });
    await pop.waitFor();
    const rows = await pop.locator('.row button').evaluateAll((els) => els.map((b) => {
      const r = b.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(b).lineHeight) || 18;
      const box = b.closest('.popover')!.getBoundingClientRect();
      return { text: b.textContent, lines: Math.round((r.height - 12) / line), inside: r.left >= box.left && r.right <= box.right, top: Math.round(r.top) };
    }));
    assert.ok(rows.length >= 4, JSON.stringify(rows));
    for (const b of rows) assert.ok(b.lines === 1 && b.inside, JSON.stringify(b));
    assert.equal(new Set(rows.map((b) => b.top)).size, 1, `the buttons share one row: ${JSON.stringify(rows)}`);
    const box = await pop.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 700, 'the popover is inside the window');
  });
});
