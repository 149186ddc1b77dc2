// A library that cannot take changes says so in the window before anything is
// typed (the store refuses every write then): one written by a newer Lectern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { withLectern } from './harness.ts';
import { SEED_001, tempDir } from '../helpers/tmp.ts';

test('library status: a library from a newer Lectern opens with a banner saying changes are not saved; a library that takes changes has none', async () => {
  const { dir, cleanup } = tempDir('lectern-status-');
  try {
    const file = join(dir, 'newer.db');
    const store = openStore(file);
    await createApi({ store }).importPaths([SEED_001]);
    store.close();
    await withLectern({ db: file }, async ({ page }) => {
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().waitFor();
      assert.equal(await page.locator('.library-status').count(), 0, 'no banner while the library takes changes');
    });
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 'later')").run();
    raw.close();
    await withLectern({ db: file }, async ({ page }) => {
      const banner = page.locator('.library-status[role="alert"]');
      await banner.waitFor();
      assert.match(await banner.innerText(), /written by a newer Lectern \(schema 999, this one knows \d+\).*changes are not saved/);
      // reading still works: the source opens
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
      await page.locator('.reader-scroll .ProseMirror').waitFor();
      if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
    });
  } finally {
    cleanup();
  }
});
