// Settings › Sync, the status in the toolbar and the conflicts list, with the
// keyboard and mouse, against a pouchdb-server: set up and test the
// connection, sync, see a note edited on two machines, keep both texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { startCouch } from '../helpers/couch-server.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';

const SHOTS = process.env.LECTERN_SHOTS;
const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

test('sync: set up in Settings, test the connection, sync; a note edited on two machines is shown and merged', async () => {
  const { dir, cleanup } = tempDir('lectern-e2e-sync-');
  const server = await startCouch(join(dir, 'couch'));
  const other = openStore(join(dir, 'other.db'));
  try {
    await server.admin('/e2e', { method: 'PUT' }); // a database anyone here may use (no members)
    await withLectern(async (l) => {
      const { page, api } = l;
      await api.importPaths([SEED_000]);
      const note = await api.createNote({ title: 'Findings', doc: paragraph('first draft') });

      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Server').click();
      await page.keyboard.type(server.url);
      await dialog.getByLabel('Database').click();
      await page.keyboard.type('e2e');
      await dialog.getByRole('button', { name: 'Test connection' }).click();
      const result = dialog.getByRole('status');
      await result.filter({ hasText: /Reached/ }).waitFor();
      assert.match(await result.innerText(), /Reached PouchDB.* Database "e2e" exists and holds no library yet\./);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'sync-settings.png') });
      await dialog.getByRole('button', { name: 'Connect and sync' }).click();
      await result.filter({ hasText: /Saved\. Synced: sent \d+/ }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Sync: Synced' }).waitFor();

      // another machine joins, and both edit the note
      const otherApi = createApi({ store: other });
      await otherApi.setSyncConfig({ server: server.url, database: 'e2e', user: '' });
      await otherApi.syncNow();
      await otherApi.updateNote(note.id, { doc: paragraph('written on the other machine') });
      await api.updateNote(note.id, { doc: paragraph('written here') });
      await otherApi.syncNow();
      await api.syncNow();

      const badge = page.getByRole('button', { name: 'Sync: 1 conflict' });
      await badge.waitFor();
      await badge.click();
      const list = page.getByRole('dialog', { name: 'Sync' });
      await list.getByText('Note “Findings” was edited on two machines (doc).').waitFor();
      assert.equal(await list.getByRole('region', { name: 'This machine' }).locator('.conflict-text').innerText(), 'doc: written here');
      assert.equal(await list.getByRole('region', { name: 'Other machine' }).locator('.conflict-text').innerText(), 'doc: written on the other machine');
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'sync-conflicts.png') });
      await list.getByRole('button', { name: 'Keep both texts' }).click();
      await list.getByRole('heading', { name: 'No conflicts' }).waitFor();
      const merged = await api.getNote(note.id);
      assert.equal(merged.text, 'written here\nwritten on the other machine');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^Sync: (Synced|\d+ to sync|Syncing.*)$/ }).waitFor();

      await api.syncNow();
      await otherApi.syncNow();
      assert.equal((await otherApi.getNote(note.id)).text, merged.text, 'the merge reached the other machine');
      assert.deepEqual(await otherApi.listSyncConflicts(), []);
      await api.setSyncConfig(null);
    });
  } finally {
    other.close();
    await server.stop();
    cleanup();
  }
});
