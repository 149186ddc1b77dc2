// The Annotations view's Collection menu follows the collections while the
// view is open: one made with the library's + (real mouse and keyboard),
// renamed there, made and renamed by the CLI (another process), and deleted
// (a filter by it is dropped). A new-user trial made a collection after
// opening the view and it was missing from the menu until a reload: the view
// read the collections once, with its first rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, withLectern } from './harness.ts';
import { until } from './helpers.ts';

const CLI = join(ROOT, 'dist', 'electron', 'cli.mjs');

function lectern(db: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `lectern ${args.join(' ')}: ${r.stderr}`);
}

const view = (page: Page) => page.getByRole('region', { name: 'Annotations across the library' });
const menu = (page: Page) => view(page).getByRole('combobox', { name: 'Collection' });
const menuNames = (page: Page) => menu(page).locator('option').allTextContents();
const chipLabels = (page: Page) => view(page).locator('.av-chip-label').allTextContents();

test('Annotations view: the Collection menu follows collections made, renamed and deleted in the app and by the CLI', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page, api } = l;
    const { imported } = await api.importFiles(['Rates rise\n\nThe bank raised its rate today.\n', 'Floods\n\nRivers rose in the north.\n']
      .map((text, i) => ({ name: `${i}.txt`, bytes: new TextEncoder().encode(text) })));
    for (const s of imported) await api.createAnnotation({ sourceId: s.id, start: 0, end: 5, color: 'yellow' });
    await l.reload();
    await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
    await view(page).getByRole('status').filter({ hasText: /^2 annotations$/ }).waitFor();
    assert.equal(await menu(page).count(), 0, 'no collections yet: no menu');

    // made in the library pane beside the open view
    const collections = page.getByRole('region', { name: 'Collections' });
    await collections.getByRole('button', { name: 'New collection' }).click();
    await until('focus in the name field', () => page.evaluate(() => !!document.activeElement?.closest('.collection-form')));
    await page.keyboard.type('Economy');
    await page.keyboard.press('Enter');
    await until('the menu lists the new collection', async () => (await menu(page).count()) === 1 && (await menuNames(page)).includes('Economy'));
    const economy = (await api.listCollections()).find((c) => c.name === 'Economy')!;
    await api.addToCollection(economy.id, [imported[0]!.id]);

    // filter by it, then rename it in the library: the menu and the chip follow
    await menu(page).selectOption({ label: 'Economy' });
    await view(page).getByRole('status').filter({ hasText: /^1 annotation$/ }).waitFor();
    await collections.getByRole('button', { name: /^Economy/ }).click();
    await collections.getByRole('button', { name: 'Rename…' }).click();
    await until('focus in the rename field', () => page.evaluate(() => !!document.activeElement?.closest('.collection-form')));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Money');
    await page.keyboard.press('Enter');
    await until('the menu says the new name', async () => (await menuNames(page)).join() === 'All sources,Money');
    assert.deepEqual(await chipLabels(page), ['Collection: Money']);

    // another process makes one and renames this one
    lectern(l.dbPath, 'collection', 'create', 'Politics');
    lectern(l.dbPath, 'collection', 'rename', 'Money', 'Finance');
    await until('the menu follows the CLI', async () => (await menuNames(page)).join() === 'All sources,Finance,Politics', 15_000);
    assert.deepEqual(await chipLabels(page), ['Collection: Finance']);
    assert.equal(await menu(page).inputValue(), economy.id, 'still filtered by it');

    // deleted in the library: gone from the menu, and the view no longer filters by it
    await collections.getByRole('button', { name: /^Finance/ }).click();
    await collections.getByRole('button', { name: 'Delete collection' }).click();
    await until('the menu drops it', async () => (await menuNames(page)).join() === 'All sources,Politics');
    await view(page).getByRole('status').filter({ hasText: /^2 annotations$/ }).waitFor();
    assert.deepEqual(await chipLabels(page), []);
    assert.equal(await menu(page).inputValue(), '');
    assert.deepEqual(l.errors, []);
  });
});
