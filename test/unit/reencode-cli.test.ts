// The reencode CLI's contract: --json keys (README documents them), the
// human output, exit codes 0 / 1 / 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';


const keys = (o: unknown) => Object.keys(o as object).sort();
const TEXT = 'Письмо из архива\n\nСъешь же ещё этих мягких французских булок, да выпей чаю.\n';

test('lectern reencode: options, --preview, replace, --undo with --json; usage and errors', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'reencode.db');
  const file = join(dir, 'pismo.txt');
  writeFileSync(file, iconv.encode(TEXT, 'windows-1251'));
  const run = (...args: string[]) => cli(['--db', db, ...args]);
  try {
    const id = ((await run('import', '--json', file)).json().imported as Array<{ id: string }>)[0]!.id;
    const wrong = await run('reencode', '--json', id, '--encoding', 'windows-1252');
    assert.equal(wrong.code, 0, wrong.stderr);
    assert.equal(((await run('annotate', id, '--quote', iconv.decode(iconv.encode('французских булок', 'windows-1251'), 'windows-1252'))).code), 0);

    const options = await run('reencode', '--json', id);
    assert.equal(options.code, 0, options.stderr);
    const o = options.json();
    assert.deepEqual(keys(o), ['all', 'encoding', 'likely', 'refused', 'sourceId', 'undo']);
    assert.deepEqual(keys((o.likely as object[])[0]), ['encoding', 'family', 'language']);
    assert.equal((o.likely as Array<{ encoding: string }>)[0]!.encoding, 'windows-1251');
    assert.match((await run('reencode', id)).stdout, /^ {2}windows-1251 +Cyrillic \(reads as ru\)$/m);

    const preview = await run('reencode', '--json', id, '--encoding', 'windows-1251', '--preview');
    assert.equal(preview.code, 0, preview.stderr);
    const p = preview.json();
    assert.deepEqual(keys(p), ['anchored', 'annotations', 'changedLines', 'chars', 'citations', 'from', 'head', 'invalid', 'meta',
      'moved', 'notes', 'notesSkipped', 'orphaned', 'preview', 'sourceId', 'to']);
    assert.deepEqual(keys((p.annotations as object[])[0]), ['before', 'deleted', 'end', 'exact', 'id', 'score', 'start', 'status']);
    assert.deepEqual([p.preview, p.anchored, p.from, p.to], [true, 1, 'windows-1252', 'windows-1251']);
    const shown = (await run('show', '--json', id)).json() as { encoding: string };
    assert.equal(shown.encoding, 'windows-1252', 'a preview writes nothing');

    const human = await run('reencode', id, '--encoding', 'windows-1251');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Reopened: .* windows-1252 -> windows-1251/m);
    assert.match(human.stdout, /^anchored .*"французских булок"$/m);
    assert.match(human.stdout, /^1 anchored, 0 moved, 0 orphaned; 0 citations in notes follow$/m);
    assert.match((await run('search', 'французских')).stdout, /Письмо из архива/);

    const undo = await run('reencode', '--json', id, '--undo');
    assert.equal(undo.code, 0, undo.stderr);
    assert.deepEqual(keys(undo.json()), ['citations', 'encoding', 'kept', 'restored', 'sourceId']);
    assert.equal(undo.json().encoding, 'windows-1252');

    const unknown = await run('reencode', '--json', id, '--encoding', 'latin-9000');
    assert.equal(unknown.code, 1);
    assert.equal((unknown.json().error as { code: string }).code, 'unknown-encoding');
    assert.match(unknown.stderr, /Unknown encoding “latin-9000”/);
    assert.equal((await run('reencode', id, '--preview')).code, 2);
    assert.equal((await run('reencode', id, '--undo', '--encoding', 'koi8-r')).code, 2);
    assert.equal((await run('reencode', '--json', 'no-such-id', '--encoding', 'koi8-r')).code, 1);
  } finally {
    cleanup();
  }
});
