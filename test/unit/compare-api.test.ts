// The API the compare UI adds (issue 9): placeAnnotation (Accept / Adjust of a
// carried copy), passageInVersions ("also in" on citations) and
// exportComparison (the report, PDF and Markdown, also from the CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LecternApi } from '../../common/api.ts';
import { codePointLength, sliceCodePoints } from '../../common/offsets.ts';
import { withApi } from '../helpers/api.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { hasTool, norm, openPdf, pdfText } from './export-helpers.ts';
import { cli } from '../helpers/cli.ts';

async function seeds(api: LecternApi) {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const s000 = r.imported.find((i) => i.path === SEED_000)!.id;
  const s001 = r.imported.find((i) => i.path === SEED_001)!.id;
  // linked by hand: the test does not rest on detection
  await api.linkSources(s000, s001);
  return { s000, s001 };
}

async function range(api: LecternApi, sourceId: string, quote: string) {
  const { text } = await api.getSource(sourceId);
  const i = text.indexOf(quote);
  assert.ok(i >= 0, quote);
  const start = codePointLength(text.slice(0, i));
  return { start, end: start + codePointLength(quote) };
}

test('placeAnnotation: Accept anchors a moved copy where it is (its match kept); Adjust moves it and takes the new quote; a carried orphan is kept as one', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  await api.createAnnotation({ sourceId: s001, ...(await range(api, s001, 'Cologne Cathedral')), comment: 'which cathedral?' });
  await api.createAnnotation({ sourceId: s001, ...(await range(api, s001, 'Shocking footage of the attack')) });
  const carried = await api.carryAnnotations(s001, s000);
  const moved = carried.carried.find((c) => c.status === 'moved')!;
  const orphan = carried.carried.find((c) => c.status === 'orphaned')!;
  assert.ok(moved && orphan, JSON.stringify(carried));

  const accepted = await api.placeAnnotation(moved.id!);
  assert.equal(accepted.status, 'anchored');
  assert.equal(accepted.score, moved.score, 'an accepted moved copy keeps its match score');
  assert.equal(accepted.start, moved.start);
  assert.equal(accepted.comment, 'which cathedral?');

  const colony = await range(api, s000, 'cathedral of Colony');
  const adjusted = await api.placeAnnotation(moved.id!, colony);
  const { text } = await api.getSource(s000);
  assert.equal(adjusted.exact, 'cathedral of Colony');
  assert.equal(sliceCodePoints(text, adjusted.start, adjusted.end), adjusted.exact);
  assert.equal(adjusted.carriedFrom, carried.carried.find((c) => c.id === moved.id)!.from, 'still a copy of its original');

  const kept = await api.placeAnnotation(orphan.id!);
  assert.deepEqual([kept.status, kept.score, kept.start === kept.end], ['orphaned', 0, true], 'Keep as orphan is stored');
  const mine = await api.createAnnotation({ sourceId: s000, ...(await range(api, s000, 'Mikhail Khodorkovsky')) });
  const { start: ms, end: me } = mine;
  await api.placeAnnotation(mine.id, { start: ms, end: me + 1 });
  // a plain annotation's restore, and an orphan's range that is not empty, refused
  const back = await api.restoreAnnotationPlace(mine.id, { ...mine });
  assert.deepEqual([back.start, back.end, back.exact, back.status], [ms, me, 'Mikhail Khodorkovsky', 'anchored']);
  await assert.rejects(api.restoreAnnotationPlace(mine.id, { ...mine, status: 'orphaned' }), { code: 'invalid-range' });
  const placedOrphan = await api.placeAnnotation(orphan.id!, await range(api, s000, 'Crocus City Hall'));
  assert.equal(placedOrphan.status, 'anchored');
  await assert.rejects(api.placeAnnotation(orphan.id!, { start: 5, end: 5 }), { code: 'invalid-range' });
  await assert.rejects(api.placeAnnotation(orphan.id!, { start: 0, end: 10_000_000 }), { code: 'invalid-range' });
  await assert.rejects(api.placeAnnotation('no-such-annotation'), { code: 'not-found' });
}));

test('passageInVersions: the same words, other words (with them), or absent; a carried copy is named', () => withApi(async ({ api }) => {
  const { s000, s001 } = await seeds(api);
  const same = await api.passageInVersions(s001, ...Object.values(await range(api, s001, 'Mikhail Khodorkovsky')) as [number, number]);
  assert.equal(same.length, 1);
  assert.equal(same[0]!.id, s000);
  assert.equal(same[0]!.status, 'anchored');
  assert.equal(same[0]!.exact, 'Mikhail Khodorkovsky');

  const cologne = await range(api, s001, 'Cologne Cathedral');
  const [differs] = await api.passageInVersions(s001, cologne.start, cologne.end);
  assert.equal(differs!.status, 'moved');
  assert.match(differs!.exact, /Colony/);
  assert.equal(differs!.annotationId, null);

  const [absent] = await api.passageInVersions(s001, ...Object.values(await range(api, s001, 'Shocking footage of the attack')) as [number, number]);
  assert.equal(absent!.status, 'orphaned');
  assert.equal(absent!.start, absent!.end);

  // once carried, the copy (as the researcher adjusted it) is where the passage is
  const a = await api.createAnnotation({ sourceId: s001, ...cologne });
  const r = await api.carryAnnotations(s001, s000);
  const copyId = r.carried[0]!.id!;
  await api.placeAnnotation(copyId, await range(api, s000, 'the cathedral of Colony'));
  const [viaCopy] = await api.passageInVersions(s001, cologne.start, cologne.end, a.id);
  assert.equal(viaCopy!.annotationId, copyId);
  assert.equal(viaCopy!.exact, 'the cathedral of Colony');

  // a dismissed relation is no version
  await api.unlinkSources(s000, s001);
  assert.deepEqual(await api.passageInVersions(s001, cologne.start, cologne.end), []);
  await assert.rejects(api.passageInVersions(s001, 10, 5), { code: 'invalid-range' });
}));

test('exportComparison: Markdown and PDF with both sha256, the figures, Colony/Cologne marked, one-sided passages and carried verdicts; qpdf-clean, outlined', () => withApi(async ({ api, dir }) => {
  const { s000, s001 } = await seeds(api);
  await api.createAnnotation({ sourceId: s001, ...(await range(api, s001, 'Cologne Cathedral')), comment: 'which cathedral?' });
  await api.carryAnnotations(s001, s000);
  const md = await api.chooseSavePath('report.md');
  const rmd = await api.exportComparison(s000, s001, md!);
  const text = readFileSync(rmd.path, 'utf8');
  const [a, b] = [await api.getSource(s000), await api.getSource(s001)];
  assert.ok(text.includes(a.sha256) && text.includes(b.sha256));
  const has = (re: RegExp) => assert.ok(re.test(text), `the Markdown report matches ${re}`);
  has(/~~the cathedral of Colony~~/);
  has(/\*\*Cologne Cathedral/);
  has(/## Passages only in B[\s\S]*Shocking footage/);
  has(/## Carried annotations[\s\S]*B to A \| moved \(match \d+%\)/);
  has(/Similarity: \d+%/);

  const pdf = await api.chooseSavePath('report.pdf');
  const rpdf = await api.exportComparison(s000, s001, pdf!);
  assert.deepEqual(rpdf.missingGlyphs, []);
  const doc = await openPdf(readFileSync(rpdf.path));
  const all = norm(await pdfText(doc));
  for (const needle of [a.sha256, b.sha256, 'cathedral of Colony', 'Cologne Cathedral', 'Not in A', 'Carried annotations', 'B to A: moved']) {
    assert.ok(all.includes(needle), `the PDF's text has ${needle}`);
  }
  const outline = (await doc.getOutline())!.map((o) => o.title);
  assert.ok(outline.includes('The two sources') && outline.includes('Carried annotations') && outline.some((t) => t.startsWith('Aligned passages')), outline.join(' | '));
  if (hasTool('qpdf')) execFileSync('qpdf', ['--check', rpdf.path]);

  await assert.rejects(api.exportComparison(s000, s001, join(dir, 'nowhere.pdf')), { code: 'forbidden-path' });
  const txt = await api.chooseSavePath('report.txt');
  await assert.rejects(api.exportComparison(s000, s001, txt!), { code: 'invalid-path' });
  const again = await api.chooseSavePath('again.md');
  await assert.rejects(api.exportComparison(s000, s000, again!), { code: 'same-source' });
}));


test('lectern export comparison A B -o FILE.md|FILE.pdf', () => withApi(async ({ api, dir }) => {
  const { s000, s001 } = await seeds(api);
  const db = join(dir, 'lectern.db');
  const md = join(dir, 'cmp.md');
  const r = await cli(['--db', db, 'export', 'comparison', s000, s001, '-o', md, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).path, md);
  assert.match(readFileSync(md, 'utf8'), /^# Comparison of/);
  const pdf = await cli(['--db', db, 'export', 'comparison', s000, s001, '-o', join(dir, 'cmp.pdf')]);
  assert.equal(pdf.code, 0, pdf.stderr);
  assert.match(pdf.stdout, /wrote .*cmp\.pdf \(\d+ pages/);
  const bad = await cli(['--db', db, 'export', 'comparison', s000, '-o', md]);
  assert.equal(bad.code, 2);
  const wrong = await cli(['--db', db, 'export', 'comparison', s000, s001, '-o', join(dir, 'cmp.docx')]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /FILE\.pdf or FILE\.md/);
}));
