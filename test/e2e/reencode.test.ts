// "Reopen with encoding…" in the reader (issue 13.3), with the real mouse and
// keyboard: the dialog's list (likely encodings first), the preview that
// follows the choice, focus kept inside, Replace, the reader showing the new
// text with its highlight, and Undo from the toast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { withLectern } from './harness.ts';
import { markText, showNotes, until } from './helpers.ts';

const RUSSIAN = 'Ночь в библиотеке\n\nСъешь же ещё этих мягких французских булок, да выпей чаю. Старый библиотекарь закрыл читальный зал позже обычного.\n\nУтром письма передали историкам университета.\n';
const mojibake = (text: string) => iconv.decode(iconv.encode(text, 'windows-1251'), 'windows-1252');

test('Reopen with encoding: choose with the keyboard, preview, Replace with the mouse, Undo from the toast', async () => {
  await withLectern({ viewport: { width: 1280, height: 800 } }, async (l) => {
    const { page, api } = l;
    const id = (await api.importFiles([{ name: 'biblioteka.txt', bytes: new Uint8Array(iconv.encode(RUSSIAN, 'windows-1251')) }])).imported[0]!.id;
    await api.reencodeSource(id, 'windows-1252'); // stored wrongly, as a detector might have
    const garbled = await api.getSource(id);
    const quote = mojibake('французских булок');
    const start = garbled.text.indexOf(quote);
    const ann = await api.createAnnotation({ sourceId: id, start, end: start + quote.length, comment: 'bread' });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: garbled.title }).click();
    await page.waitForFunction(() => document.querySelector('mark[data-annotation-id]') !== null);
    assert.equal(await markText(page, ann.id), quote);

    // Escape cancels and changes nothing
    await page.getByRole('button', { name: 'Reopen with encoding…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen with encoding' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api.getSource(id)).encoding, 'windows-1252');

    await page.getByRole('button', { name: 'Reopen with encoding…' }).click();
    await dialog.waitFor();
    const list = dialog.getByRole('listbox', { name: 'Encoding' });
    const text = dialog.locator('.reencode-text');
    const summary = dialog.locator('#reencode-preview-summary');
    // the likely reading comes first, chosen, previewed; the list has focus
    await page.waitForFunction(() => document.querySelector('.reencode-text')?.getAttribute('data-encoding') === 'windows-1251');
    assert.equal(await list.evaluate((el) => el === document.activeElement), true);
    assert.match(await text.innerText(), /^Ночь в библиотеке\n/);
    assert.match(await summary.innerText(), /1 annotation: 1 anchored · 0 moved · 0 orphaned\. Title becomes “Ночь в библиотеке”/);
    if (process.env.LECTERN_SCREENSHOTS) await page.screenshot({ path: join(process.env.LECTERN_SCREENSHOTS, 'reencode-dialog.png') });

    // the arrow keys choose another encoding and the preview follows
    await page.keyboard.press('ArrowDown');
    const second = await list.inputValue();
    assert.notEqual(second, 'windows-1251');
    await page.waitForFunction((enc) => document.querySelector('.reencode-text')?.getAttribute('data-encoding') === enc, second);
    assert.doesNotMatch(await text.innerText(), /^Ночь в библиотеке/);
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('.reencode-text')?.getAttribute('data-encoding') === 'windows-1251');

    // Tab stays inside the dialog
    for (let k = 0; k < 6; k++) {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), true, `Tab ${k + 1} stays in the dialog`);
    }

    await dialog.getByRole('button', { name: 'Replace' }).click();
    await dialog.waitFor({ state: 'detached' });
    const toast = page.getByRole('status').filter({ hasText: 'Reopened' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /Reopened “Ночь в библиотеке” as windows-1251: 1 anchored, 0 moved, 0 orphaned\./);
    await until('the new text in the reader', async () => (await markText(page, ann.id)) === 'французских булок');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Ночь в библиотеке');
    assert.match(await page.locator('.reader-text').innerText(), /Старый библиотекарь закрыл читальный зал/);
    const replaced = await api.getSource(id);
    assert.deepEqual([replaced.encoding, replaced.text, replaced.sha256], ['windows-1251', RUSSIAN, garbled.sha256]);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('the garbled text again', async () => (await markText(page, ann.id)) === quote);
    assert.equal((await api.getSource(id)).encoding, 'windows-1252');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), garbled.title);
    assert.deepEqual(l.errors, []);
  });
});

test('a source without its original bytes: the dialog says why and offers only Close', async () => {
  await withLectern(async (l) => {
    const { page, api, store } = l;
    const s = store.sources.insert({
      title: 'Imported long ago', published: null, publisher: null, url: null, byline: null, originalPath: null, originalName: 'old.txt',
      sha256: 'b'.repeat(64), encoding: 'windows-1252', text: mojibake(RUSSIAN), chars: [...RUSSIAN].length,
    });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: s.title }).click();
    await page.getByRole('button', { name: 'Reopen with encoding…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen with encoding' });
    await dialog.getByRole('alert').filter({ hasText: 'imported before Lectern kept original files' }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Replace' }).count(), 0);
    await dialog.locator('button.primary', { hasText: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api.getSource(s.id)).text, mojibake(RUSSIAN));
  });
});

test('a note open in the notebook that cites the source takes the new passage and does not save the old one back', async () => {
  await withLectern({ viewport: { width: 1280, height: 800 } }, async (l) => {
    const { page, api } = l;
    const id = (await api.importFiles([{ name: 'biblioteka.txt', bytes: new Uint8Array(iconv.encode(RUSSIAN, 'windows-1251')) }])).imported[0]!.id;
    await api.reencodeSource(id, 'windows-1252');
    const garbled = await api.getSource(id);
    const quote = mojibake('французских булок');
    const start = garbled.text.indexOf(quote);
    const ann = await api.createAnnotation({ sourceId: id, start, end: start + quote.length });
    const note = await api.createNote({ title: 'Булки', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'Quoted: ' },
      { type: 'citation', attrs: { sourceId: id, start: ann.start, end: ann.end, exact: ann.exact, sha256: garbled.sha256, annotationId: ann.id, sourceTitle: garbled.title } },
    ] }] } });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: garbled.title }).click();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Булки/ }).click();
    await page.locator('.note-editor .lectern-citation').waitFor();

    await page.getByRole('button', { name: 'Reopen with encoding…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen with encoding' });
    await page.waitForFunction(() => document.querySelector('.reencode-text')?.getAttribute('data-encoding') === 'windows-1251');
    await page.keyboard.press('Enter'); // Enter in the list replaces
    await dialog.waitFor({ state: 'detached' });
    await until('the citation to quote the new text', async () => {
      const cite = await page.locator('.note-editor .lectern-citation').getAttribute('aria-label');
      return cite?.includes('“французских булок”') ?? false;
    });

    // typing in the note saves it with the citation as it now is
    await page.locator('.note-editor').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' — see the archive');
    await until('the note to be saved', async () => (await api.getNote(note.id)).text.includes('see the archive'));
    const saved = await api.getNote(note.id);
    assert.match(saved.text, /“французских булок”/);
    assert.doesNotMatch(saved.text, new RegExp(quote));
    assert.deepEqual(l.errors, []);
  });
});
