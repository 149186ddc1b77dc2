// The application-menu commands (common/bridge.ts MENU_COMMANDS), sent as the
// Electron menu sends them, and their shortcuts; in the browser shell the
// import commands fall back to file inputs (a folder input for Import Folder…).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEEDS, SEED_000 } from '../helpers/tmp.ts';
import { MENU_COMMANDS } from '../../common/bridge.ts';
import { until, notesShown } from './helpers.ts';

test('menu: every command does its job (import files / folder, find, new note, export, settings, shortcuts)', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const seen = new Set<string>();

    // File > Import Files…: no native dialog in the browser, a file input instead
    const [files] = await Promise.all([page.waitForEvent('filechooser'), l.menu('import-files')]);
    seen.add('import-files');
    assert.equal(files.isMultiple(), true);
    await files.setFiles(SEED_000);
    let summary = page.getByRole('dialog', { name: 'Import finished' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /1 imported · 0 duplicates · 0 failed/);
    await page.keyboard.press('Escape');
    await summary.waitFor({ state: 'detached' });

    // File > Import Folder…: a directory input; seed 000 comes back as a duplicate
    const [folder] = await Promise.all([page.waitForEvent('filechooser'), l.menu('import-folder')]);
    seen.add('import-folder');
    assert.equal(await folder.element().evaluate((el) => (el as HTMLInputElement).webkitdirectory), true);
    await folder.setFiles(SEEDS);
    summary = page.getByRole('dialog', { name: 'Import finished' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /1 imported · 1 duplicate · 0 failed/);
    await page.keyboard.press('Escape');
    assert.equal((await api.listSources()).length, 2);

    // View > Find in Source: with no source open, the library's search
    await l.menu('find-in-source');
    seen.add('find-in-source');
    await until('the search box to have focus', () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Search'));
    await page.locator('body').click();

    // View > Find in Library
    await l.menu('find');
    seen.add('find');
    await until('the search box to have focus', () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Search'));

    // File > New Note: a note is created, the Notes tab shows it, its title has focus
    await l.menu('new-note');
    seen.add('new-note');
    await until('a note', async () => (await api.listNotes()).length === 1);
    await notesShown(page);
    await until('the note title to have focus', () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Note title'));
    await page.keyboard.type('Menu note');
    await until('the title to be saved', async () => (await api.listNotes())[0]!.title === 'Menu note');
    // Mod-N does the same, even from inside the editor
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+n');
    await until('a second note', async () => (await api.listNotes()).length === 2);

    for (const [command, name] of [['export', 'Export'], ['settings', 'Settings'], ['shortcuts', 'Keyboard shortcuts']] as const) {
      await l.menu(command);
      seen.add(command);
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      if (command === 'shortcuts') {
        // the notebook's keys are listed with the rest
        const help = await dialog.innerText();
        for (const want of ['Cite an annotation or source', 'Open the cited passage', 'Indent / outdent a list item', 'Line break', 'Undo / redo', 'Bold / italic / underline', 'Export the open source or note', 'New note']) {
          assert.ok(help.includes(want), `shortcuts list "${want}"`);
        }
        assert.ok(help.includes('Next difference') && help.includes('Previous difference'), 'the compare view\'s keys are listed');
        assert.deepEqual(await dialog.locator('caption').allInnerTexts(), ['Anywhere', 'Library and reader', 'Compare view', 'Notebook']);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    assert.deepEqual([...seen].sort(), [...MENU_COMMANDS].sort());
  });
});
