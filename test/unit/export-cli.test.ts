import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli.ts';
import { createApi } from '../../electron/api.ts';
import { openStore } from '../../db/store.ts';
import { SEED_000, SEED_001 } from './export-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'lectern-export-cli-'));
const db = join(dir, 'lectern.db');

async function cli(...args: string[]): Promise<{ code: number; out: string; json: unknown }> {
  let out = '';
  const code = await runCli(['--db', db, ...args], { stdout: (t) => { out += t; }, stderr: () => {}, env: {}, isTTY: false });
  let json: unknown = null;
  try { json = JSON.parse(out); } catch { /* human output */ }
  return { code, out, json };
}

test('CLI: export pdf / annotations / markdown and import --annotations, with --json and exit codes', async () => {
  const imp = (await cli('import', '--json', SEED_000, SEED_001)).json as { imported: { id: string; path: string }[] };
  const s0 = imp.imported.find((i) => i.path.includes('000'))!.id;
  const s1 = imp.imported.find((i) => i.path.includes('001'))!.id;
  const ann = (await cli('annotate', '--json', s1, '--quote', 'The Dossier Center is a Russian investigation group backed by Mikhail Khodorkovsky, an exiled former Russian oil tycoon turned Kremlin critic.', '--comment', 'funding?')).json as { id: string };
  assert.ok(ann.id);

  const pdf = await cli('export', 'pdf', '--json', '--source', s1, '-o', join(dir, 's1.pdf'));
  assert.equal(pdf.code, 0);
  const r = pdf.json as { path: string; pages: number; bytes: number; missingGlyphs: string[] };
  assert.equal(r.path, join(dir, 's1.pdf'));
  assert.ok(r.pages >= 2 && r.bytes > 1000);
  assert.deepEqual(r.missingGlyphs, []);
  assert.equal(readFileSync(r.path).subarray(0, 5).toString(), '%PDF-');

  const w3c = await cli('export', 'annotations', '--json', '--source', s1, '-o', join(dir, 's1.jsonld'));
  assert.equal(w3c.code, 0);
  assert.equal((JSON.parse(readFileSync(join(dir, 's1.jsonld'), 'utf8')) as { type: string }).type, 'AnnotationCollection');

  const back = await cli('import', '--json', '--annotations', join(dir, 's1.jsonld'), '--source', s0);
  assert.equal(back.code, 0);
  const res = back.json as { moved: number; imported: { status: string; score: number; exact: string }[] };
  assert.equal(res.moved, 1);
  assert.ok(res.imported[0]!.exact.startsWith('the Dossier Center is a Russian investigative group'));

  const note = (await cli('note', 'create', '--json', '--title', 'N')).json as { id: string };
  const md = await cli('export', 'markdown', '--json', '--note', note.id, '-o', join(dir, 'n.md'));
  assert.equal(md.code, 0);
  assert.ok(readFileSync(join(dir, 'n.md'), 'utf8').startsWith('# N'));
  const npdf = await cli('export', 'pdf', '--json', '--note', note.id, '--with-sources', '-o', join(dir, 'n.pdf'));
  assert.equal(npdf.code, 0);

  // errors: unknown id -> 1 with {error}; bad usage -> 2
  const missing = await cli('export', 'pdf', '--json', '--source', 'nope', '-o', join(dir, 'x.pdf'));
  assert.equal(missing.code, 1);
  assert.equal((missing.json as { error: { code: string } }).error.code, 'not-found');
  assert.equal(existsSync(join(dir, 'x.pdf')), false);
  assert.equal((await cli('export', 'pdf', '--json', '--source', s1)).code, 2);
  assert.equal((await cli('export', 'pdf', '--json', '--source', s1, '--note', note.id, '-o', join(dir, 'y.pdf'))).code, 2);
  assert.equal((await cli('import', '--json', '--annotations', join(dir, 's1.jsonld'))).code, 2);
});

test('API: exports write only to paths handed out by chooseSavePath', async () => {
  const store = openStore(join(dir, 'api.db'));
  try {
    const api = createApi({ store, chooseSavePath: async (name) => (name === 'cancel.pdf' ? null : join(dir, 'chosen', name)) });
    const [imported] = (await api.importPaths([SEED_001])).imported;
    await assert.rejects(api.exportSourcePdf(imported!.id, join(dir, 'elsewhere.pdf')), { code: 'forbidden-path' });
    assert.equal(await api.chooseSavePath('cancel.pdf'), null);
    const path = (await api.chooseSavePath('s.pdf'))!;
    const r = await api.exportSourcePdf(imported!.id, path);
    assert.equal(r.path, join(dir, 'chosen', 's.pdf'));
    assert.ok(r.pages! >= 1);
    const jpath = (await api.chooseSavePath('s.jsonld'))!;
    await api.exportAnnotations(imported!.id, jpath);
    const res = await api.importAnnotations(imported!.id, readFileSync(jpath, 'utf8'));
    assert.equal(res.imported.length, 0);
    await assert.rejects(api.importAnnotations(imported!.id, 'not json'), { code: 'invalid-json' });
  } finally {
    store.close();
  }
});
