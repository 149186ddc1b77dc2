import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { scan } from './axe.ts';
import { dropFiles, fileFromDisk, selectInReader, showNotes } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { citationFor } from '../../common/citation.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations in the main views (${scheme})`, async () => {
    await withLectern({ colorScheme: scheme }, async (l) => {
      const { page, api } = l;
      const found: string[] = [];
      found.push(...await scan(page, 'empty library'));

      await dropFiles(page, [fileFromDisk(SEED_000), fileFromDisk(SEED_001), { name: 'bad.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }]);
      const summary = page.getByRole('dialog', { name: 'Import finished' });
      await summary.waitFor();
      found.push(...await scan(page, 'import summary'));
      await summary.getByRole('button', { name: 'Close', exact: true }).click();

      const seed1 = (await api.listSources()).find((s) => s.title.startsWith('Russia’s'))!;
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: seed1.title }).click();
      await selectInReader(page, 'the documents showed ethnic Tajiks');
      const pop = page.getByRole('dialog', { name: 'New annotation' });
      await pop.waitFor();
      found.push(...await scan(page, 'annotation popover'));
      await pop.getByLabel('Comment').fill('a comment');
      await pop.getByRole('button', { name: 'Save' }).click();
      await pop.waitFor({ state: 'detached' });
      found.push(...await scan(page, 'library + reader + annotations'));

      await page.getByRole('searchbox', { name: 'Search' }).fill('Dossier');
      await page.getByRole('listbox', { name: 'Sources found' }).waitFor();
      found.push(...await scan(page, 'search results'));
      await page.getByRole('searchbox', { name: 'Search' }).fill('');

      await showNotes(page);
      found.push(...await scan(page, 'notes tab'));

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
      found.push(...await scan(page, 'settings'));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      found.push(...await scan(page, 'shortcuts'));
      await page.keyboard.press('Escape');

      // the Export dialog after an export, with a note open (both groups shown)
      await page.getByRole('button', { name: 'New note' }).click();
      await page.getByRole('textbox', { name: 'Note title' }).waitFor();
      await page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Export…' }).click();
      const exp = page.getByRole('dialog', { name: 'Export' });
      await exp.getByRole('button', { name: 'Annotations (W3C JSON-LD)' }).click();
      await exp.locator('.export-done').waitFor();
      found.push(...await scan(page, 'export dialog'));
      await page.keyboard.press('Escape');

      assert.deepEqual(found, []);
    });
  });
}

// Citation chips (issue 10.7: dark chips were 1.9:1), their hover card, the cite
// palette and the annotation-import summary, in both themes.
for (const scheme of ['light', 'dark'] as const) {
  test(`axe: a note with citation chips, the citation card, the cite palette and the annotation-import summary (${scheme})`, async () => {
    await withLectern({ colorScheme: scheme }, async (l) => {
      const { page, api } = l;
      const s = (await api.importPaths([SEED_001])).imported[0]!;
      const source = await api.getSource(s.id);
      const ann = await api.createAnnotation({ sourceId: s.id, start: 40, end: 80, comment: 'x', tags: [] });
      const gone = await api.createAnnotation({ sourceId: s.id, start: 120, end: 160, comment: 'gone', tags: [] });
      await api.deleteAnnotation(gone.id);
      const chip = (start: number, end: number, annotationId: string | null) => ({ type: 'citation', attrs: citationFor(source, start, end, annotationId) });
      await api.createNote({ title: 'Cited', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
        { type: 'text', text: 'As reported ' }, chip(ann.start, ann.end, ann.id), { type: 'text', text: ' and ' }, chip(200, 240, null), { type: 'text', text: ', once ' }, chip(gone.start, gone.end, gone.id),
      ] }] } });
      await l.reload();
      const found: string[] = [];
      await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
      await showNotes(page);
      await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Cited/ }).click();
      const chips = page.locator('.note-editor cite.lectern-citation');
      await chips.first().waitFor();
      found.push(...await scan(page, 'note with citation chips'));
      await chips.first().hover();
      await page.locator('.citation-card').waitFor();
      found.push(...await scan(page, 'citation card'));
      await page.getByRole('textbox', { name: 'Note text: Cited' }).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Shift+C');
      await page.locator('.palette-input:focus').waitFor();
      await page.keyboard.type('Tajik');
      await page.locator('.palette-item').first().waitFor();
      found.push(...await scan(page, 'cite palette'));
      await page.keyboard.press('Escape');

      const w3c = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: 'no such words anywhere in this text' } } };
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('toolbar', { name: 'Source' }).getByRole('button', { name: 'Import annotations…' }).click();
      await (await chooser).setFiles({ name: 'w3c.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(w3c)) });
      await page.getByRole('dialog', { name: 'Annotations imported' }).waitFor();
      found.push(...await scan(page, 'annotation import summary'));
      assert.deepEqual(found, []);
    });
  });
}
