import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withApi } from '../helpers/api.ts';
import { exportSourcePdf } from '../../electron/export/source-pdf.ts';
import { createExportService } from '../../electron/export/export-service.ts';
import { SEED_001 } from '../helpers/tmp.ts';
import { annotate, makeSource } from './export-helpers.ts';

test('a passage of only white space exports (it has no line box) instead of crashing', async () => {
  const source = makeSource(SEED_001);
  const result = await exportSourcePdf(source, [annotate(source, '\n\n', { comment: 'gap' })], { pageSize: 'A4', authorName: '' });
  assert.ok(result.pages >= 1);
  assert.equal(Buffer.from(result.bytes.subarray(0, 5)).toString(), '%PDF-');
});

test('the API refuses an annotation of only white space', () => withApi(async ({ api }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const text = (await api.getSource(imported[0]!.id)).text;
  const blank = text.indexOf('\n\n');
  await assert.rejects(api.createAnnotation({ sourceId: imported[0]!.id, start: blank, end: blank + 2 }), /only white space/);
}));

test('exporting onto a folder is refused and leaves no temporary file', () => withApi(async ({ api, store, dir }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const target = join(dir, 'out');
  mkdirSync(target);
  await assert.rejects(createExportService(store).sourcePdf(imported[0]!.id, target), /is a folder/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
}));

test('W3C import is all or nothing, and an orphan with no position is kept with an empty range', () => withApi(async ({ api, store, dir }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const id = imported[0]!.id;
  const file = join(dir, 'a.jsonld');
  const selector = (exact: string) => ({ type: 'TextQuoteSelector', exact });
  writeFileSync(file, `\uFEFF${JSON.stringify([
    { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', target: { source: 'x', selector: selector('Dossier Center') } },
    { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', target: { source: 'x', selector: selector('words that appear nowhere in this article at all') } },
  ])}`);
  const result = await createExportService(store).importAnnotations(id, file);
  assert.equal(result.anchored + result.moved, 1);
  assert.equal(result.orphaned, 1);
  const orphan = (await api.listAnnotations(id)).find((a) => a.status === 'orphaned')!;
  assert.equal(orphan.start, orphan.end);
  assert.equal(orphan.exact, 'words that appear nowhere in this article at all');
  assert.ok(existsSync(file));
}));

test('importing the same W3C file twice does not double the annotations', () => withApi(async ({ api, store, dir }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const id = imported[0]!.id;
  await api.createAnnotation({ sourceId: id, start: 0, end: 6, comment: 'lede' });
  const file = join(dir, 'own.jsonld');
  await createExportService(store).annotations(id, file);
  const again = await createExportService(store).importAnnotations(id, file);
  assert.deepEqual(again.imported, []);
  assert.deepEqual(again.skipped.map((k) => k.reason), ['already imported onto this source']);
  assert.equal((await api.listAnnotations(id)).length, 1);
}));
