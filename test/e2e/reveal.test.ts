// Opening a passage in another source than the one open (a search hit, a note's
// citation) lands on the passage and flashes it, not at the top of the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { waitInReaderView, showNotes } from './helpers.ts';

const PASSAGE_000 = 'the cathedral of Colony';
const cpIndex = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

async function openByTitle(page: Page, title: string) {
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
  await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, title);
}

/** Waits for the flash over `text` in the reader, then checks it is in view and the reader scrolled to it. */
async function flashedInView(page: Page, text: string) {
  await page.waitForFunction((t) => [...document.querySelectorAll('[role="document"] .flash')].map((e) => e.textContent).join('') === t, text, { timeout: 5_000 });
  await waitInReaderView(page, '[role="document"] .flash');

  assert.ok(await page.evaluate(() => document.querySelector('.reader-scroll')!.scrollTop) > 0, 'the reader scrolled to reach the passage');
}

test('reveal: a search hit in another source than the open one lands on the match, flashed', async () => {
  await withLectern({ viewport: { width: 1280, height: 520 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id0 = r.imported.find((i) => i.path === SEED_000)!.id;
    const id1 = r.imported.find((i) => i.path === SEED_001)!.id;
    const [t0, t1] = [(await api.getSource(id0)).title, (await api.getSource(id1)).title];
    await l.reload();
    await openByTitle(page, t1);

    await page.getByRole('searchbox', { name: 'Search' }).fill('Colony');
    const hit = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option', { name: new RegExp(`^${t0.slice(0, 20)}`) });
    await hit.waitFor();
    await hit.click();
    await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, t0);
    await flashedInView(page, 'Colony');
  });
});

test('reveal: an annotation hit and a note citation into another source land on the passage, flashed', async () => {
  await withLectern({ viewport: { width: 1280, height: 520 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id0 = r.imported.find((i) => i.path === SEED_000)!.id;
    const id1 = r.imported.find((i) => i.path === SEED_001)!.id;
    const s0 = await api.getSource(id0);
    const t1 = (await api.getSource(id1)).title;
    const start = cpIndex(s0.text, PASSAGE_000);
    const ann = await api.createAnnotation({ sourceId: id0, start, end: start + PASSAGE_000.length, comment: 'mistranslated cathedral' });
    const cite = { sourceId: id0, start, end: ann.end, exact: PASSAGE_000, sha256: s0.sha256, annotationId: ann.id, sourceTitle: s0.title };
    await api.createNote({ title: 'Cathedral', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, { type: 'citation', attrs: cite }] }] } });
    await l.reload();

    // an annotation hit, from source 001
    await openByTitle(page, t1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('mistranslated');
    const hit = page.getByRole('listbox', { name: 'Annotations found' }).getByRole('option').first();
    await hit.waitFor();
    await hit.click();
    await flashedInView(page, PASSAGE_000);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    // a note's citation, from source 001
    await openByTitle(page, t1);
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Cathedral/ }).click();
    const citation = page.locator('.note-editor cite.lectern-citation');
    await citation.waitFor();
    await citation.click();
    await flashedInView(page, PASSAGE_000);
  });
});
