// "Cite this version" from the side panel (issue 9.4): under the selected
// annotation, each version where its passage is offers to point the notes
// citing it at that version's passage (the open note reloads; a note not open
// is rewritten too), with the app's one Undo (toast, Mod-Z) pointing them
// back; by the real mouse, then by the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until, showNotes, showAnnotations } from './helpers.ts';
import { cpRange } from './compare-helpers.ts';
import { citationFor } from '../../common/citation.ts';
import type { LecternApi } from '../../common/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

const chips = (page: Page) => page.locator('.note-editor cite.lectern-citation');
/** The source each citation of a stored note points at, in reading order. */
const citedSources = async (api: LecternApi, noteId: string) => [...JSON.stringify((await api.getNote(noteId)).doc).matchAll(/"sourceId":"([^"]+)"/g)].map((m) => m[1]);

test('side panel also in: Cite this version points the notes citing the annotation at the other version, undoable; mouse and keyboard', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const s000 = r.imported.find((i) => i.path === SEED_000)!.id;
    const s001 = r.imported.find((i) => i.path === SEED_001)!.id;
    await api.linkSources(s000, s001);
    const src001 = await api.getSource(s001);
    const at = cpRange(src001.text, 'Cologne Cathedral');
    const cologne = await api.createAnnotation({ sourceId: s001, ...at, color: 'blue', tags: ['place'] });
    const other = await api.createAnnotation({ sourceId: s001, ...cpRange(src001.text, 'Mikhail Khodorkovsky'), color: 'green' });
    const cite = (a: { id: string; start: number; end: number }) => ({ type: 'citation', attrs: citationFor(src001, a.start, a.end, a.id) });
    const para = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
    // the open note cites Cologne and another passage; a second note (not open) cites Cologne twice
    const open = await api.createNote({ title: 'Where was it', doc: para({ type: 'text', text: 'Near ' }, cite(cologne), { type: 'text', text: ', said by ' }, cite(other)) });
    const closed = await api.createNote({ title: 'Places', doc: para(cite(cologne), { type: 'text', text: ' and again ' }, cite(cologne)) });
    await l.reload();
    await showNotes(page);
    await page.getByRole('button', { name: /^Where was it/ }).first().click();
    await chips(page).first().waitFor();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: src001.title }).click();
    await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, src001.title);

    // 1. the mouse: select the annotation in the panel, then Cite this version under 000
    await showAnnotations(page);
    const item = page.locator(`.ann-item[data-annotation-id="${cologne.id}"]`);
    await item.getByRole('button', { name: /^Go to passage/ }).click();
    const in000 = item.getByRole('region', { name: 'Also in' }).locator(`.also-in-item[data-source-id="${s000}"]`);
    await in000.waitFor();
    assert.equal(await in000.getAttribute('data-verdict'), 'differs');
    const switchButton = in000.getByRole('button', { name: 'Cite this version in its 2 notes' });
    await switchButton.click();
    await until('both notes cite 000 for Cologne', async () => (await citedSources(api, closed.id)).every((s) => s === s000) && (await citedSources(api, open.id))[0] === s000);
    assert.deepEqual(await citedSources(api, open.id), [s000, s001], 'the other citation stays as it was');
    const made = (await api.listAnnotations(s000)).filter((x) => x.tags.includes('place'));
    assert.equal(made.length, 1, "one annotation on 000's passage, with the cited one's tags");
    assert.equal(made[0]!.color, 'blue');
    // the open note reloaded: its first chip is 000's now
    await until('the open note shows the new citation', async () => (await chips(page).first().getAttribute('data-source-id')) === s000);
    const toast = page.getByRole('status').filter({ hasText: /3 citations in 2 notes now cite/ });
    await toast.waitFor();
    // no note cites the annotation now: nothing left to point elsewhere
    await until('the button is gone', async () => (await switchButton.count()) === 0);

    // Undo with Mod-Z (focus outside the note): both notes cite 001 again
    await page.locator('.reader-scroll').focus();
    await page.keyboard.press('Control+z');
    await until('undone', async () => (await citedSources(api, closed.id)).every((s) => s === s001) && (await citedSources(api, open.id))[0] === s001);
    await until('the open note shows the old citation again', async () => (await chips(page).first().getAttribute('data-source-id')) === s001);

    // 2. the keyboard alone: Tab from the selected annotation to the button, Enter
    await item.getByRole('button', { name: /^Go to passage/ }).focus();
    await page.keyboard.press('Enter');
    const again = in000.getByRole('button', { name: 'Cite this version in its 2 notes' });
    await again.waitFor();
    for (let i = 0; i < 12 && !(await again.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    assert.ok(await again.evaluate((b) => b === document.activeElement), 'Tab reaches Cite this version');
    await page.keyboard.press('Enter');
    await until('switched from the keyboard', async () => (await citedSources(api, closed.id)).every((s) => s === s000));
    assert.equal((await api.listAnnotations(s000)).filter((x) => x.tags.includes('place')).length, 1, "the annotation made before is reused, not made twice");
    await page.getByRole('status').filter({ hasText: /now cite/ }).getByRole('button', { name: 'Undo' }).click();
    await until('undone from the toast', async () => (await citedSources(api, closed.id)).every((s) => s === s001));
    assert.deepEqual(l.errors, []);
  });
});
