// Backlinks outside the notebook: an annotation in the side panel and the
// source's header list the notes citing them; a click opens the note (the side
// panel switches to Notes, opening itself if it was collapsed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { until, notesShown, showAnnotations } from './helpers.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';

test('backlinks: a note citing an annotation is listed on the annotation and on the source; clicking opens the note', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const seed1 = r.imported.find((i) => i.path === SEED_001)!.id;
    const source = await api.getSource(seed1);
    const start = Array.from(source.text.slice(0, source.text.indexOf(PASSAGE))).length;
    const ann = await api.createAnnotation({ sourceId: seed1, start, end: start + Array.from(PASSAGE).length });
    const other = await api.createAnnotation({ sourceId: seed1, start: 0, end: 10 });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: source.title }).click();
    const item = page.locator(`li.ann-item[data-annotation-id="${ann.id}"]`);
    await item.waitFor();
    // nobody cites it yet: the item says nothing; the header's details say so
    const header = page.locator('header.meta');
    await header.getByRole('button', { name: 'Details' }).click();
    await header.getByText('No note cites this yet.').waitFor();
    assert.equal(await item.getByRole('region', { name: /Cited in/ }).count(), 0);

    // "Add to note" writes a note citing the annotation
    await item.getByRole('button', { name: 'Add to note' }).click();
    await page.locator('.note-editor cite').first().waitFor();
    const noteTitle = await page.getByRole('textbox', { name: 'Note title' }).inputValue();
    await until('the citation saved', async () => (await api.backlinks(ann.id)).length === 1);

    // back on the annotations, with the side panel collapsed afterwards
    await showAnnotations(page);
    const link = item.getByRole('region', { name: /Cited in/ }).getByRole('button', { name: `Open note ${noteTitle}` });
    await link.waitFor();
    assert.equal(await page.locator(`li.ann-item[data-annotation-id="${other.id}"]`).getByRole('region', { name: /Cited in/ }).count(), 0);
    await header.getByRole('region', { name: /Cited in/ }).getByRole('button', { name: `Open note ${noteTitle}` }).waitFor();

    // a click opens the note at its citation, in the Notes tab
    await link.click();
    await notesShown(page);
    await page.waitForFunction(() => document.querySelector('.note-editor cite.selected') !== null);

    // from the source header, with the side panel collapsed: it opens again on Notes
    await showAnnotations(page);
    await page.getByRole('button', { name: 'Side panel' }).click();
    assert.equal(await page.getByRole('button', { name: 'Side panel' }).getAttribute('aria-pressed'), 'false');
    await header.getByRole('button', { name: `Open note ${noteTitle}` }).click();
    await notesShown(page);
    assert.equal(await page.getByRole('button', { name: 'Side panel' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('textbox', { name: 'Note title' }).inputValue(), noteTitle);
  });
});
