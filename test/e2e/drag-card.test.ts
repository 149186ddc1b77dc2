// Dragging an annotation card into a note with a real mouse: the card and the
// note are behind two tabs of one panel, so resting the drag on "Notes"
// opens it and the card drops into the note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen, until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';
import { noteCitations } from '../../common/note-citations.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';

test('drag: a card dragged onto the Notes tab opens it, and dropping in the note cites the annotation', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { source } = await importAndOpen(l, [SEED_001]);
    const start = Array.from(source.text.slice(0, source.text.indexOf(PASSAGE))).length;
    const ann = await api.createAnnotation({ sourceId: source.id, start, end: start + PASSAGE.length });
    const note = await api.createNote({ title: 'Drag target', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] }] } });
    await l.reload();
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Drag target/ }).click();
    await page.locator('.note-editor p').first().waitFor();
    await page.getByRole('tab', { name: /^Annotations/ }).click();

    const card = page.locator(`li.ann-item[data-annotation-id="${ann.id}"] .ann-quote`);
    const cardBox = (await card.boundingBox())!;
    const tabBox = (await page.getByRole('tab', { name: 'Notes' }).boundingBox())!;
    await page.mouse.move(cardBox.x + 20, cardBox.y + cardBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(cardBox.x + 30, cardBox.y + cardBox.height / 2 + 5, { steps: 3 });
    await page.mouse.move(tabBox.x + tabBox.width / 2, tabBox.y + tabBox.height / 2, { steps: 8 });
    // rest on the tab until it opens (dragover keeps firing while the mouse is still)
    await until('the Notes tab to open under the drag', async () => {
      await page.mouse.move(tabBox.x + tabBox.width / 2 + 1, tabBox.y + tabBox.height / 2);
      await page.mouse.move(tabBox.x + tabBox.width / 2, tabBox.y + tabBox.height / 2);
      return (await page.getByRole('tab', { name: 'Notes' }).getAttribute('aria-selected')) === 'true';
    });
    const p = (await page.locator('.note-editor p').first().boundingBox())!;
    await page.mouse.move(p.x + p.width - 4, p.y + p.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.locator('.note-editor cite').first().waitFor();
    await until('the note to be saved with the citation', async () => noteCitations((await api.getNote(note.id)).doc).some((c) => c.annotationId === ann.id));
    assert.equal(noteCitations((await api.getNote(note.id)).doc).filter((c) => c.annotationId === ann.id).length, 1);
  });
});
