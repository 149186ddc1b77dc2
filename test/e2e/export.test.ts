// Export and W3C import through the UI: the Export dialog (reader toolbar,
// notebook toolbar, Mod-E, the menu's 'export'), the save dialog (the harness
// answers exportDir/NAME, or cancels), the files written, and "Import
// annotations…" onto another version of the story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import type { Annotation } from '../../common/types.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';
const cpIndex = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  return Array.from(text.slice(0, i)).length;
};

async function annotate(l: Lectern, sourceId: string, needle: string, extra: { comment?: string; tags?: string[] } = {}): Promise<Annotation> {
  const text = (await l.api.getSource(sourceId)).text;
  const start = cpIndex(text, needle);
  return l.api.createAnnotation({ sourceId, start, end: start + Array.from(needle).length, ...extra });
}

async function setup(l: Lectern) {
  const r = await l.api.importPaths([SEED_000, SEED_001]);
  const seed1 = r.imported.find((i) => i.path === SEED_001)!.id;
  const seed0 = r.imported.find((i) => i.path === SEED_000)!.id;
  const ann = await annotate(l, seed1, PASSAGE, { comment: 'who knew', tags: ['intel'] });
  await l.reload();
  return { seed0, seed1, ann };
}

async function openSource(page: Page, title: string) {
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
  await page.locator('[role="document"][aria-label^="Text of"]').waitFor();
}

const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });

test('export: annotated PDF and W3C annotations of the open source through the reader toolbar; cancel writes nothing', async () => {
  await withLectern(async (l) => {
    const { seed1 } = await setup(l);
    const { page } = l;
    const source = await l.api.getSource(seed1);
    await openSource(page, source.title);
    await page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = exportDialog(page);
    await dialog.waitFor();
    // no note is open: the note formats are not offered
    assert.equal(await dialog.getByRole('group', { name: 'Export the note' }).count(), 0);

    // cancelled save dialog: nothing written, the dialog says so
    l.cancelNextSave();
    await dialog.getByRole('button', { name: 'Annotated PDF' }).click();
    await dialog.getByText('Export cancelled.').waitFor();
    assert.equal(existsSync(l.exportDir) ? readdirSync(l.exportDir).length : 0, 0);

    await dialog.getByRole('button', { name: 'Annotated PDF' }).click();
    const done = dialog.locator('.export-done');
    await done.waitFor({ timeout: 30_000 });
    const pdfPath = join(l.exportDir, `${source.title}.pdf`);
    assert.match(await done.innerText(), /Saved/);
    assert.equal(await done.locator('.export-file').innerText(), `${source.title}.pdf`);
    assert.match(await done.innerText(), /\d+ pages?/);
    assert.ok(existsSync(pdfPath), `${pdfPath} was written`);
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString('latin1'), '%PDF-');
    // the seeds render with the embedded fonts: no missing-glyph list
    assert.equal(await dialog.getByRole('note', { name: 'Missing characters' }).count(), 0);

    await dialog.getByRole('button', { name: 'Annotations (W3C JSON-LD)' }).click();
    await until('the W3C file', () => existsSync(join(l.exportDir, `${source.title}.annotations.jsonld`)));
    await dialog.getByText(`${source.title}.annotations.jsonld`, { exact: true }).waitFor();
    const w3c = JSON.parse(readFileSync(join(l.exportDir, `${source.title}.annotations.jsonld`), 'utf8')) as { type: string; first: { items: { bodyValue?: string; body?: unknown }[] } };
    assert.equal(w3c.type, 'AnnotationCollection');
    assert.equal(w3c.first.items.length, 1);
    assert.match(JSON.stringify(w3c.first.items[0]), /who knew/);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Mod-E and the menu command open the same dialog
    await page.getByRole('document', { name: /^Text of/ }).click();
    await page.keyboard.press('Control+e');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await l.menu('export');
    await dialog.waitFor();
  });
});

test('export: a note to Markdown (the quote becomes a footnote) and to PDF with its sources, from the notebook toolbar', async () => {
  await withLectern(async (l) => {
    const { ann } = await setup(l);
    const { page } = l;
    const source = await l.api.getSource(ann.sourceId);
    await openSource(page, source.title);
    // "Add to note" makes a note holding the quote and its citation
    const item = page.locator(`li.ann-item[data-annotation-id="${ann.id}"]`);
    await item.getByRole('button', { name: 'Add to note' }).click();
    await page.locator('.note-editor cite').first().waitFor();
    const noteTitle = await page.getByRole('textbox', { name: 'Note title' }).inputValue();
    await until('the note to be saved', async () => (await l.api.listNotes()).some((n) => n.citationCount === 1));

    await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = exportDialog(page);
    await dialog.waitFor();
    const group = dialog.getByRole('group', { name: 'Export the note' });
    await group.getByRole('button', { name: 'Markdown' }).click();
    await dialog.locator('.export-done').waitFor({ timeout: 30_000 });
    const mdPath = join(l.exportDir, `${noteTitle}.md`);
    assert.equal(await dialog.locator('.export-file').innerText(), `${noteTitle}.md`);
    const md = readFileSync(mdPath, 'utf8');
    assert.match(md, /\[\^1\]/, 'the citation is a footnote reference');
    const footnote = md.split('\n').find((line) => line.startsWith('[^1]:'));
    assert.ok(footnote, md);
    assert.ok(footnote.includes(`“${PASSAGE}”`), footnote);
    assert.ok(footnote.includes(source.title), footnote);
    assert.match(await dialog.locator('.export-done').innerText(), /1 citation/);

    await group.getByRole('button', { name: 'PDF with cited sources' }).click();
    await until('the PDF with sources', () => existsSync(join(l.exportDir, `${noteTitle} (with sources).pdf`)), 30_000);
    await dialog.locator('.export-file').getByText(`${noteTitle} (with sources).pdf`).waitFor({ timeout: 30_000 });
    assert.equal(readFileSync(join(l.exportDir, `${noteTitle} (with sources).pdf`)).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});

test('import annotations: W3C JSON from seed 001 onto seed 000 through the reader -> moved with scores, orphaned kept, highlights shown', async () => {
  await withLectern(async (l) => {
    const { seed0, seed1 } = await setup(l);
    const { page } = l;
    // reworded in seed 000 ("investigative group supported by … oil magnate")
    const DOSSIER = 'The Dossier Center is a Russian investigation group backed by Mikhail Khodorkovsky, an exiled former Russian oil tycoon turned Kremlin critic.';
    const WARNING = 'members of the Security Council received a warning';
    const ORPHAN = 'ISIS has claimed responsibility for the attack with statements, photos, and a propaganda video filmed by the attackers.';
    await annotate(l, seed1, DOSSIER, { tags: ['funding'] });
    await annotate(l, seed1, WARNING);
    await annotate(l, seed1, ORPHAN, { comment: 'not in 000' });
    const file = (await l.api.chooseSavePath('from-001.jsonld'))!;
    await l.api.exportAnnotations(seed1, file);

    const target = await l.api.getSource(seed0);
    await openSource(page, target.title);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Import annotations…' }).click(),
    ]);
    await chooser.setFiles(file);
    const summary = page.getByRole('dialog', { name: 'Annotations imported' });
    await summary.waitFor();
    const text = await summary.innerText();
    const stored = await l.api.listAnnotations(seed0);
    assert.equal(stored.length, 4);
    const count = (s: string) => stored.filter((a) => a.status === s).length;
    // the summary says what the store holds
    assert.ok(text.includes(`${count('anchored')} anchored · ${count('moved')} moved · ${count('orphaned')} orphaned`), text);
    const dossier = stored.find((a) => a.tags.includes('funding'))!;
    assert.equal(dossier.status, 'moved');
    assert.ok(dossier.exact.startsWith('the Dossier Center is a Russian investigative group'), dossier.exact);
    assert.equal(stored.find((a) => a.exact === WARNING)?.status, 'moved');
    assert.equal(stored.find((a) => a.comment === 'not in 000')?.status, 'orphaned');
    assert.ok(text.includes(`Moved (score ${dossier.score!.toFixed(2)})`), text);
    assert.match(text, /Orphaned \(kept, passage not found\): “ISIS has claimed/);
    assert.ok(text.includes('from-001.jsonld'));
    // the moved passage is highlighted in the reader; the side panel lists all four, the orphan marked
    await page.locator(`mark[data-annotation-id="${dossier.id}"]`).first().waitFor();
    await page.getByRole('button', { name: 'Annotations (4)' }).waitFor();
    await summary.getByRole('button', { name: 'OK' }).click();
    await summary.waitFor({ state: 'detached' });

    // a file that is not JSON: a clear error, nothing added
    const [chooser2] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Import annotations…' }).click(),
    ]);
    await chooser2.setFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('{ not json') });
    const alert = page.getByRole('alert').filter({ hasText: 'Could not import annotations from broken.jsonld' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Not JSON/);
    assert.equal((await l.api.listAnnotations(seed0)).length, 4);
  });
});

test('export: characters the embedded fonts lack are listed in the result, with their code points', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importFiles([{ name: 'greetings.txt', bytes: new TextEncoder().encode('Greetings\n\nEmoji 😀 and Devanagari नमस्ते, Greek καλημέρα.\n') }]);
    const source = await api.getSource(r.imported[0]!.id);
    await l.reload();
    await openSource(page, source.title);
    await page.keyboard.press('Control+e');
    const dialog = exportDialog(page);
    await dialog.getByRole('button', { name: 'Annotated PDF' }).click();
    const missing = dialog.getByRole('note', { name: 'Missing characters' });
    await missing.waitFor({ timeout: 30_000 });
    const text = await missing.innerText();
    assert.match(text, /😀 U\+1F600/);
    assert.match(text, /न U\+0928/);
    assert.ok(!/U\+03BA/.test(text), 'Greek is in the fonts');
    assert.ok(existsSync(join(l.exportDir, `${source.title}.pdf`)));
  });
});
