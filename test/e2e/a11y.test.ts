import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { scan } from './axe.ts';
import { dropFiles, fileFromDisk, selectInReader } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations in the main views (${scheme})`, async () => {
    await withLectern({ colorScheme: scheme }, async (l) => {
      const { page, api } = l;
      const found: string[] = [];
      found.push(...await scan(page, 'empty library'));

      await dropFiles(page, [fileFromDisk(SEED_000), fileFromDisk(SEED_001), { name: 'bad.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }]);
      const summary = page.getByRole('dialog', { name: 'Import finished' });
      await summary.waitFor();
      found.push(...await scan(page, 'import summary'));
      await summary.getByRole('button', { name: 'Close', exact: true }).click();

      const seed1 = (await api.listSources()).find((s) => s.title.startsWith('Russia’s'))!;
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: seed1.title }).click();
      await selectInReader(page, 'the documents showed ethnic Tajiks');
      const pop = page.getByRole('dialog', { name: 'New annotation' });
      await pop.waitFor();
      found.push(...await scan(page, 'annotation popover'));
      await pop.getByLabel('Comment').fill('a comment');
      await pop.getByRole('button', { name: 'Save' }).click();
      await pop.waitFor({ state: 'detached' });
      found.push(...await scan(page, 'library + reader + annotations'));

      await page.getByRole('searchbox', { name: 'Search' }).fill('Dossier');
      await page.getByRole('listbox', { name: 'Sources found' }).waitFor();
      found.push(...await scan(page, 'search results'));
      await page.getByRole('searchbox', { name: 'Search' }).fill('');

      await page.getByRole('tab', { name: 'Notes' }).click();
      found.push(...await scan(page, 'notes tab'));

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
      found.push(...await scan(page, 'settings'));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      found.push(...await scan(page, 'shortcuts'));
      await page.keyboard.press('Escape');

      // the Export dialog after an export, with a note open (both groups shown)
      await page.getByRole('button', { name: 'New note' }).click();
      await page.getByRole('textbox', { name: 'Note title' }).waitFor();
      await page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Export…' }).click();
      const exp = page.getByRole('dialog', { name: 'Export' });
      await exp.getByRole('button', { name: 'Annotations (W3C JSON-LD)' }).click();
      await exp.locator('.export-done').waitFor();
      found.push(...await scan(page, 'export dialog'));
      await page.keyboard.press('Escape');

      assert.deepEqual(found, []);
    });
  });
}
