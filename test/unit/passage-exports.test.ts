// The three exports of the Annotations view: passages as CSV (parsed back with
// csv-parse, a real RFC 4180 parser), passages as Markdown grouped by tag, and
// the codebook as REFI-QDA QDC (validated with xmllint against Codebook.xsd);
// through the API and through `lectern`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { runCli, type CliIo } from '../../electron/cli.ts';
import { codebookQdc, tagGuid } from '../../electron/export/qdc.ts';
import { ApiError } from '../../common/types.ts';
import { tempDir } from '../helpers/tmp.ts';

const XSD = join(import.meta.dirname, '../fixtures/refi-qda/Codebook.xsd');

/** xmllint's verdict on a QDC file against the REFI-QDA schema. */
function validate(file: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (err) {
    return { ok: false, output: String((err as { stderr?: string }).stderr ?? err) };
  }
}

// Hostile cells: formulas, quotes, commas, line breaks, a BOM-like character, non-Latin text.
const TEXT = [
  'Title line\n\n',
  '=HYPERLINK("http://evil","click") is what it said.\n',
  '+1 for "quotes", commas, and more.\n',
  '@SUM(A1) and -2 as well.\n',
  'Ünïcödé: 東京 and emoji 📰 here.\n',
].join('');

async function withLibrary(fn: (ctx: { api: ReturnType<typeof createApi>; dir: string; db: string }) => Promise<void>) {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'lectern.db');
  const store = openStore(db);
  try {
    const api = validated(createApi({ store, mayWritePath: () => true }));
    const { imported } = await api.importFiles([{ name: 'hostile.txt', bytes: new TextEncoder().encode(TEXT) }]);
    const id = imported[0]!.id;
    const span = (quote: string) => {
      const start = [...TEXT.slice(0, TEXT.indexOf(quote))].length;
      return { start, end: start + [...quote].length };
    };
    await api.createAnnotation({ sourceId: id, ...span('=HYPERLINK("http://evil","click")'), tags: ['risk/formula'], comment: '=1+1', color: 'pink' });
    await api.createAnnotation({ sourceId: id, ...span('+1 for "quotes", commas, and more.'), tags: ['style', 'risk'], comment: 'line one\nline two' });
    await api.createAnnotation({ sourceId: id, ...span('@SUM(A1) and -2'), tags: [], comment: '-minus\tand tab' });
    await api.createAnnotation({ sourceId: id, ...span('東京 and emoji 📰'), tags: ['place/Tokyo'], comment: '\ttab first' });
    await api.describeTag('risk', 'Things a spreadsheet would <execute> & "run"');
    await fn({ api, dir, db });
  } finally {
    store.close();
    cleanup();
  }
}

test('CSV: one row per passage, RFC 4180 with a BOM and CRLF, every cell read back as written, formulas defused', () => withLibrary(async ({ api, dir }) => {
  const r = await api.exportPassages({}, join(dir, 'passages.csv'), 'csv');
  assert.equal(r.annotations, 4);
  const bytes = readFileSync(r.path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.toString('utf8');
  assert.match(text, /^\uFEFFsource_title,source_date,annotated,sha256,start,end,page,status,exact,comment,tags,colour\r\n/);
  const rows = parse(text, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
  assert.equal(rows.length, 4);
  const byStart = [...rows].sort((a, b) => Number(a.start) - Number(b.start));
  const listed = (await api.queryAnnotations()).items;
  byStart.forEach((row, i) => {
    const a = listed[i]!;
    assert.equal(Number(row.start), a.start);
    assert.equal(Number(row.end), a.end);
    assert.equal(row.sha256, a.sourceSha256);
    assert.equal(row.source_title, a.sourceTitle);
    assert.equal(row.colour, a.color);
    assert.equal(row.annotated, a.created);
    assert.equal(row.status, 'anchored');
    assert.equal(row.page, '', 'not a PDF: no page');
    const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    assert.equal(row.exact, defused(a.exact), `exact of row ${i}`);
    assert.equal(row.comment, defused(a.comment), `comment of row ${i}`);
    assert.equal(row.tags, defused(a.tags.join('; ')));
  });
  assert.equal(byStart[0]!.exact, `'=HYPERLINK("http://evil","click")`);
  assert.equal(byStart[0]!.comment, "'=1+1");
  assert.equal(byStart[1]!.comment, 'line one\nline two', 'a line break inside a quoted cell');
  assert.equal(byStart[2]!.comment, "'-minus\tand tab");
  assert.equal(byStart[3]!.comment, "'\ttab first");
  assert.equal(byStart[3]!.exact, '東京 and emoji 📰');
  assert.ok(!rows.some((row) => Object.values(row).some((v) => /^[=+\-@\t\r]/.test(v) && !/^-?\d+$/.test(v))), 'no cell starts a formula');

  const filtered = await api.exportPassages({ tag: 'risk' }, join(dir, 'risk.csv'), 'csv');
  assert.equal(filtered.annotations, 2, 'the filter of the view: risk takes risk/formula');
}));

test('Markdown: grouped by tag with descriptions, each passage quoted with a citation back to its source', () => withLibrary(async ({ api, dir }) => {
  const r = await api.exportPassages({}, join(dir, 'passages.md'), 'markdown');
  const md = readFileSync(r.path, 'utf8');
  const sha = (await api.queryAnnotations()).items[0]!.sourceSha256;
  assert.match(md, /^# Passages\n\n4 passages\./);
  const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ['place/Tokyo (1)', 'risk (1)', 'risk/formula (1)', 'style (1)', 'Untagged (1)']);
  assert.match(md, /## risk \(1\)\n\nThings a spreadsheet would \\<execute\\> & "run"/);
  assert.match(md, new RegExp(`> 東京 and emoji 📰\\n\\n— \\*Title line\\*, code points \\d+–\\d+, sha256 \`${sha}\``));
  const tagged = await api.exportPassages({ tag: 'place' }, join(dir, 'place.md'), 'markdown');
  assert.match(readFileSync(tagged.path, 'utf8'), /^# Passages tagged “place”\n\n1 passage\./);
}));

test('an orphaned passage is exported as orphaned, with no range to look at, in CSV and Markdown (a trial read one as a real place)', () => withLibrary(async ({ api, dir, db }) => {
  const orphan = (await api.queryAnnotations()).items.find((a) => a.exact.startsWith('@SUM'))!;
  const raw = openStore(db);
  try { raw.db.prepare("UPDATE annotations SET status = 'orphaned', score = NULL WHERE id = ?").run(orphan.id); } finally { raw.close(); }
  const csv = readFileSync((await api.exportPassages({}, join(dir, 'orphan.csv'), 'csv')).path, 'utf8');
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.exact === "'@SUM(A1) and -2")!;
  assert.deepEqual([row.status, row.start, row.end], ['orphaned', '', '']);
  assert.ok(rows.filter((r) => r !== row).every((r) => r.status === 'anchored' && /^\d+$/.test(r.start!)));
  const md = readFileSync((await api.exportPassages({}, join(dir, 'orphan.md'), 'markdown')).path, 'utf8');
  assert.match(md, /> @SUM\(A1\) and -2\n\n— \*Title line\*, orphaned: the passage is not found in this text, sha256/);
}));

test('a PDF passage gives its page: the CSV page column ("2"; empty for a text source and an orphan) and "p. 2" in the Markdown citation', () => withLibrary(async ({ api, dir, db }) => {
  const pdf = (await api.importPaths([join(import.meta.dirname, '..', 'fixtures', 'formats', 'pdf', 'archive-columns.pdf')])).imported[0]!;
  const source = await api.getSource(pdf.id);
  assert.equal(source.pages.length, 2);
  const second = source.pages[1]!.start;
  const text = [...source.text];
  const onPage = async (start: number, comment: string) => api.createAnnotation({ sourceId: pdf.id, start, end: start + 12, comment, tags: ['paged'] });
  await onPage(second + 20, 'on two');
  await onPage(5, 'on one');
  const orphan = await onPage(second + 40, 'orphan');
  const raw = openStore(db);
  try { raw.db.prepare("UPDATE annotations SET status = 'orphaned', score = NULL WHERE id = ?").run(orphan.id); } finally { raw.close(); }

  const rows = parse(readFileSync((await api.exportPassages({}, join(dir, 'pages.csv'), 'csv')).path), { bom: true, columns: true }) as Record<string, string>[];
  const byComment = (c: string) => rows.find((r) => r.comment === c)!;
  assert.deepEqual([byComment('on two').page, byComment('on one').page, byComment('orphan').page], ['2', '1', '']);
  assert.equal(byComment('on two').exact, text.slice(second + 20, second + 32).join(''));
  assert.ok(rows.filter((r) => r.source_title === 'Title line').every((r) => r.page === ''), 'the text source\'s passages: no page');

  const md = readFileSync((await api.exportPassages({ tag: 'paged' }, join(dir, 'pages.md'), 'markdown')).path, 'utf8');
  const cite = (comment: string) => md.split('\n\n').findIndex((part) => part.trim() === comment);
  const citations = md.split('\n\n').filter((part) => part.startsWith('— *'));
  assert.equal(citations.length, 3);
  assert.ok(cite('on two') > 0 && cite('on one') > 0);
  assert.match(md.split('\n\n')[cite('on two') - 1]!, new RegExp(`^— \\*.+\\*(, [^,]+)?, p\\. 2, code points ${second + 20}–${second + 32}, sha256 \`${source.sha256}\`$`));
  assert.match(md.split('\n\n')[cite('on one') - 1]!, /, p\. 1, code points 5–17, sha256 /);
  assert.match(md.split('\n\n')[cite('orphan') - 1]!, /, orphaned: the passage is not found in this text, sha256 /);
}));

test('QDC: the codebook nests as the tags do and validates against the REFI-QDA Codebook.xsd; a broken one does not', () => withLibrary(async ({ api, dir }) => {
  const r = await api.exportCodebook(join(dir, 'codebook.qdc'));
  const xml = readFileSync(r.path, 'utf8');
  assert.equal(r.tags, 5, 'place, place/Tokyo, risk, risk/formula, style');
  const verdict = validate(r.path);
  assert.ok(verdict.ok, verdict.output);
  assert.match(xml, /<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Lectern">/);
  assert.match(xml, /<Code guid="[0-9A-F-]{36}" name="risk" isCodable="true">\n\s+<Description>Things a spreadsheet would &lt;execute&gt; &amp; "run"<\/Description>\n\s+<Code guid="[0-9A-F-]{36}" name="formula" isCodable="true"\/>/);
  const book = await api.listCodebook();
  const place = book.find((t) => t.name === 'place')!;
  assert.equal(place.id, null);
  assert.equal(tagGuid(place), tagGuid({ id: null, name: 'PLACE' }), 'a parent without a row gets the same GUID in every export');
  // the check can fail: a code without its required guid, or a bad colour, is refused by the schema
  const broken = join(dir, 'broken.qdc');
  writeFileSync(broken, xml.replace(/ guid="[^"]+"/, ''));
  assert.equal(validate(broken).ok, false);
  writeFileSync(broken, codebookQdc([{ id: null, name: 'x\u0001"<&>\nline', description: '\u0000odd', count: 0, total: 0 }]));
  assert.ok(validate(broken).ok, 'control characters are dropped, markup escaped');
  writeFileSync(broken, '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>');
  assert.equal(validate(broken).ok, false, 'an empty <Codes> is not a valid codebook');
}));

test('exportCodebook refuses an empty codebook (it could not be a valid QDC file)', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const api = validated(createApi({ store, mayWritePath: () => true }));
    await assert.rejects(api.exportCodebook(join(dir, 'x.qdc')), (e: unknown) => e instanceof ApiError && e.code === 'empty-codebook');
  } finally { store.close(); cleanup(); }
});

function io(): CliIo & { out: string; err: string } {
  const o = { out: '', err: '', env: {}, isTTY: false, stdout(t: string) { o.out += t; }, stderr(t: string) { o.err += t; } };
  return o;
}

test('lectern annotations / tags / tag rename, merge, move, describe, delete / export passages, codebook', () => withLibrary(async ({ dir, db }) => {
  const cli = async (...args: string[]) => { const o = io(); const code = await runCli(['--db', db, ...args], o); return { code, ...o }; };
  const list = await cli('annotations', '--tag', 'risk', '--json');
  assert.equal(list.code, 0, list.err);
  const json = JSON.parse(list.out) as { total: number; items: Array<{ tags: string[]; sourceSha256: string }> };
  assert.equal(json.total, 2);
  assert.ok(json.items.every((i) => i.tags.some((t) => t.startsWith('risk'))));
  const csv = await cli('annotations', '--csv', '--color', 'pink');
  assert.equal(csv.code, 0, csv.err);
  const rows = parse(csv.out, { bom: true, columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.exact, `'=HYPERLINK("http://evil","click")`);
  assert.ok(csv.out.includes('\r\n'), 'CSV printed as is (CR LF kept)');
  assert.equal((await cli('annotations', '--csv', '--json')).code, 2);
  assert.equal((await cli('annotations', '--color', 'mauve')).code, 2);
  const human = await cli('annotations', '--text', 'emoji');
  assert.match(human.out, /東京 and emoji 📰/);
  assert.match(human.out, /1 annotation\(s\)/);

  const tags = JSON.parse((await cli('tags', '--json')).out) as Array<{ name: string; count: number; total: number }>;
  assert.deepEqual(tags.map((t) => [t.name, t.count, t.total]), [['place', 0, 1], ['place/Tokyo', 1, 1], ['risk', 1, 2], ['risk/formula', 1, 1], ['style', 1, 1]]);
  assert.deepEqual(JSON.parse((await cli('tag', 'rename', 'style', 'tone', '--json')).out), { tags: 1, annotations: 1 });
  const taken = await cli('tag', 'rename', 'tone', 'risk');
  assert.equal(taken.code, 1);
  assert.match(taken.err, /already a tag “risk”: merge/);
  assert.deepEqual(JSON.parse((await cli('tag', 'merge', 'tone', 'risk', '--json')).out), { tags: 1, annotations: 1, undo: 'lectern tag unmerge tone risk' });
  assert.equal((await cli('tag', 'move', 'place', 'risk')).code, 0);
  assert.equal((await cli('tag', 'move', 'risk/place', '--top')).code, 0);
  assert.equal((await cli('tag', 'move', 'place')).code, 2, 'a parent or --top');
  assert.match((await cli('tag', 'describe', 'place', 'Where it happened')).out, /place {2}0 \(1 with children\) {2}— Where it happened/);
  const deleted = JSON.parse((await cli('tag', 'delete', 'place', '--json')).out) as Array<{ id: string; kind: string }>;
  assert.deepEqual(deleted.map((d) => d.kind), ['tag', 'tag']);
  assert.equal((await cli('restore', ...deleted.map((d) => d.id))).code, 0);
  assert.ok(JSON.parse((await cli('tags', '--json')).out).some((t: { name: string }) => t.name === 'place/Tokyo'), 'restored');

  const out = join(dir, 'cli.csv');
  const exp = await cli('export', 'passages', '--tag', 'risk', out, '--json');
  assert.equal(exp.code, 0, exp.err);
  assert.equal(JSON.parse(exp.out).annotations, 2);
  assert.equal((parse(readFileSync(out), { bom: true, columns: true }) as unknown[]).length, 2);
  assert.equal((await cli('export', 'passages', join(dir, 'x.txt'))).code, 2);
  const qdc = join(dir, 'cli.qdc');
  assert.equal((await cli('export', 'codebook', qdc)).code, 0);
  const verdict = validate(qdc);
  assert.ok(verdict.ok, verdict.output);
}));
