// Hidden entries inside an imported folder are skipped (issue 10.9) on both
// paths a folder takes: the back end's walk (File > Import Folder and drops in
// Electron, the CLI) and the renderer's walk of a dropped folder's entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectPaths } from '../../electron/import/collect.ts';
import { expandDrop } from '../../renderer/import/drop.ts';
import type {} from '../../renderer/lectern.d.ts'; // window.lectern, which drop.ts's other functions use
import { tempDir } from '../helpers/tmp.ts';

test('the back end\'s folder walk skips hidden files and folders below the folder', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const folder = join(dir, 'dossier');
    mkdirSync(join(folder, '.hidden'), { recursive: true });
    mkdirSync(join(folder, 'notes'), { recursive: true });
    writeFileSync(join(folder, 'visible.txt'), 'Visible');
    writeFileSync(join(folder, 'notes', 'inner.txt'), 'Inner');
    writeFileSync(join(folder, '.hidden', 'secret.txt'), 'Secret');
    writeFileSync(join(folder, 'notes', '.dotfile.md'), 'Dotfile');
    const { files, failed } = await collectPaths([folder]);
    assert.deepEqual(files.map((f) => f.slice(folder.length + 1)), ['notes/inner.txt', 'visible.txt']);
    assert.deepEqual(failed, []);
  } finally {
    cleanup();
  }
});

/** A FileSystemEntry tree as Chromium's webkitGetAsEntry gives it for a dropped folder. */
type Tree = { [name: string]: string | Tree };
function entry(name: string, node: string | Tree): FileSystemEntry {
  if (typeof node === 'string') {
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([node], name)) } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, c]) => entry(n, c));
  return {
    name, isFile: false, isDirectory: true,
    createReader: () => { let given = false; return { readEntries: (ok: (b: FileSystemEntry[]) => void) => { const batch = given ? [] : children; given = true; ok(batch); } }; },
  } as unknown as FileSystemEntry;
}

test('a dropped folder\'s hidden files and folders are skipped; a hidden file dropped by itself is the user\'s choice', async () => {
  const folder = entry('dossier', { 'visible.txt': 'v', '.hidden': { 'secret.txt': 's' }, notes: { 'inner.txt': 'i', '.DS_Store': 'x' } });
  const lone = new File(['own'], '.chosen.txt');
  const dropped = await expandDrop({ entries: [folder, null], files: [new File([], 'dossier'), lone] });
  assert.deepEqual(dropped.map((d) => d.name), ['dossier/visible.txt', 'dossier/notes/inner.txt', '.chosen.txt']);
});
