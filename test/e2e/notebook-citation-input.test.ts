// Typing around citations with Playwright's real mouse and keyboard: a click on
// a citation chip opens its passage and leaves the text cursor after the chip
// (never the chip selected, so the next key cannot replace it), and a key
// pressed right after choosing a passage in the cite palette lands in the note,
// after the new citation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { until, showNotes } from './helpers.ts';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { noteText } from '../../common/note-doc.ts';
import { noteCitations } from '../../common/note-citations.ts';
import type { CitationAttrs } from '../../common/citation.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';

/** Imports the seeds and annotates PASSAGE in seed 001; returns its citation attributes. */
async function seed(l: Lectern): Promise<CitationAttrs> {
  const r = await l.api.importPaths([SEED_000, SEED_001]);
  const id = r.imported.find((i) => i.path === SEED_001)!.id;
  const source = await l.api.getSource(id);
  const start = Array.from(source.text.slice(0, source.text.indexOf(PASSAGE))).length;
  const ann = await l.api.createAnnotation({ sourceId: id, start, end: start + Array.from(PASSAGE).length });
  return { sourceId: id, start: ann.start, end: ann.end, exact: PASSAGE, sha256: source.sha256, annotationId: ann.id, sourceTitle: source.title };
}

async function openNote(page: Page, title: string): Promise<void> {
  await showNotes(page);
  await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: new RegExp(title) }).click();
  await page.locator('.note-editor cite.lectern-citation').first().waitFor();
}

/** The note as stored, once the autosave has written what the test waits for. */
async function saved(l: Lectern, id: string, ok: (doc: unknown) => boolean): Promise<unknown> {
  let doc: unknown = null;
  await until('the note saved', async () => ok(doc = (await l.api.getNote(id)).doc));
  return doc;
}

test('clicking a citation chip opens its passage and the next keys type after it, also after Ctrl+End', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const cite = await seed(l);
    const note = await api.createNote({ title: 'Chip', doc: { type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Claim ' }, { type: 'citation', attrs: cite }] },
    ] } });
    await l.reload();
    await openNote(page, 'Chip');
    const chip = page.locator('.note-editor cite.lectern-citation');

    await chip.click(); // Playwright's mouse: move, press, release over the chip
    await page.locator('[role="document"] .flash').first().waitFor();
    assert.equal(await page.locator('.note-editor .ProseMirror-selectednode, .note-editor cite.selected').count(), 0, 'the chip is not left selected');
    await page.keyboard.type('X');
    let doc = await saved(l, note.id, (d) => noteText(d).includes('X'));
    assert.equal(noteCitations(doc).length, 1, `the citation survives typing: ${noteText(doc)}`);
    assert.equal(noteText(doc), `Claim “${PASSAGE}”X`);

    await chip.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Y');
    doc = await saved(l, note.id, (d) => noteText(d).includes('Y'));
    assert.equal(noteCitations(doc).length, 1, `the citation survives Ctrl+End and typing: ${noteText(doc)}`);
    assert.equal(noteText(doc), `Claim “${PASSAGE}”XY`);
  });
});

test('a key pressed right after choosing a citation in the palette is kept, after the citation (10 runs)', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    // ten passages in ten sources the page has not fetched yet, so every choice waits on the back end
    const dir = join(CORPUS, 'business');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, 10).map((f) => join(dir, f));
    const imported = (await api.importPaths(files)).imported;
    const quotes: string[] = [];
    for (const [i, src] of imported.entries()) {
      const a = await api.createAnnotation({ sourceId: src.id, start: 0, end: 12, comment: `probe${i + 1}` });
      quotes.push(a.exact);
    }
    const note = await api.createNote({ title: 'Quick', doc: { type: 'doc', content: [{ type: 'paragraph' }] } });
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Quick/ }).click();
    await page.locator('.note-editor').click();
    const palette = page.getByRole('dialog', { name: 'Cite a passage' });
    const lost: string[] = [];
    for (let run = 1; run <= 10; run++) {
      await page.keyboard.press('Control+Shift+C');
      await palette.getByRole('searchbox').fill(`probe${run}`);
      await palette.getByRole('option').filter({ hasText: 'Annotation' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type(`According${run}. `); // no wait: the keys follow Enter at once
      const doc = await saved(l, note.id, (d) => noteText(d).includes(`ording${run}.`) && noteCitations(d).length === run);
      if (!noteText(doc).endsWith(`“${quotes[run - 1]}” According${run}.`)) lost.push(`run ${run}: …${noteText(doc).slice(-40)}`);
    }
    assert.deepEqual(lost, []);
    assert.equal(await palette.count(), 0);
  });
});

test('keys typed right after Mod-Shift-C reach the palette\'s search, not the note', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const cite = await seed(l);
    const note = await api.createNote({ title: 'Quick', doc: { type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Claim ' }, { type: 'citation', attrs: cite }] },
    ] } });
    await l.reload();
    await openNote(page, 'Quick');
    for (let run = 0; run < 5; run++) {
      await page.getByRole('textbox', { name: 'Note text: Quick' }).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Shift+C');
      await page.keyboard.type('Tajik'); // no wait: the palette must have focus as soon as it is there
      const input = page.locator('.palette-input');
      await until('the query typed', async () => (await input.inputValue()) === 'Tajik')
        .catch(async (e: unknown) => { throw new Error(`${(e as Error).message}: run ${run}, palette "${await input.inputValue()}", note "${await page.locator('.note-editor').innerText()}"`); });
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'detached' });
    }
    assert.equal(noteText((await api.getNote(note.id)).doc), `Claim “${PASSAGE}”`);
    assert.ok(!(await page.locator('.note-editor').innerText()).includes('T'.concat('ajik')), 'nothing typed into the note');
  });
});
