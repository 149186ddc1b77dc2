// The import summary says what the import found of versions, as the CLI's
// result lists them, and opens one of them in the compare view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { dropFiles, fileFromDisk } from './helpers.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

test('the import summary counts the versions found, lists them and opens one in the compare view', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    await page.getByText('Drop text files here').first().waitFor();
    await dropFiles(page, [fileFromDisk(SEED_000), fileFromDisk(SEED_001)]);
    const dialog = page.getByRole('dialog', { name: 'Import finished' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /2\s+imported · 0\s+duplicates · 0\s+failed/);
    assert.match(text, /1\s+version or shared passage found/);
    const found = dialog.getByRole('region', { name: 'Versions found' }).getByRole('listitem');
    assert.equal(await found.count(), 1);
    const [a, b] = await api.listSources();
    assert.match(await found.innerText(), new RegExp(`(is a version of|shares passages with)`));
    assert.ok([a!.title, b!.title].every((t) => text.includes(t)), 'both titles are named');
    await found.getByRole('button', { name: 'Compare' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.cmp-row').first().waitFor();
    assert.deepEqual(l.errors, []);
  });
});

test('a changed file imported again from its path is listed as a new revision, and Compare opens both files', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { dir, cleanup } = tempDir('lectern-revision-');
    try {
      const file = join(dir, 'story.txt');
      writeFileSync(file, readFileSync(SEED_000, 'utf8'));
      const first = (await api.importPaths([file])).imported[0]!;
      writeFileSync(file, readFileSync(SEED_000, 'utf8').replace('Kremlin', 'Russian'));
      await l.reload();
      // the harness's drop hands over bytes; Electron's hands over the path, as this does
      (api as { importFiles: unknown }).importFiles = async () => api.importPaths([file]);
      await dropFiles(page, [fileFromDisk(file)]);
      const dialog = page.getByRole('dialog', { name: 'Import finished' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /1\s+file is a new revision of an earlier import/);
      const row = dialog.getByRole('region', { name: 'New revisions' }).getByRole('listitem');
      assert.equal(await row.count(), 1);
      assert.ok((await row.innerText()).includes(`linked as the next revision of ${first.title}`));
      await row.getByRole('button', { name: 'Compare' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.cmp-row').first().waitFor();
      assert.deepEqual(l.errors, []);
    } finally { cleanup(); }
  });
});

test('a source too large to compare for versions is named in the summary with the reason, not left to read as "no versions"', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const { dir, cleanup } = tempDir('lectern-too-large-');
    try {
      const big = join(dir, 'big.txt');
      const paragraphs = ['A very long report'];
      for (let i = 0, length = 0; length <= 5_100_000; i++) {
        const p = `Paragraph ${i} tells of harbour ${i % 97}, the council's ledger ${i % 89} and the winter market ${i % 83}.`;
        paragraphs.push(p);
        length += p.length + 2;
      }
      writeFileSync(big, paragraphs.join('\n\n'));
      await page.getByText('Drop text files here').first().waitFor();
      await dropFiles(page, [fileFromDisk(big), fileFromDisk(SEED_001)]);
      const dialog = page.getByRole('dialog', { name: 'Import finished' });
      await dialog.waitFor({ timeout: 120_000 });
      assert.match(await dialog.innerText(), /No versions looked for of “A very long report”: too large to compare for versions \(5\.1 million characters; the limit is 5 million\)\./);
      assert.deepEqual(l.errors, []);
    } finally {
      cleanup();
    }
  });
});
