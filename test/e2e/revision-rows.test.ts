// A file and its revision keep one title: the library's rows and the
// Annotations view's rows say which file each is ("revision 1 of 2"), seen and
// in their accessible names, and clicking one opens that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { fileAndRevision } from './compare-helpers.ts';
import { tempDir } from '../helpers/tmp.ts';

test('a file and its revision are told apart in the library and in the Annotations view', async () => {
  const tmp = tempDir();
  try {
    await withLectern(async (l) => {
      const { page } = l;
      const { first, later, title } = await fileAndRevision(l, tmp.dir);
      assert.equal((await l.api.getSource(later)).title, title, 'the revision keeps the title');
      for (const id of [first, later]) await l.api.createAnnotation({ sourceId: id, start: 0, end: 12, tags: ['opening'] });
      await l.reload();

      const options = page.getByRole('listbox', { name: 'Sources' }).getByRole('option');
      await options.nth(1).waitFor();
      const names = await options.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      assert.equal(names.length, 2);
      assert.ok(names.every((n) => n.includes(title)), names.join(' | '));
      assert.equal(new Set(names).size, 2, `the two rows read differently: ${names.join(' | ')}`);
      const second = page.getByRole('option', { name: /revision 2 of 2/ });
      assert.equal(await second.locator('.revision-mark').getAttribute('title'), 'revision 2 of 2, the later file: the same file was imported before with other text');
      assert.ok(await second.locator('.revision-mark').isVisible());
      await second.click();
      await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, title);
      assert.equal(await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { selected: true }).getAttribute('id'), `src-${later}`, 'the revision is the one open');

      await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
      const region = page.getByRole('region', { name: 'Annotations across the library' });
      const sourceButtons = region.getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, revision \\d of 2$`) });
      await sourceButtons.nth(1).waitFor();
      const labels = (await sourceButtons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).sort();
      assert.deepEqual(labels, [`${title}, revision 1 of 2`, `${title}, revision 2 of 2`]);
      const marks = await region.locator('.av-row .revision-mark').allInnerTexts();
      assert.deepEqual(marks.sort(), ['revision 1 of 2', 'revision 2 of 2'], 'each row shows it');
      // the passage's button names its file too
      await region.getByRole('button', { name: /revision 1 of 2, open in the reader$/ }).click();
      await page.waitForFunction((id) => document.querySelector('[role="option"][aria-selected="true"]')?.id === `src-${id}`, first);
      assert.deepEqual(l.errors, []);
    });
  } finally { tmp.cleanup(); }
});
