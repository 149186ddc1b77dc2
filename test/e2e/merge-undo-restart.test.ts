// A tag merge's Undo is kept in the library: after the app is closed and
// opened again, `lectern tag unmerge` (another process) takes back a merge
// made in the app, and the app's codebook follows; in the app, Mod-Z after a
// change made meanwhile by the CLI says what it could not put back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, withLectern, type Lectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';

const CLI = join(ROOT, 'dist', 'electron', 'cli.mjs');
const lectern = (db: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `lectern ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const codebook = (page: Page) => page.getByRole('navigation', { name: 'Codebook' });
const editor = (page: Page, name: string) => page.getByRole('region', { name: `Tag “${name}”` });

async function openView(l: Lectern) {
  await l.page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  await l.page.locator('.av-row .av-exact').first().waitFor();
  await codebook(l.page).getByRole('button', { name: /^zoo/ }).waitFor();
}

/** Merges place (and its child place/uk) into economy from the codebook, with the mouse. */
async function mergePlaceIntoEconomy(l: Lectern) {
  await codebook(l.page).getByRole('button', { name: /^place/ }).click();
  const place = editor(l.page, 'place');
  await place.getByLabel('Merge into').selectOption('economy');
  await place.getByRole('button', { name: 'Merge' }).click();
  await editor(l.page, 'economy').waitFor();
  await until('place is merged away', async () => !(await l.api.listCodebook()).some((t) => t.name.startsWith('place')));
}

const snapshot = async (l: Lectern) => (await l.api.queryAnnotations({ limit: 100 })).items.map((i) => `${i.id} ${i.tags.join(',')}`).sort();

test('a merge made in the app is undone by `lectern tag unmerge` after a restart; Mod-Z after a change meanwhile says what it kept', async () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'lectern.db');
  try {
    let before: string[] = [];
    await withLectern({ db, viewport: { width: 1440, height: 900 } }, async (l) => {
      const source = (await l.api.importPaths([SEED_000])).imported[0]!;
      const sets = [['economy'], ['place', 'economy'], ['place/uk'], ['place'], ['zoo']];
      for (const [i, tags] of sets.entries()) await l.api.createAnnotation({ sourceId: source.id, start: 10 + i * 30, end: 30 + i * 30, tags });
      await l.reload();
      await openView(l);
      before = await snapshot(l);
      await mergePlaceIntoEconomy(l);
      await l.page.getByRole('status').filter({ hasText: 'Merged “place” into “economy”.' }).waitFor();
      assert.deepEqual(l.errors, []);
    });

    // the app opened again (its toast is gone with the old window): the CLI, another process, takes the merge back
    await withLectern({ db, viewport: { width: 1440, height: 900 } }, async (l) => {
      const { page } = l;
      await openView(l);
      assert.equal(await codebook(page).getByRole('button', { name: /^place/ }).count(), 0, 'still merged');
      const undone = JSON.parse(lectern(db, 'tag', 'unmerge', 'place', 'economy', '--json')) as { name: string; notRestored: string[] };
      assert.deepEqual([undone.name, undone.notRestored], ['place', []]);
      await codebook(page).getByRole('button', { name: /^place\s*3 passages/ }).waitFor({ timeout: 15_000 });
      await codebook(page).getByRole('button', { name: /^uk\s*1 passage/ }).waitFor();
      assert.deepEqual(await snapshot(l), before, 'every passage has its tags as before the merge');

      // merged again in the app; meanwhile the CLI renames what the merge renamed (economy/uk); Mod-Z keeps that and says so
      await codebook(page).getByRole('button', { name: /^All annotations/ }).click();
      await mergePlaceIntoEconomy(l);
      lectern(db, 'tag', 'rename', 'economy/uk', 'economy/britain');
      await codebook(page).getByRole('button', { name: /^britain/ }).waitFor({ timeout: 15_000 });
      await codebook(page).getByRole('button', { name: /^All annotations/ }).click();
      await page.keyboard.press('Control+z');
      const alert = page.getByRole('alert').filter({ hasText: 'Undid the merge of “place” into “economy”, but not all of it' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /“economy\/uk” was renamed “economy\/britain” after the merge: it keeps that name \(it was “place\/uk”\)/);
      await codebook(page).getByRole('button', { name: /^place\s*2 passages$/ }).waitFor(); // (its child kept its new name)
      assert.ok((await l.api.listCodebook()).some((t) => t.name === 'economy/britain' && t.count === 1), 'the renamed tag kept its passage');
      l.errors.length = 0; // (the alert is what the app shows, not a page error; checked above)
    });
  } finally { tmp.cleanup(); }
});
