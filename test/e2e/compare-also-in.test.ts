// "Also in" on citations (issue 9.4) on the seeds (000 is a re-translated,
// condensed version of 001): a citation's card says, for 000, whether the
// cited passage of 001 is there and whether it reads the same or differently
// (the other wording with the changes struck / underlined); "Cite this
// version" points the chip at 000's passage (through a new annotation, or the
// carried copy when there is one) as one undoable edit; all with the real
// mouse and keyboard. The annotation panel shows the same under the selected annotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until, showNotes, showAnnotations } from './helpers.ts';
import { cpRange, seedsOpen } from './compare-helpers.ts';
import { citationFor } from '../../common/citation.ts';
import type { Note } from '../../common/types.ts';

const chips = (page: Page) => page.locator('.note-editor cite.lectern-citation');
const card = (page: Page) => page.getByRole('dialog', { name: 'Citation' });
const noteCitations = (note: Note) => JSON.stringify(note.doc).match(/"sourceId":"[^"]+"/g) ?? [];

test('also in: the card tells same / reads differently (marked) / absent; Cite this version by mouse and by keyboard, undoable', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const src001 = await api.getSource(s001);
    const text000 = (await api.getSource(s000)).text;
    // Khodorkovsky carried to 000 (a copy there); Cologne annotated after the carry (no copy)
    const khodorkovsky = await api.createAnnotation({ sourceId: s001, ...cpRange(src001.text, 'Mikhail Khodorkovsky'), color: 'green' });
    const carried = await api.carryAnnotations(s001, s000);
    const copyId = carried.carried.find((c) => c.from === khodorkovsky.id)!.id!;
    const cologneAt = cpRange(src001.text, 'Cologne Cathedral');
    const cologne = await api.createAnnotation({ sourceId: s001, ...cologneAt, color: 'blue', tags: ['place'] });
    const footage = cpRange(src001.text, 'Shocking footage of the attack');
    const cite = (r: { start: number; end: number }, id: string | null) => ({ type: 'citation', attrs: citationFor(src001, r.start, r.end, id) });
    const note = await api.createNote({ title: 'Where was it', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'Near ' }, cite(cologneAt, cologne.id), { type: 'text', text: ', backed by ' },
      cite(khodorkovsky, khodorkovsky.id), { type: 'text', text: '; footage ' }, cite(footage, null), { type: 'text', text: ' end.' },
    ] }] } });
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Where was it/ }).click();
    await page.getByRole('textbox', { name: 'Note text: Where was it' }).waitFor();
    await until('the chips are read', async () => (await chips(page).count()) === 3
      && (await chips(page).evaluateAll((cs) => cs.every((c) => (c as HTMLElement).dataset.status === 'ok'))));

    // 1. Cologne: reads differently in 000, 000's words marked against the cited ones
    await chips(page).nth(0).hover();
    const alsoIn = card(page).getByRole('region', { name: 'Also in' });
    const in000 = alsoIn.locator(`.also-in-item[data-source-id="${s000}"]`);
    await in000.waitFor();
    assert.equal(await in000.getAttribute('data-verdict'), 'differs');
    assert.match(await in000.innerText(), /Reads differently · \d+% alike/);
    assert.match((await in000.locator('del').allInnerTexts()).join('|'), /Cologne Cathedral/, 'the cited words 000 lacks are struck');
    assert.match((await in000.locator('ins').allInnerTexts()).join('|'), /Colony/, "000's own words are underlined");
    // marked by more than colour
    assert.equal(await in000.locator('del').first().evaluate((e) => getComputedStyle(e).textDecorationLine), 'line-through');
    assert.equal(await in000.locator('ins').first().evaluate((e) => getComputedStyle(e).textDecorationLine), 'underline');

    // the mouse goes from the chip into the card and switches the citation to 000 (no copy there: a new annotation, same colour and tags)
    await in000.getByRole('button', { name: 'Cite this version' }).click();
    await until('the chip cites 000', async () => (await chips(page).nth(0).getAttribute('data-source-id')) === s000);
    const made = (await api.listAnnotations(s000)).find((a) => a.id !== copyId);
    assert.ok(made, 'an annotation was made on 000 for the citation');
    assert.match(made.exact, /Colony/);
    assert.equal(made.color, 'blue');
    assert.deepEqual(made.tags, ['place']);
    assert.equal(await chips(page).nth(0).getAttribute('data-annotation-id'), made.id);
    await until('the note is saved citing 000', async () => noteCitations(await api.getNote(note.id))[0] === `"sourceId":"${s000}"`, 15_000);
    // the card now tells where the passage stands in 001, the source it cited before
    await card(page).locator(`.also-in-item[data-source-id="${s001}"]`).waitFor();

    // undo is the editor's: Escape back to the note, Ctrl+Z, and the chip cites 001 again
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+z');
    await until('undone: the chip cites 001', async () => (await chips(page).nth(0).getAttribute('data-source-id')) === s001);
    assert.equal(await chips(page).nth(0).getAttribute('data-annotation-id'), cologne.id);
    await until('the undo is saved', async () => noteCitations(await api.getNote(note.id))[0] === `"sourceId":"${s001}"`, 15_000);

    // 2. footage: not in 000, so nothing to switch to
    await page.mouse.move(0, 0);
    await card(page).waitFor({ state: 'hidden' });
    await chips(page).nth(2).hover();
    const absent = card(page).locator(`.also-in-item[data-source-id="${s000}"]`);
    await absent.waitFor();
    assert.equal(await absent.getAttribute('data-verdict'), 'absent');
    assert.match(await absent.innerText(), /Not in this version/);
    assert.equal(await absent.getByRole('button').count(), 0);
    await page.mouse.move(0, 0);
    await card(page).waitFor({ state: 'hidden' });

    // 3. the keyboard: arrow onto the Khodorkovsky chip (its card opens), Alt+ArrowDown into the card, Tab to Cite this version, Enter
    const at = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('.note-editor')!, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!(t as Text).data.startsWith('; footage')) continue;
        const r = document.createRange(); r.setStart(t, 1); r.setEnd(t, 2);
        const b = r.getBoundingClientRect();
        return { x: b.left + 1, y: b.top + b.height / 2 };
      }
      throw new Error('no "; footage" text');
    });
    await page.mouse.click(at.x, at.y);
    // ArrowLeft through "; footage" until the chip before it is selected; after each key the editor
    // reads the caret the browser moved (a selectionchange, handled a task later) before the next key
    const caret = () => page.evaluate(() => getSelection()?.anchorOffset ?? -1);
    const settled = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await until('the caret is in "; footage"', async () => (await caret()) >= 0 && (await caret()) <= 4);
    await settled();
    for (let i = 0; i < 6 && !(await chips(page).nth(1).getAttribute('class'))!.includes('selected'); i++) {
      await page.keyboard.press('ArrowLeft');
      await settled();
    }
    await until('the chip is selected', async () => (await chips(page).nth(1).getAttribute('class'))!.includes('selected'));
    const same = card(page).locator(`.also-in-item[data-source-id="${s000}"]`);
    await same.waitFor();
    assert.equal(await same.getAttribute('data-verdict'), 'same');
    assert.match(await same.innerText(), /Same wording · annotated there/);
    await page.keyboard.press('Alt+ArrowDown');
    await until('the card has the keyboard', async () => card(page).evaluate((c) => c.contains(document.activeElement)));
    const before = (await api.listAnnotations(s000)).length;
    for (let i = 0; i < 5; i++) {
      if (await page.evaluate(() => document.activeElement?.textContent === 'Cite this version')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await until('the chip cites the carried copy on 000', async () => (await chips(page).nth(1).getAttribute('data-annotation-id')) === copyId);
    assert.equal(await chips(page).nth(1).getAttribute('data-source-id'), s000);
    assert.equal((await api.listAnnotations(s000)).length, before, 'the copy is reused, no new annotation');
    // the keyboard is back in the note
    await until('focus back in the note', async () => page.evaluate(() => document.activeElement?.classList.contains('note-editor') === true));

    // 4. the annotation panel: the selected annotation tells the same
    
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: src001.title }).click();
    const item = page.locator(`.ann-item[data-annotation-id="${cologne.id}"]`);
    await showAnnotations(page);
    await item.getByRole('button', { name: /^Go to passage/ }).click();
    const panelIn000 = item.getByRole('region', { name: 'Also in' }).locator(`.also-in-item[data-source-id="${s000}"]`);
    await panelIn000.waitFor();
    assert.equal(await panelIn000.getAttribute('data-verdict'), 'differs');
    assert.match((await panelIn000.locator('ins').allInnerTexts()).join('|'), /Colony/);
    assert.ok(text000.includes((await panelIn000.locator('ins').first().innerText()).trim()), "the underlined words are 000's");
    assert.deepEqual(l.errors, []);
  });
});
