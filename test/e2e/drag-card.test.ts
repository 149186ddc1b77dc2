// Dragging an annotation card into a collapsed Notes section with a real
// mouse (issue 10.8): resting the drag on the "Notes" header opens it and the
// card drops into the note. (With both sections open, workspace.test.ts drags
// straight into the note.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen, until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';
import { noteCitations } from '../../common/note-citations.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';

test('drag: a card dragged onto the collapsed Notes header opens it, and dropping in the note cites the annotation', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { source } = await importAndOpen(l, [SEED_001]);
    const start = Array.from(source.text.slice(0, source.text.indexOf(PASSAGE))).length;
    const ann = await api.createAnnotation({ sourceId: source.id, start, end: start + PASSAGE.length });
    const note = await api.createNote({ title: 'Drag target', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] }] } });
    await l.reload();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Drag target/ }).click();
    await page.locator('.note-editor p').first().waitFor();
    const head = page.locator('#side-notes-head');
    await head.click(); // collapse the notes
    await page.locator('#panel-notes').waitFor({ state: 'hidden' });

    const card = page.locator(`li.ann-item[data-annotation-id="${ann.id}"] .ann-quote`);
    const cardBox = (await card.boundingBox())!;
    const headBox = (await head.boundingBox())!;
    await page.mouse.move(cardBox.x + 20, cardBox.y + cardBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(cardBox.x + 30, cardBox.y + cardBox.height / 2 + 5, { steps: 3 });
    await page.mouse.move(headBox.x + headBox.width / 2, headBox.y + headBox.height / 2, { steps: 8 });
    // rest on the header until the section opens (dragover keeps firing while the mouse is still)
    await until('the Notes section to open under the drag', async () => {
      await page.mouse.move(headBox.x + headBox.width / 2 + 1, headBox.y + headBox.height / 2);
      await page.mouse.move(headBox.x + headBox.width / 2, headBox.y + headBox.height / 2);
      return (await head.getAttribute('aria-expanded')) === 'true';
    });
    await page.locator('.note-editor p').first().waitFor();
    const p = (await page.locator('.note-editor p').first().boundingBox())!;
    await page.mouse.move(p.x + p.width - 4, p.y + p.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.locator('.note-editor cite').first().waitFor();
    await until('the note to be saved with the citation', async () => noteCitations((await api.getNote(note.id)).doc).some((c) => c.annotationId === ann.id));
    assert.equal(noteCitations((await api.getNote(note.id)).doc).filter((c) => c.annotationId === ann.id).length, 1);
  });
});
