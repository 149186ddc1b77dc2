// A file and its next revision share a title: the compare view's menu and its
// column headers tell them apart (a new-user trial saw two identical entries
// in "Compare with" and two identical headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { fileAndRevision, seedsOpen } from './compare-helpers.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';

test('compare a file with its revision: the menu and the headers say which is which', async () => {
  const tmp = tempDir();
  try {
    await withLectern(async (l) => {
      const { page } = l;
      const { first, later } = await fileAndRevision(l, tmp.dir);
      const copy = join(tmp.dir, 'copy.txt');
      copyFileSync(SEED_000, copy);
      const other = (await l.api.importPaths([copy])).imported[0]!.id;
      await l.api.linkSources(first, other);
      assert.equal((await l.api.getSource(first)).title, (await l.api.getSource(later)).title, 'the revision keeps the title');
      await l.reload();

      const title = (await l.api.getSource(first)).title;
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).first().click();
      const versions = page.getByRole('region', { name: 'Versions' });
      await versions.locator(`.version-item[data-source-id="${later}"]`).getByRole('button', { name: 'Compare' }).click();
      // said at the start of the line under each title, so a long title cannot push it out of sight
      const figures = page.locator('.cmp-col-head .cmp-col-figure');
      await figures.first().waitFor();
      const [a, b] = await figures.allInnerTexts();
      assert.match(a!, /^the earlier file · /, `A is the first import: ${a}`);
      assert.match(b!, /^the later file · /, `B is the revision: ${b}`);
      for (const f of await figures.all()) {
        const noteInside = await f.evaluate((el) => {
          const t = el.firstChild as Text;
          const r = document.createRange();
          r.setStart(t, 0); r.setEnd(t, t.data.indexOf('·'));
          return r.getBoundingClientRect().right <= el.getBoundingClientRect().right;
        });
        assert.ok(noteInside, 'which file it is is shown, not cut off');
      }
      const options = await page.getByRole('combobox', { name: 'Compare with' }).locator('option').allInnerTexts();
      assert.equal(options.length, 2, `the revision and the linked version: ${options.join(' | ')}`);
      assert.equal(new Set(options).size, options.length, `every entry reads differently: ${options.join(' | ')}`);
      assert.ok(options.some((o) => o.startsWith('revision (the later file): ')), options.join(' | '));
      // the menu shows its chosen entry's start: which file it is, not a title cut short
      const menu = await page.getByRole('combobox', { name: 'Compare with' }).evaluate((el: HTMLSelectElement) => el.options[el.selectedIndex]!.text);
      assert.match(menu, /^revision \(the later file\): /);
      assert.deepEqual(l.errors, []);
    });
  } finally { tmp.cleanup(); }
});

test('the title of a related source in the versions list opens it in the reader', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const { s001 } = await seedsOpen(l);
    const other = await l.api.getSource(s001);
    await page.getByRole('region', { name: 'Versions' }).getByRole('button', { name: other.title, exact: true }).click();
    await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, other.title);
    assert.deepEqual(l.errors, []);
  });
});
