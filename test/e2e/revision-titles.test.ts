// A file and its next revision share a title: the compare view's menu and its
// column headers tell them apart (a new-user trial saw two identical entries
// in "Compare with" and two identical headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

test('compare a file with its revision: the menu and the headers say which is which', async () => {
  const tmp = tempDir();
  try {
    await withLectern(async (l) => {
      const { page } = l;
      const file = join(tmp.dir, 'story.txt');
      copyFileSync(SEED_001, file);
      const first = (await l.api.importPaths([file])).imported[0]!.id;
      writeFileSync(file, readFileSync(file, 'utf8').replace('Cologne Cathedral', 'the cathedral in Cologne'));
      const again = await l.api.importPaths([file]);
      const later = again.revisions[0]!.id;
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
      const heads = page.locator('.cmp-col-head .cmp-col-title');
      await heads.first().waitFor();
      const [a, b] = await heads.allInnerTexts();
      assert.match(a!, /\(the earlier file\)$/, `A is the first import: ${a}`);
      assert.match(b!, /\(the later file\)$/, `B is the revision: ${b}`);
      const options = await page.getByRole('combobox', { name: 'Compare with' }).locator('option').allInnerTexts();
      assert.equal(options.length, 2, `the revision and the linked version: ${options.join(' | ')}`);
      assert.equal(new Set(options).size, options.length, `every entry reads differently: ${options.join(' | ')}`);
      assert.ok(options.some((o) => o.endsWith('— revision, the later file')), options.join(' | '));
      assert.deepEqual(l.errors, []);
    });
  } finally { tmp.cleanup(); }
});
