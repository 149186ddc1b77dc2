// The Annotations view in Chromium with real mouse and keyboard: open it from
// the toolbar, filter by a parent tag from the codebook, sort, click and Enter
// through to the passage in the reader, rename / merge / delete (and Undo) a
// tag, export the filtered passages as CSV (parsed back); axe light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { scan } from './axe.ts';
import { until } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

const SHOTS = process.env.LECTERN_SCREENSHOTS;

/** The two seeds, five annotations on them (tags nest under "economy"), and the app reloaded to show them. */
async function seeded(l: Lectern) {
  const { imported } = await l.api.importPaths([SEED_000, SEED_001]);
  const [a, b] = imported;
  const textA = (await l.api.getSource(a!.id)).text;
  const textB = (await l.api.getSource(b!.id)).text;
  const at = (text: string, words: string) => {
    const i = text.indexOf(words);
    assert.ok(i >= 0, words);
    const start = [...text.slice(0, i)].length;
    return { start, end: start + [...words].length };
  };
  const firstWords = (text: string, from: number) => text.slice(from).split(/\s+/).filter(Boolean).slice(0, 6).join(' ');
  const paragraphs = (text: string) => text.split('\n').filter((p) => p.trim().split(/\s+/).length > 8);
  const pa = paragraphs(textA);
  const pb = paragraphs(textB);
  const quote = (text: string, para: string) => { const w = firstWords(para, 0); return { words: w, ...at(text, w) }; };
  const q1 = quote(textA, pa[1]!);
  const q2 = quote(textA, pa[2]!);
  const q3 = quote(textB, pb[1]!);
  const q4 = quote(textB, pb[3]!);
  const q5 = quote(textA, pa[4]!);
  const mk = (sourceId: string, q: { start: number; end: number }, tags: string[], color: 'yellow' | 'green' | 'blue', comment = '') =>
    l.api.createAnnotation({ sourceId, start: q.start, end: q.end, tags, color, comment });
  const made = [
    await mk(a!.id, q1, ['economy'], 'yellow', 'first claim'),
    await mk(a!.id, q2, ['economy/growth'], 'green'),
    await mk(b!.id, q3, ['economy/prices', 'place'], 'blue'),
    await mk(b!.id, q4, ['weather'], 'green', 'second thoughts'),
    await mk(a!.id, q5, [], 'yellow'),
  ];
  await l.reload();
  return { a: a!, b: b!, made, quotes: [q1, q2, q3, q4, q5] };
}

const view = (page: Page) => page.getByRole('region', { name: 'Annotations across the library' });
const codebook = (page: Page) => page.getByRole('navigation', { name: 'Codebook' });
const countSays = async (page: Page, text: string) => {
  await view(page).getByRole('status').filter({ hasText: /annotation/ }).filter({ hasText: text }).waitFor();
};
const rowTexts = (page: Page) => page.locator('.av-row .av-exact').allTextContents();

async function openView(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  await view(page).waitFor();
  await page.locator('.av-row .av-exact').first().waitFor();
}

test('Annotations view: open, filter by a parent tag, sort, click and Enter open the passage in the reader', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    const { a, b, quotes } = await seeded(l);
    await openView(page);
    await countSays(page, '5 annotations');
    assert.equal(await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).getAttribute('aria-pressed'), 'true');

    // the codebook: a parent counts its children's passages too
    const economy = codebook(page).getByRole('button', { name: /^economy\s*3 passages$/ });
    await economy.click();
    await countSays(page, '3 annotations');
    assert.deepEqual((await rowTexts(page)).sort(), [quotes[0]!.words, quotes[1]!.words, quotes[2]!.words].sort());
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'annotations-view.png') });
    await codebook(page).getByRole('button', { name: /^growth/ }).click();
    await countSays(page, '1 annotation');
    await codebook(page).getByRole('button', { name: 'All annotations' }).click();
    await countSays(page, '5 annotations');

    // colour and words
    const green = view(page).getByRole('group', { name: 'Colours' }).getByRole('button', { name: 'green', exact: true });
    await green.click();
    await countSays(page, '2 annotations');
    await green.click();
    await view(page).getByLabel('Words').click();
    await page.keyboard.type('second thoughts');
    await countSays(page, '1 annotation');
    await view(page).getByLabel('Words').fill('');
    await countSays(page, '5 annotations');

    // sort: source order puts one source's passages together, in their order; newest first is the reverse of making them
    const bySource = await rowTexts(page);
    const titleOrder = [a, b].sort((x, y) => x.title.localeCompare(y.title)).map((s) => s.id);
    assert.equal(bySource.length, 5);
    const fromA = [quotes[0]!.words, quotes[1]!.words, quotes[4]!.words];
    const fromB = [quotes[2]!.words, quotes[3]!.words];
    assert.deepEqual(bySource, titleOrder[0] === a.id ? [...fromA, ...fromB] : [...fromB, ...fromA]);
    await view(page).getByLabel('Sort').selectOption('newest');
    await until('newest first', async () => (await rowTexts(page))[0] === quotes[4]!.words);
    assert.deepEqual(await rowTexts(page), [...quotes].reverse().map((q) => q.words));

    // keyboard: focus the first passage, arrow down, Enter opens it in the reader
    await page.locator('.av-open').first().focus();
    await page.keyboard.press('ArrowDown');
    await until('the second row has focus', () => page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index') === '1'));
    await page.keyboard.press('Enter');
    await view(page).waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.toolbar-title').textContent(), b.title);
    await until('the passage is revealed', () => page.evaluate((w) => {
      const sel = document.querySelector('.flash, .pm-flash, [data-flash]');
      return !!sel || document.body.innerText.includes(w);
    }, quotes[3]!.words));

    // the view comes back as it was (sorted newest first); a mouse click opens another passage
    await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
    await view(page).waitFor();
    assert.equal(await view(page).getByLabel('Sort').inputValue(), 'newest');
    await page.locator('.av-open').filter({ hasText: quotes[1]!.words }).click();
    await view(page).waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.toolbar-title').textContent(), a.title);
    assert.deepEqual(l.errors, []);
  });
});

test('Annotations view: rename, merge, delete and undo a tag from the codebook; export the filtered passages as CSV', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page, api } = l;
    const { quotes } = await seeded(l);
    await openView(page);

    // rename weather -> climate
    await codebook(page).getByRole('button', { name: /^weather/ }).click();
    const editor = page.getByRole('region', { name: 'Tag “weather”' });
    await editor.getByLabel('Name').fill('climate');
    await editor.getByRole('button', { name: 'Rename' }).click();
    await codebook(page).getByRole('button', { name: /^climate\s*1 passage$/ }).waitFor();
    assert.ok((await api.listCodebook()).some((t) => t.name === 'climate'));
    assert.ok(!(await api.listCodebook()).some((t) => t.name === 'weather'));
    await countSays(page, '1 annotation');

    // merge economy/growth into economy
    await codebook(page).getByRole('button', { name: /^growth/ }).click();
    const growth = page.getByRole('region', { name: 'Tag “economy/growth”' });
    await growth.getByLabel('Merge into').selectOption('economy');
    await growth.getByRole('button', { name: 'Merge' }).click();
    await page.getByRole('region', { name: 'Tag “economy”' }).waitFor();
    await until('growth is merged away', async () => !(await api.listCodebook()).some((t) => t.name === 'economy/growth'));
    assert.equal((await api.listCodebook()).find((t) => t.name === 'economy')!.count, 2);

    // delete climate, then Undo from the toast
    await codebook(page).getByRole('button', { name: /^climate/ }).click();
    await page.getByRole('region', { name: 'Tag “climate”' }).getByRole('button', { name: 'Delete tag' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted the tag “climate”.' });
    await toast.waitFor();
    await until('climate is gone', async () => !(await api.listCodebook()).some((t) => t.name === 'climate'));
    await codebook(page).getByRole('button', { name: /^climate/ }).waitFor({ state: 'detached' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await codebook(page).getByRole('button', { name: /^climate\s*1 passage$/ }).waitFor();
    assert.deepEqual((await api.queryAnnotations({ tag: 'climate' })).items.map((i) => i.exact), [quotes[3]!.words]);

    // export the passages the view shows (filtered by economy) as CSV
    await codebook(page).getByRole('button', { name: /^economy/ }).click();
    await countSays(page, '3 annotations');
    await view(page).getByRole('button', { name: 'Export' }).click();
    await view(page).getByRole('menuitem', { name: 'Passages as CSV…' }).click();
    const said = view(page).getByRole('status').filter({ hasText: /^Exported 3 passages to / });
    await said.waitFor();
    const path = (await said.textContent())!.replace(/^Exported 3 passages to /, '');
    const rows = parse(readFileSync(path), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r.exact).sort(), [quotes[0]!.words, quotes[1]!.words, quotes[2]!.words].sort());
    assert.ok(rows.every((r) => /economy/.test(r.tags!)));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'annotations-view-codebook.png') });

    // File > Export…: the codebook as REFI-QDA, valid against its schema
    await page.keyboard.press('Escape');
    await view(page).waitFor({ state: 'hidden' });
    await l.menu('export');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('button', { name: 'Codebook (REFI-QDA .qdc)' }).click();
    await dialog.getByRole('status').filter({ hasText: /codes/ }).waitFor();
    const qdc = join(l.exportDir, 'Lectern codebook.qdc');
    execFileSync('xmllint', ['--noout', '--schema', join(import.meta.dirname, '../fixtures/refi-qda/Codebook.xsd'), qdc], { stdio: 'pipe' });
    assert.match(readFileSync(qdc, 'utf8'), /<Code guid="[0-9A-F-]{36}" name="climate" isCodable="true"\/>/);
    assert.deepEqual(l.errors, []);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations in the Annotations view (${scheme})`, async () => {
    await withLectern({ colorScheme: scheme }, async (l) => {
      await seeded(l);
      await openView(l.page);
      await codebook(l.page).getByRole('button', { name: /^economy/ }).click();
      await l.page.getByRole('region', { name: 'Tag “economy”' }).waitFor();
      const found = await scan(l.page, `annotations view (${scheme})`);
      if (SHOTS) await l.page.screenshot({ path: join(SHOTS, `annotations-view-${scheme}.png`) });
      assert.deepEqual(found, []);
    });
  });
}
