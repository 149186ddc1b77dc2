// Import edge cases in the browser: a drop while an import runs waits its turn
// (and says so) instead of vanishing; hidden entries inside a folder picked
// with File > Import Folder are skipped, as README promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { dropFiles, fileFromDisk } from './helpers.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

test('a second drop while an import runs is queued, shown as waiting, and imported', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const tech = join(CORPUS, 'tech');
    const files = readdirSync(tech).sort().slice(0, 62).map((f) => fileFromDisk(join(tech, f)));
    // the first drop's first batch is held in flight, so the second drop surely meets a running import
    const first = l.holdNext('importFiles');
    await dropFiles(page, files.slice(0, 60));
    await first.reached;
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await dropFiles(page, files.slice(60));
    await page.getByRole('status').filter({ hasText: '1 more import waiting' }).waitFor();
    first.release();
    const summary = page.getByRole('dialog', { name: 'Import finished' });
    await summary.waitFor({ timeout: 60_000 });
    assert.match(await summary.innerText(), /62\s+imported · 0\s+duplicates · 0\s+failed/);
    assert.equal((await api.listSources()).length, 62);
  });
});

test('File > Import Folder skips hidden files and folders inside the folder', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const folder = join(dir, 'dossier');
    mkdirSync(join(folder, '.hidden'), { recursive: true });
    mkdirSync(join(folder, 'notes'), { recursive: true });
    writeFileSync(join(folder, 'visible.txt'), 'Visible report\n\nIt was read.\n');
    writeFileSync(join(folder, 'notes', 'inner.txt'), 'Inner note\n\nAlso read.\n');
    writeFileSync(join(folder, '.hidden', 'secret.txt'), 'Secret\n\nNever imported.\n');
    writeFileSync(join(folder, '.dotfile.txt'), 'Dotfile\n\nNever imported.\n');
    await withLectern(async (l) => {
      const { page, api } = l;
      const chooser = page.waitForEvent('filechooser');
      await page.keyboard.press('Control+Shift+O');
      await (await chooser).setFiles(folder);
      const summary = page.getByRole('dialog', { name: 'Import finished' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /2\s+imported/);
      assert.deepEqual((await api.listSources()).map((s) => s.title).sort(), ['Inner note', 'Visible report']);
    });
  } finally {
    cleanup();
  }
});
