// The Annotations view's source picker tells a file and its revision apart:
// they share a title and (undated) a date, so each says when it was imported
// (a new-user trial saw two identical entries and had to guess).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { SEED_001, tempDir } from '../helpers/tmp.ts';

test('source picker: a file and its revision each say when they were imported', async () => {
  const tmp = tempDir();
  try {
    await withLectern(async (l) => {
      const { api, page } = l;
      const file = join(tmp.dir, 'story.txt');
      copyFileSync(SEED_001, file);
      const first = (await api.importPaths([file])).imported[0]!.id;
      await new Promise((r) => setTimeout(r, 1100)); // the import times differ by a second at least, as two imports of one file do
      writeFileSync(file, readFileSync(file, 'utf8').replace('Cologne Cathedral', 'the cathedral in Cologne'));
      const later = (await api.importPaths([file])).revisions[0]!.id;
      for (const sourceId of [first, later]) await api.createAnnotation({ sourceId, start: 0, end: 6, comment: 'x', tags: [] });
      await l.reload();
      await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
      await page.locator('.av-row .av-exact').first().waitFor();
      const view = page.getByRole('region', { name: 'Annotations across the library' });
      await view.getByRole('combobox', { name: 'Sources' }).click();
      await page.keyboard.type('security services');
      const options = view.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
      await options.nth(1).waitFor();
      const texts = await options.allInnerTexts();
      assert.equal(texts.length, 2, texts.join(' | '));
      assert.equal(new Set(texts).size, 2, `the two entries read differently: ${texts.join(' | ')}`);
      const [a, b] = await Promise.all([api.getSource(first), api.getSource(later)]);
      for (const s of [a, b]) assert.ok(texts.some((t) => t.includes(`imported ${s.importedAt.slice(0, 19).replace('T', ' ')}`)), `${s.importedAt} shown: ${texts.join(' | ')}`);
      assert.deepEqual(l.errors, []);
    });
  } finally { tmp.cleanup(); }
});
