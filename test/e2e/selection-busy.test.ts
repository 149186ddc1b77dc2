// A selection read late by a busy main thread (found on clean-clone CI runs:
// compare.test.ts failed 1 run in 3). The app reads a mouse selection in the
// task after mouseup; here every timer of the page is held back, as a busy
// renderer holds them, while a click is followed at once by a drag and the
// researcher types a comment. Before the fix the read left from the click
// opened the popover in the middle of the drag, and the drag's read, coming
// after the comment field took focus, found no selection and closed the
// popover under the typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { dragSelect, seedsOpen } from './compare-helpers.ts';

type Held = { __held: Array<() => void>; __step(): boolean; __off(): void };

/**
 * From now on the page's next-task timers (delay 0, as the selection's read) wait until the test
 * runs them, in order: `step()` runs the oldest (false when none waits), `drain()` all and stops holding.
 */
async function holdTimers(page: Page): Promise<{ step(): Promise<boolean>; drain(): Promise<void> }> {
  await page.evaluate(() => {
    const w = window as unknown as Held;
    const [original, originalClear] = [window.setTimeout, window.clearTimeout];
    const cleared = new Set<number>();
    let next = 1e9;
    w.__held = [];
    window.setTimeout = ((f: (...a: unknown[]) => void, t = 0, ...rest: unknown[]) => {
      if (t > 0) return original(f, t, ...rest);
      const id = next++;
      w.__held.push(() => { if (!cleared.has(id)) f(...rest); });
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id: number) => { cleared.add(id); originalClear(id); }) as typeof window.clearTimeout;
    w.__step = () => { const f = w.__held.shift(); f?.(); return !!f; };
    w.__off = () => { window.setTimeout = original; window.clearTimeout = originalClear; while (w.__step()); };
  });
  return {
    step: () => page.evaluate(() => (window as unknown as Held).__step()),
    drain: () => page.evaluate(() => (window as unknown as Held).__off()),
  };
}

/**
 * Clicks once in the text and drags across `needle` right after, with the page too busy to read either
 * release in between; the reads then run one by one until the popover shows, a comment is typed,
 * the reads still pending run, and the comment is saved.
 */
async function clickDragAnnotate(page: Page, root: string, needle: string, comment: string): Promise<void> {
  const timers = await holdTimers(page);
  const box = (await page.locator(root).first().boundingBox())!;
  await page.mouse.click(box.x + 20, box.y + 12);
  await dragSelect(page, root, needle);
  const pop = page.getByRole('dialog', { name: 'New annotation' });
  while (!(await pop.isVisible()) && (await timers.step()));
  await pop.waitFor();
  await pop.getByLabel('Comment').fill(comment);
  await timers.drain();
  assert.equal(await pop.count(), 1, 'the popover stays open while its comment is typed');
  assert.equal(await pop.getByLabel('Comment').inputValue(), comment);
  await pop.getByRole('button', { name: 'Save' }).click();
  await pop.waitFor({ state: 'detached' });
}

test('a click and then a drag on a busy page: the popover is on the dragged passage and stays open while typing (reader and compare)', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);

    await clickDragAnnotate(page, '[role="document"] p', 'Central Asian branch', 'in the reader');
    assert.deepEqual((await api.listAnnotations(s000)).map((a) => [a.exact, a.comment]), [['Central Asian branch', 'in the reader']]);

    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.getByRole('table').getByRole('row').nth(1).waitFor();
    await clickDragAnnotate(page, '.cmp-cell.cmp-b', 'Central Asian offshoot', 'in the compare view');
    assert.deepEqual((await api.listAnnotations(s001)).map((a) => [a.exact, a.comment]), [['Central Asian offshoot', 'in the compare view']]);
  });
});
