// Typed input survives a reload: a source field that never lost focus, and
// a half-written comment in the new-annotation popover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen, selectInReader, until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('drafts: a Publisher typed but never committed is there after a reload, and saved', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const id = (await importAndOpen(l, [SEED_001])).source.id;
    const details = page.getByRole('button', { name: 'Details' });
    if (await details.count() && await details.getAttribute('aria-expanded') === 'false') await details.click();
    const publisher = page.getByLabel('Publisher');
    await publisher.click();
    await page.keyboard.type('Il Riformis');
    await l.reload();
    assert.equal(await page.getByLabel('Publisher').inputValue(), 'Il Riformis');
    await until('the restored draft to be saved', async () => (await api.getSource(id)).publisher === 'Il Riformis');
    await page.getByRole('listbox', { name: 'Sources' }).getByText('Il Riformis').waitFor();
  });
});

test('drafts: a half-typed comment in the new-annotation popover comes back after a reload, on its passage, and saves', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const id = (await importAndOpen(l, [SEED_001])).source.id;
    await selectInReader(page, 'incendiary devices');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.getByRole('radio', { name: 'pink' }).click();
    await pop.getByLabel('Comment').click();
    await page.keyboard.type('weapons: compare with the derivat');
    await l.reload();

    await pop.waitFor();
    assert.equal(await pop.getByLabel('Comment').inputValue(), 'weapons: compare with the derivat');
    // placed under its passage, which is scrolled into view
    const gap = await page.evaluate(() => {
      const root = document.querySelector('[role="document"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf('incendiary devices');
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 'incendiary devices'.length);
        const text = range.getBoundingClientRect();
        const sc = document.querySelector('.reader-scroll')!.getBoundingClientRect();
        return { below: document.querySelector('.popover')!.getBoundingClientRect().top - text.bottom, inView: text.top >= sc.top && text.bottom <= sc.bottom };
      }
      return null;
    });
    assert.ok(gap && gap.inView && gap.below >= 0 && gap.below <= 40, JSON.stringify(gap));
    assert.equal(await pop.getByRole('radio', { name: 'pink' }).getAttribute('aria-checked'), 'true');
    await pop.getByLabel('Comment').press('End');
    await page.keyboard.type('ive');
    await pop.getByRole('button', { name: 'Save' }).click();
    await pop.waitFor({ state: 'detached' });
    const anns = await api.listAnnotations(id);
    assert.equal(anns.length, 1);
    assert.deepEqual([anns[0]!.exact, anns[0]!.comment, anns[0]!.color], ['incendiary devices', 'weapons: compare with the derivative', 'pink']);
    // saved: nothing comes back on the next reload
    await l.reload();
    await page.locator(`mark[data-annotation-id="${anns[0]!.id}"]`).first().waitFor();
    assert.equal(await pop.count(), 0);
  });
});

test('drafts: Cancel discards the comment; nothing reopens after a reload', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await importAndOpen(l, [SEED_001]);
    await selectInReader(page, 'incendiary devices');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.getByLabel('Comment').fill('not worth keeping');
    await pop.getByRole('button', { name: 'Cancel' }).click();
    await l.reload();
    await page.locator('[role="document"]').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await pop.count(), 0);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lectern.draft.')).length), 0);
  });
});
