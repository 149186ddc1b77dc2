// `lectern export passages` and `export codebook` take `-o FILE` as the other
// exports do; the file as the last argument (how they took it before) still
// works for one release, with a deprecation warning on stderr; both at once,
// or neither, is a usage error that writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { runCli } from '../../electron/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

async function cli(db: string, ...args: string[]) {
  const o = { out: '', err: '' };
  const code = await runCli(['--db', db, ...args], { stdout: (t) => { o.out += t; }, stderr: (t) => { o.err += t; }, env: {}, isTTY: false });
  return { code, ...o };
}

test('export passages / export codebook: -o FILE, the deprecated positional OUT with a warning, and usage errors', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'lectern.db');
  try {
    const store = openStore(db);
    try {
      const api = createApi({ store, mayWritePath: () => true });
      const text = 'A title\n\nThe first passage here. The second passage there.\n';
      const { imported } = await api.importFiles([{ name: 'a.txt', bytes: new TextEncoder().encode(text) }]);
      const sourceId = imported[0]!.id;
      const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      await api.createAnnotation({ sourceId, ...at('The first passage here.'), tags: ['risk'] });
      await api.createAnnotation({ sourceId, ...at('The second passage there.'), tags: ['style'] });
    } finally {
      store.close();
    }

    const csv = join(dir, 'risk.csv');
    const byOption = await cli(db, 'export', 'passages', '--tag', 'risk', '-o', csv, '--json');
    assert.equal(byOption.code, 0, byOption.err);
    assert.equal(byOption.err, '', 'no warning for -o');
    assert.deepEqual(JSON.parse(byOption.out), { path: csv, bytes: readFileSync(csv).length, annotations: 1 });
    const rows = parse(readFileSync(csv), { bom: true, columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(rows.map((r) => r.exact), ['The first passage here.']);

    const md = join(dir, 'all.md');
    const long = await cli(db, 'export', 'passages', '--output', md);
    assert.equal(long.code, 0, long.err);
    assert.match(long.out, /^wrote 2 passage\(s\) to /);
    assert.match(readFileSync(md, 'utf8'), /^# Passages/);

    const qdc = join(dir, 'codes.qdc');
    const codebook = await cli(db, 'export', 'codebook', '-o', qdc, '--json');
    assert.equal(codebook.code, 0, codebook.err);
    assert.equal(JSON.parse(codebook.out).tags, 2);
    assert.match(readFileSync(qdc, 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);

    // the old form: still written, stdout's JSON untouched, a warning on stderr naming the new form
    const old = join(dir, 'old.csv');
    const positional = await cli(db, 'export', 'passages', old, '--json');
    assert.equal(positional.code, 0, positional.err);
    assert.equal(JSON.parse(positional.out).annotations, 2);
    assert.match(positional.err, /^lectern: warning: export passages: the output file as an argument is deprecated; use -o .*old\.csv\n$/);
    const oldQdc = join(dir, 'old.qdc');
    const positionalQdc = await cli(db, 'export', 'codebook', oldQdc);
    assert.equal(positionalQdc.code, 0, positionalQdc.err);
    assert.ok(existsSync(oldQdc));
    assert.match(positionalQdc.err, /export codebook: the output file as an argument is deprecated; use -o /);

    // usage errors (exit 2), nothing written
    const both = await cli(db, 'export', 'passages', '-o', join(dir, 'b1.csv'), join(dir, 'b2.csv'), '--json');
    assert.equal(both.code, 2);
    assert.match(JSON.parse(both.out).error.message, /give the output file once/);
    assert.ok(!existsSync(join(dir, 'b1.csv')) && !existsSync(join(dir, 'b2.csv')));
    const neither = await cli(db, 'export', 'codebook', '--json');
    assert.equal(neither.code, 2);
    assert.match(JSON.parse(neither.out).error.message, /-o FILE is required/);
    const wrongKind = await cli(db, 'export', 'passages', '-o', join(dir, 'x.txt'));
    assert.equal(wrongKind.code, 2);
    assert.ok(!existsSync(join(dir, 'x.txt')));

    const help = await cli(db, 'export', 'passages', '--help');
    assert.match(help.out, /-o FILE\.csv\|FILE\.md/);
  } finally {
    cleanup();
  }
});
