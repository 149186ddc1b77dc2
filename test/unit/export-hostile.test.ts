// Hostile input to the exporters and the annotation import: each is refused
// or handled with bounded work. Memory is proven by running the work in a
// child process whose heap is capped (--max-old-space-size); time only by
// the generous ceilings of the child's timeout and the test's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withApi } from '../helpers/api.ts';
import { tempDir } from '../helpers/tmp.ts';
import { importW3c } from '../../electron/export/w3c.ts';
import { MAX_JSON_DEPTH, parseAnnotationJson } from '../../electron/export/annotation-json.ts';
import { createExportService } from '../../electron/export/export-service.ts';
import { readInputFile } from '../../electron/input-file.ts';
import { MAX_MARKDOWN, markdownToNoteDoc } from '../../common/note-from-markdown.ts';
import type { ApiError } from '../../common/types.ts';
import { SEED_001, hasTool, makeSource, openPdf, pdfText } from './export-helpers.ts';

const module = (rel: string): string => new URL(rel, import.meta.url).href;

/** Runs an ES module in a child Node with a capped heap; its last stdout line is JSON. */
function child(code: string, { heapMb, timeoutMs = 90_000, stdinFrom }: { heapMb: number; timeoutMs?: number; stdinFrom?: string }): { status: number | null; result: unknown; stderr: string } {
  const { dir, cleanup } = tempDir('lectern-hostile-');
  try {
    const file = join(dir, 'child.mjs');
    writeFileSync(file, code);
    const node = [process.execPath, `--max-old-space-size=${heapMb}`, file].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('sh', ['-c', stdinFrom ? `${stdinFrom} | ${node}` : node], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, HOSTILE_DIR: dir } });
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    let result: unknown = null;
    try { result = JSON.parse(last); } catch { /* no result: the child died */ }
    return { status: r.status, result, stderr: r.stderr.slice(-2000) };
  } finally {
    cleanup();
  }
}

test('source PDF of a 50 MB comment and a 50 MB orphaned quote: bounded pages and memory (heap capped at 400 MB)', async () => {
  const out = join(tempDir('lectern-hostile-pdf-').dir, 'big.pdf');
  const r = child(`
    import { writeFileSync } from 'node:fs';
    const { exportSourcePdf } = await import(${JSON.stringify(module('../../electron/export/source-pdf.ts'))});
    const { annotate, makeSource } = await import(${JSON.stringify(module('./export-helpers.ts'))});
    const source = makeSource(${JSON.stringify(SEED_001)});
    // 1 MB of varied words (distinct segments, as real text has), repeated to 50 MB
    const words = [];
    for (let i = 0; words.length < 200_000; i++) words.push('w' + (i * 7919 % 100_003).toString(36));
    const mb = words.join(' ').slice(0, 999_999) + '\\n';
    const huge = mb.repeat(50);
    const anns = [
      annotate(source, 'Tajik citizens', { comment: huge }),
      { ...annotate(source, 'Kremlin'), status: 'orphaned', exact: huge.replaceAll('\\n', ' ') },
    ];
    const res = await exportSourcePdf(source, anns, { pageSize: 'A4', authorName: 'x' });
    writeFileSync(${JSON.stringify(out)}, res.bytes);
    console.log(JSON.stringify({ pages: res.pages, heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) }));
  `, { heapMb: 400 });
  assert.equal(r.status, 0, `the export finished within a 400 MB heap: ${r.stderr}`);
  const { pages } = r.result as { pages: number };
  assert.ok(pages < 60, `a bounded number of pages (got ${pages}; printing the comment whole took over 12,000)`);
  const text = await pdfText(await openPdf(readFileSync(out)));
  assert.match(text, /49,900,000 more characters not printed: the PDF shows the first 100,000 characters of a comment/);
  assert.ok(text.includes('orphaned'), 'the orphan is listed by its first words');
});

test('annotation JSON nested 200,000 arrays deep is refused with the file named, before parsing', () => withApi(async ({ api, store, dir }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const file = join(dir, 'arrays.jsonld');
  writeFileSync(file, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  await assert.rejects(createExportService(store).importAnnotations(imported[0]!.id, file), (e: ApiError) => {
    assert.equal(e.code, 'too-deep');
    assert.ok(e.message.includes(file) && e.message.includes(`${MAX_JSON_DEPTH} levels`), e.message);
    return true;
  });
  // the same text through the API, and an already parsed value straight into the reader: refused, no stack overflow
  await assert.rejects(api.importAnnotations(imported[0]!.id, readFileSync(file, 'utf8')), { code: 'too-deep' });
  let deep: unknown = [];
  for (let i = 0; i < 200_000; i++) deep = [deep];
  assert.throws(() => importW3c(makeSource(SEED_001), deep), { code: 'too-deep' });
  assert.deepEqual(await api.listAnnotations(imported[0]!.id), []);
}));

test('a selector refined 50,000 times over is refused (file, API text, parsed value)', () => withApi(async ({ api }) => {
  const { imported } = await api.importPaths([SEED_001]);
  let selector: Record<string, unknown> = { type: 'TextQuoteSelector', exact: 'Tajik citizens' };
  for (let i = 0; i < 50_000; i++) selector = { type: 'TextQuoteSelector', exact: 'Tajik citizens', refinedBy: selector };
  const anno = { type: 'Annotation', target: { source: 'x', selector } };
  // JSON.stringify itself recurses: build the text by hand
  const text = `{"type":"Annotation","target":{"source":"x","selector":${'{"type":"TextQuoteSelector","exact":"Tajik citizens","refinedBy":'.repeat(50_000)}{"type":"TextQuoteSelector","exact":"x"}${'}'.repeat(50_000)}}}`;
  assert.throws(() => parseAnnotationJson(text, 'refined.jsonld'), (e: ApiError) => e.code === 'too-deep' && e.message.startsWith('refined.jsonld'));
  await assert.rejects(api.importAnnotations(imported[0]!.id, text), { code: 'too-deep' });
  assert.throws(() => importW3c(makeSource(SEED_001), anno), { code: 'too-deep' });
  // a modest chain still reads
  let ok: Record<string, unknown> = { type: 'TextQuoteSelector', exact: 'Tajik citizens' };
  for (let i = 0; i < 10; i++) ok = { type: 'RangeSelector', refinedBy: ok };
  assert.equal(importW3c(makeSource(SEED_001), { type: 'Annotation', target: { source: 'x', selector: ok } }).annotations[0]?.exact, 'Tajik citizens');
}));

test('W3C import applies the API\'s limits: 20,000 tags, a 1e300 offset, an over-long comment are refused by name; a huge prefix is cut', () => withApi(async ({ api }) => {
  const { imported } = await api.importPaths([SEED_001]);
  const id = imported[0]!.id;
  const quote = (exact: string, extra: object = {}) => ({ type: 'TextQuoteSelector', exact, ...extra });
  const nowhere = 'words that appear nowhere in this article at all';
  const file = [
    { type: 'Annotation', body: Array.from({ length: 20_000 }, (_, i) => ({ type: 'TextualBody', purpose: 'tagging', value: `t${i}` })), target: { source: 'x', selector: quote('Tajik citizens') } },
    { type: 'Annotation', target: { source: 'x', selector: [quote(nowhere), { type: 'TextPositionSelector', start: 1e300, end: 1e300 }] } },
    { type: 'Annotation', bodyValue: 'c'.repeat(100_001), target: { source: 'x', selector: quote('Tajik citizens') } },
    { type: 'Annotation', target: { source: 'x', selector: quote(nowhere, { prefix: `${'p'.repeat(1_000_000)}END`, suffix: `START${'s'.repeat(1_000_000)}` }) } },
    { type: 'Annotation', body: { type: 'TextualBody', purpose: 'tagging', value: 'kept' }, target: { source: 'x', selector: quote('Tajik citizens') } },
  ];
  const r = await api.importAnnotations(id, JSON.stringify(file));
  const reasons = new Map(r.skipped.map((s) => [s.index, s.reason]));
  assert.match(reasons.get(0)!, /^tags: .*100/);
  assert.match(reasons.get(1)!, /TextPositionSelector is unusable: start: .*9007199254740991/);
  assert.match(reasons.get(2)!, /^comment: .*100000/);
  assert.equal(r.imported.length, 2);
  const stored = await api.listAnnotations(id);
  assert.deepEqual(stored.map((a) => a.tags).sort(), [[], ['kept']]);
  const orphan = stored.find((a) => a.status === 'orphaned')!;
  assert.equal(orphan.prefix.length, 256);
  assert.ok(orphan.prefix.endsWith('END') && orphan.suffix.startsWith('START') && orphan.suffix.length === 256);
  assert.ok(stored.every((a) => Number.isSafeInteger(a.start) && Number.isSafeInteger(a.end)));
}));

test('import --annotations /dev/zero is refused after reading at most the limit (heap capped at 256 MB)', { skip: !hasTool('sh') }, () => {
  const r = child(`
    import { join } from 'node:path';
    const { openStore } = await import(${JSON.stringify(module('../../db/store.ts'))});
    const { createApi } = await import(${JSON.stringify(module('../../electron/api.ts'))});
    const { createExportService } = await import(${JSON.stringify(module('../../electron/export/export-service.ts'))});
    const store = openStore(join(process.env.HOSTILE_DIR, 'l.db'));
    const { imported } = await createApi({ store }).importPaths([${JSON.stringify(SEED_001)}]);
    try {
      await createExportService(store).importAnnotations(imported[0].id, '/dev/zero');
      console.log(JSON.stringify({ code: 'none' }));
    } catch (e) {
      console.log(JSON.stringify({ code: e.code, message: e.message }));
    } finally { store.close(); }
  `, { heapMb: 256 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.result, { code: 'too-large', message: '/dev/zero is larger than 50000000 bytes (50 MB), the limit for annotation files' });
});

test('an endless stream on stdin, a device and an over-large file are refused at the limit', { skip: !hasTool('yes') }, () => {
  const r = child(`
    const { readInputFile } = await import(${JSON.stringify(module('../../electron/input-file.ts'))});
    try { readInputFile('/dev/stdin', 1_000_000, 'tests'); console.log('{"code":"none"}'); }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
  `, { heapMb: 128, stdinFrom: 'yes' });
  assert.deepEqual(r.result, { code: 'too-large', message: '/dev/stdin is larger than 1000000 bytes (1 MB), the limit for tests' });
  assert.throws(() => readInputFile('/dev/zero', 1000, 'tests'), { code: 'too-large' });
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'big'), Buffer.alloc(2000));
    writeFileSync(join(dir, 'fits'), 'x'.repeat(1000));
    assert.throws(() => readInputFile(join(dir, 'big'), 1000, 'tests'), { code: 'too-large' });
    assert.equal(readInputFile(join(dir, 'fits'), 1000, 'tests').length, 1000);
    assert.throws(() => readInputFile(dir, 1000, 'tests'), /it is a folder/);
    assert.throws(() => readInputFile(join(dir, 'missing'), 1000, 'tests'), /Cannot read .*missing: ENOENT/);
  } finally {
    cleanup();
  }
});

test('Markdown: 2M *a* pairs are refused at once; a text at the limit made of them parses (heap capped at 1 GB)', () => {
  const huge = '*a* '.repeat(2_000_000);
  assert.throws(() => markdownToNoteDoc(huge, () => null), (e: ApiError) => e.code === 'too-large' && e.message.includes(String(MAX_MARKDOWN)));
  const r = child(`
    const { MAX_MARKDOWN, markdownToNoteDoc } = await import(${JSON.stringify(module('../../common/note-from-markdown.ts'))});
    const doc = markdownToNoteDoc('*a* '.repeat(MAX_MARKDOWN / 4), () => null);
    console.log(JSON.stringify({ paragraphs: doc.childCount, inline: doc.firstChild.childCount }));
  `, { heapMb: 1024 });
  assert.equal(r.status, 0, `parsed within the heap cap, no stack overflow: ${r.stderr}`);
  assert.deepEqual(r.result, { paragraphs: 1, inline: MAX_MARKDOWN / 2 - 1 });
});
