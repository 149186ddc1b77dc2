// Citation chips read like citations, and two articles of one outlet are told
// apart; a note this build cannot read as written opens read-only with a notice
// and is never saved over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { until, showNotes } from './helpers.ts';
import { CORPUS, SEED_001 } from '../helpers/tmp.ts';
import { citationFor } from '../../common/citation.ts';
import { NOTE_SCHEMA_VERSION } from '../../common/note-version.ts';

async function openNote(page: Page, title: string): Promise<void> {
  await showNotes(page);
  await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: new RegExp(title) }).click();
  await page.getByRole('textbox', { name: `Note text: ${title}` }).waitFor();
}

const chipTexts = (page: Page) => page.locator('.note-editor cite.lectern-citation').allInnerTexts();

test('a chip citing a PDF says its page in the PDF, and the hover card too', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const pdf = join(import.meta.dirname, '..', 'fixtures', 'formats', 'pdf', 'archive-columns.pdf');
    const id = (await api.importPaths([pdf])).imported[0]!.id;
    await api.updateSource(id, { publisher: 'Parish Archive', published: '1911-05-02' });
    const s = await api.getSource(id);
    assert.equal(s.pages.length, 2);
    const onSecond = s.pages[1]!.start + 3;
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'citation', attrs: citationFor(s, 0, 5) }, { type: 'text', text: ' and ' }, { type: 'citation', attrs: citationFor(s, onSecond, onSecond + 5) },
    ] }] };
    await api.createNote({ title: 'Archive', doc });
    await l.reload();
    await openNote(page, 'Archive');
    await until('the chips say the pages', async () => JSON.stringify(await chipTexts(page)) === JSON.stringify(['Parish Archive, 1911-05-02, p. 1', 'Parish Archive, 1911-05-02, p. 2']))
      .catch(async (e: unknown) => { throw new Error(`${(e as Error).message}: ${JSON.stringify(await chipTexts(page))}`); });
    await page.locator('.note-editor cite.lectern-citation').nth(1).hover();
    const card = page.getByRole('dialog', { name: 'Citation' });
    await card.waitFor();
    await until('the card names the page', async () => /Parish Archive · (.+ · )?1911-05-02 · p\. 2/.test(await card.innerText()))
      .catch(async (e: unknown) => { throw new Error(`${(e as Error).message}: ${await card.innerText()}`); });
  });
});

test('chips read "Publisher, date, ¶N"; two articles of one outlet on one day get letters; the title where no publisher is known', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const dir = join(CORPUS, 'business');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, 3).map((f) => join(dir, f));
    const [a, b, c] = (await api.importPaths(files)).imported;
    const seed = (await api.importPaths([SEED_001])).imported[0]!;
    await api.updateSource(a!.id, { publisher: 'BBC News', published: '2005-01-10' });
    await api.updateSource(b!.id, { publisher: 'BBC News', published: '2005-01-10' });
    await api.updateSource(c!.id, { publisher: null, byline: 'By Jo Reporter', published: '2005-01-11' });
    // second paragraph of each (the first is the headline)
    const cite = async (id: string) => {
      const s = await api.getSource(id);
      const at = Array.from(s.text.slice(0, s.text.indexOf('\n\n') + 2)).length;
      return { type: 'citation', attrs: citationFor(s, at, at + 5) };
    };
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [
      await cite(b!.id), { type: 'text', text: ' then ' }, await cite(a!.id), { type: 'text', text: ', ' },
      await cite(c!.id), { type: 'text', text: ' and ' }, await cite(seed.id), { type: 'text', text: ' and again ' }, await cite(b!.id),
    ] }] };
    await api.createNote({ title: 'Outlets', doc });
    await l.reload();
    await openNote(page, 'Outlets');
    const expected = [
      'BBC News, 2005-01-10a, ¶2', 'BBC News, 2005-01-10b, ¶2', 'Jo Reporter, 2005-01-11, ¶2',
      'Russia’s security services knew…, ¶2', 'BBC News, 2005-01-10a, ¶2',
    ];
    await until('the chips are labelled', async () => JSON.stringify(await chipTexts(page)) === JSON.stringify(expected))
      .catch(async (e: unknown) => { throw new Error(`${(e as Error).message}: ${JSON.stringify(await chipTexts(page))}`); });
    // the accessible name still carries the title behind a publisher-led label
    const first = page.locator('.note-editor cite.lectern-citation').first();
    assert.match((await first.getAttribute('aria-label'))!, new RegExp(`^Citation: BBC News, 2005-01-10a, ¶2 \\(${(await api.getSource(b!.id)).title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));

    // with one of the pair gone from the note, the other needs no letter
    await page.locator('.note-editor cite.lectern-citation').nth(1).click({ modifiers: ['Control'] }); // Ctrl-click selects the chip
    await page.keyboard.press('Delete');
    await until('the letters follow', async () => (await chipTexts(page))[0] === 'BBC News, 2005-01-10, ¶2');
  });
});

/** Stores a note whose doc this build cannot read as written, behind the API's back (as another build would). */
function storeRaw(l: Lectern, id: string, doc: unknown, version: number): void {
  l.store.db.prepare('UPDATE notes SET doc = ?, schema_version = ? WHERE id = ?').run(JSON.stringify(doc), version, id);
}

for (const kind of ['newer', 'unparseable'] as const) {
  test(`a ${kind} note opens read-only with a notice, and typing never saves over it`, async () => {
    await withLectern(async (l) => {
      const { page, api } = l;
      const note = await api.createNote({ title: 'Precious', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Precious words' }] }] } });
      const stored = kind === 'newer'
        ? { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Precious words' }] }, { type: 'table', content: [] }] }
        : { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'x' } }] }] };
      storeRaw(l, note.id, stored, kind === 'newer' ? NOTE_SCHEMA_VERSION + 1 : NOTE_SCHEMA_VERSION);
      const before = await api.getNote(note.id);
      await l.reload();
      await openNote(page, 'Precious');
      const text = page.getByRole('textbox', { name: 'Note text: Precious' });
      await text.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('overwrite!');
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: 'Note title' }).click();
      await page.keyboard.type(' renamed');
      // leave the note: the panel saves what is pending before it opens the next one
      await page.getByRole('button', { name: 'New note' }).click();
      await page.getByRole('textbox', { name: 'Note text: Untitled note' }).waitFor();
      const after = await api.getNote(note.id);
      assert.deepEqual([after.title, after.doc, after.schemaVersion], [before.title, before.doc, before.schemaVersion], 'nothing was saved over it');

      await openNote(page, 'Precious');
      const notice = page.getByRole('note');
      await notice.waitFor();
      assert.match(await notice.innerText(), kind === 'newer' ? /newer version of Lectern/ : /could not be read/);
      assert.equal(await text.getAttribute('contenteditable'), 'false');
      assert.equal(await text.getAttribute('aria-readonly'), 'true');
      assert.match(await text.innerText(), /^Precious words\s*$/, 'its text is shown, unchanged');
      assert.equal(await page.getByRole('textbox', { name: 'Note title' }).getAttribute('readonly'), '');
      assert.ok(await page.getByRole('button', { name: 'Bold' }).isDisabled(), 'formatting is off');
      assert.ok(await page.getByRole('button', { name: 'Cite' }).isDisabled(), 'citing is off');
    });
  });
}
