// The library at scale in Chromium, with Playwright's real mouse and keyboard:
// a 20,000-source library is a windowed list (only rows in view in the DOM)
// scrolled by the wheel to its end, counted, typed into (type-ahead), with
// undated sources last; collections made, filled by dragging rows onto them,
// shown, searched and deleted (with undo); a folder import kept as a collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { generateSources } from '../helpers/generated-library.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

const optionsInDom = (page: Page) => page.locator('#source-list [role="option"]').count();
const countLine = (page: Page) => page.locator('.library-count').innerText();
/** Waits until the source open in the reader is the one titled t (the toolbar names it). */
const opened = (page: Page, t: string) => page.waitForFunction((title) => document.querySelector('.toolbar-title')?.textContent === title, t);

test('a 20,000-source library: rows in view only, the wheel scrolls to the end, End/Home, type-ahead, undated last', async () => {
  await withLectern({ viewport: { width: 1280, height: 800 } }, async (l) => {
    const { page, api, store } = l;
    generateSources(store, 20_000, { short: true });
    await store.sources.insert({
      title: 'Zzyzx Road report', text: 'Zzyzx Road report\n\nA title no other starts with.\n', published: '2001-01-01', publisher: null, url: null,
      byline: null, originalPath: null, originalName: 'z.txt', sha256: 'e'.repeat(64), encoding: 'utf-8', chars: 47,
    });
    const count = await api.countSources();
    const [newest, second] = await api.listSources({ sort: 'date', limit: 2 });
    await api.createAnnotation({ sourceId: newest!.id, start: 0, end: 5 });
    await l.reload();
    assert.equal(await countLine(page), `20,001 sources · newest first · ${count.undated.toLocaleString()} undated, listed last`);
    await page.locator('#source-list [role="option"]').first().waitFor();
    assert.ok(await optionsInDom(page) < 60, `only the rows in view are in the DOM (${await optionsInDom(page)})`);

    // the real mouse wheel over the list, until the end
    const box = (await page.locator('.source-scroll').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const last = (await api.listSources({ sort: 'date', offset: 20_000, limit: 1 }))[0]!;
    const height = await page.locator('#source-list').evaluate((el) => el.getBoundingClientRect().height);
    for (let scrolled = 0; scrolled < height; scrolled += 40_000) await page.mouse.wheel(0, 40_000);
    await page.locator(`#src-${last.id}`).waitFor();
    assert.ok(await optionsInDom(page) < 60, 'still only the rows in view');
    assert.equal(last.published, null, 'the last source in date order is undated');

    // the divider between dated and undated sources says how many are undated
    const list = page.getByRole('listbox', { name: 'Sources' });
    await list.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => (document.querySelector('.source-scroll') as HTMLElement).scrollTop === 0);
    const firstDate = (await api.listSources({ sort: 'date', limit: 1 }))[0]!;
    await opened(page, firstDate.title);
    // a source with annotations says how many; the others say nothing of them
    assert.equal(await page.locator(`#src-${newest!.id} .badge`).innerText(), '1 annotation');
    assert.equal(await page.locator('#source-list').getByText(/\b0 annotations/).count(), 0);
    await page.keyboard.press('ArrowDown');
    await opened(page, second!.title);
    const perPage = await page.locator('.source-scroll').evaluate((el) => Math.floor(el.clientHeight / 52) - 1);
    const paged = (await api.listSources({ sort: 'date', offset: 1 + perPage, limit: 1 }))[0]!;
    await page.keyboard.press('PageDown');
    await opened(page, paged.title);
    await page.keyboard.press('ArrowUp');
    await opened(page, (await api.listSources({ sort: 'date', offset: perPage, limit: 1 }))[0]!.title);
    await page.keyboard.press('PageUp');
    await opened(page, newest!.title);
    await page.keyboard.press('End');
    await opened(page, last.title);
    assert.equal(await page.locator(`#src-${last.id}`).getAttribute('aria-selected'), 'true');
    const dated = count.library - count.undated;
    const boundary = (await api.listSources({ sort: 'date', offset: dated, limit: 1 }))[0]!;
    await page.keyboard.press('Home');
    await opened(page, firstDate.title);
    // jump to the first undated source through the API's offset, then look above it
    await page.locator('.source-scroll').evaluate((el, top) => { el.scrollTop = top; }, (dated - 3) * 52);
    await page.getByText(`Undated · ${count.undated.toLocaleString()} sources`).waitFor();
    await page.locator(`#src-${boundary.id}`).waitFor();

    // type-ahead: letters typed into the list jump to the first title starting with them and open it
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
    await list.focus();
    await page.keyboard.type('zzy');
    await opened(page, 'Zzyzx Road report');
    assert.equal(await page.locator('[role="option"][aria-selected="true"] .item-title').innerText(), 'Zzyzx Road report', 'the list shows where it went');
    assert.equal(await countLine(page), '20,001 sources · by title');

    // a word in most of the library: a bounded search, its count an estimate
    await page.getByRole('searchbox', { name: 'Search' }).fill('the');
    const heading = page.getByRole('region', { name: 'Sources' }).getByRole('heading');
    await heading.waitFor();
    assert.match((await heading.innerText()).replace(/\s+/g, ' '), /^Sources \d+ of about \d{1,2},\d00$/i);
    assert.match(await page.locator('.results-more').innerText(), /Showing \d+ of about [\d,]+ results/);
  });
});

test('collections: make one, drag sources onto it with the mouse, show it, search in it, remove, delete and undo', async () => {
  await withLectern({ viewport: { width: 1280, height: 800 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const [a, b] = r.imported;
    await l.reload();
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Name of the new collection').fill('Cologne fire');
    await page.keyboard.press('Enter');
    const chip = page.getByRole('button', { name: /^Cologne fire/ });
    await chip.waitFor();
    assert.equal(await chip.getAttribute('aria-pressed'), 'true', 'a new collection is shown at once');
    await page.getByText('No source in “Cologne fire” yet: drag sources onto it.').waitFor();
    await page.getByRole('button', { name: /^All sources/ }).click();

    // drag the first source's row onto the collection with the real mouse
    const drag = async (id: string) => {
      const row = (await page.locator(`#src-${id}`).boundingBox())!;
      const target = (await chip.boundingBox())!;
      await page.mouse.move(row.x + 40, row.y + row.height / 2);
      await page.mouse.down();
      await page.mouse.move(row.x + 60, row.y + row.height / 2 + 10, { steps: 5 });
      await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
      await page.mouse.up();
    };
    await drag(a!.id);
    await page.getByRole('status').filter({ hasText: 'Added the source to “Cologne fire”.' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-collection-id] .count')?.textContent === '1');
    assert.deepEqual((await api.listSources({ collectionId: (await api.listCollections())[0]!.id })).map((s) => s.id), [a!.id]);

    await chip.click();
    await page.waitForFunction(() => document.querySelector('.library-count')?.textContent?.startsWith('1 of 2 sources'));
    assert.equal(await optionsInDom(page), 1);
    // search in the collection: both seeds mention the cathedral, only the member is found
    await page.getByRole('searchbox', { name: 'Search' }).fill('cathedral');
    const found = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await found.first().waitFor();
    assert.equal(await found.count(), 1);
    assert.match(await page.locator('.search-scope').innerText(), /In\s+Cologne fire/);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    // remove it from the collection with the row's button (the source stays in the library)
    await page.locator(`#src-${a!.id}`).hover();
    await page.getByRole('button', { name: /^Remove from “Cologne fire”/ }).click();
    await page.getByText('No source in “Cologne fire” yet: drag sources onto it.').waitFor();
    assert.equal((await api.listSources()).length, 2);

    // delete the collection, then undo
    await page.getByRole('button', { name: 'Delete collection' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted the collection “Cologne fire”' }).waitFor();
    assert.deepEqual(await api.listCollections(), []);
    await page.getByRole('button', { name: 'Undo' }).click();
    await chip.waitFor();
    assert.equal((await api.listCollections()).length, 1);

    // rename the collection shown; a name in use is refused with a message
    await chip.click();
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Name of the new collection').fill('cologne FIRE');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /Cologne fire/i }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Rename…' }).click();
    await page.getByLabel('New name of the collection').fill('Cathedral fire, 2024');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Cathedral fire, 2024/ }).waitFor();
    assert.deepEqual((await api.listCollections()).map((c) => c.name), ['Cathedral fire, 2024']);
    void b;
  });
});

test('a folder import can be kept as a collection, named after the folder', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const folder = join(dir, 'dossier');
    mkdirSync(join(folder, 'notes'), { recursive: true });
    writeFileSync(join(folder, 'visible.txt'), 'Visible report\n\nIt was read.\n');
    writeFileSync(join(folder, 'notes', 'inner.txt'), 'Inner note\n\nAlso read.\n');
    await withLectern(async (l) => {
      const { page, api } = l;
      // the folder input File > Import Folder opens (its shortcut is import-queue.test.ts's)
      await page.locator('input[type="file"][webkitdirectory]').setInputFiles(folder);
      const summary = page.getByRole('dialog', { name: 'Import finished' });
      await summary.waitFor();
      assert.equal(await summary.getByLabel('Collection name').inputValue(), 'dossier');
      await summary.getByRole('button', { name: 'Make collection' }).click();
      await summary.getByText('These 2 sources are in the collection “dossier”.').waitFor();
      const [c] = await api.listCollections();
      assert.deepEqual([c!.name, c!.sourceCount], ['dossier', 2]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^dossier\s*2$/ }).waitFor();
    });
  } finally {
    cleanup();
  }
});

test('a folder of one file is offered as a collection in the singular', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const folder = join(dir, 'single');
    mkdirSync(folder);
    writeFileSync(join(folder, 'only.txt'), 'Only report\n\nIt was read.\n');
    await withLectern(async (l) => {
      const { page } = l;
      await page.locator('input[type="file"][webkitdirectory]').setInputFiles(folder);
      const summary = page.getByRole('dialog', { name: 'Import finished' });
      await summary.waitFor();
      const offer = summary.locator('.summary-collection');
      assert.equal((await offer.textContent())?.replace(/\s+/g, ' ').trim(), 'Put this source in the collection Make collection');
      await summary.getByRole('button', { name: 'Make collection' }).click();
      await summary.getByText('This source is in the collection “single”.').waitFor();
    });
  } finally {
    cleanup();
  }
});
