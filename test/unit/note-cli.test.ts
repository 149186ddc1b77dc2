import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_001, tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');


type Shown = { id: string; title: string; text: string; citations: Array<{ annotationId: string | null; sourceId: string; start: number; end: number; exact: string }> };

test('note create/show/list and backlinks: Markdown citations become citations, unknown ids are errors', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'n.db');
  try {
    const imp = await cli(['--db', db, 'import', '--json', SEED_001]);
    const sourceId = imp.json<{ imported: Array<{ id: string }> }>().imported[0]!.id;
    const ann = (await cli(['--db', db, 'annotate', '--json', sourceId, '--quote', 'Dossier Center', '--occurrence', '1'])).json<{ id: string; start: number; end: number }>();
    const ann2 = (await cli(['--db', db, 'annotate', '--json', sourceId, '--quote', 'Crocus City Hall', '--occurrence', '1'])).json<{ id: string }>();

    const md = join(dir, 'note.md');
    writeFileSync(md, `# Who knew\n\nThe *group* is the [@${ann.id}] and **then** [@${ann2.id}].\n\n- see [site](https://example.org)\n\n> quoted [@${ann.id}]\n`);
    const created = await cli(['--db', db, 'note', 'create', '--json', '--title', 'Findings', '--markdown', md]);
    assert.equal(created.code, 0, created.stderr);
    const { id } = created.json<{ id: string }>();
    assert.deepEqual(Object.keys(created.json<object>()), ['id']);

    const shown = await cli(['--db', db, 'note', 'show', '--json', id]);
    assert.equal(shown.code, 0, shown.stderr);
    const note = shown.json<Shown>();
    assert.deepEqual(Object.keys(note), ['id', 'title', 'text', 'citations']);
    assert.equal(note.title, 'Findings');
    assert.match(note.text, /^Who knew\nThe group is the “Dossier Center” and then “Crocus City Hall”\.\nsee site\nquoted “Dossier Center”$/);
    assert.deepEqual(note.citations.map((c) => c.annotationId), [ann.id, ann2.id, ann.id]);
    assert.deepEqual(note.citations[0], { annotationId: ann.id, sourceId, start: ann.start, end: ann.end, exact: 'Dossier Center' });

    const list = await cli(['note', 'list', '--json', '--db', db]);
    assert.deepEqual(list.json<Array<{ id: string; title: string; citationCount: number }>>().map((n) => [n.id, n.title, n.citationCount]), [[id, 'Findings', 3]]);

    const plain = await cli(['--db', db, 'note', 'create', '--json', '--title', 'Empty']);
    assert.equal(plain.code, 0);

    for (const target of [ann.id, sourceId]) {
      const bl = await cli(['--db', db, 'backlinks', '--json', target]);
      assert.equal(bl.code, 0, bl.stderr);
      assert.deepEqual(bl.json(), [{ noteId: id, title: 'Findings' }]);
    }
    const none = await cli(['--db', db, 'backlinks', '--json', 'no-such-id']);
    assert.equal(none.code, 1);
    assert.equal(none.json<{ error: { code: string } }>().error.code, 'not-found');

    // an unknown annotation id: exit 1, the error names it, no note created
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, `fine [@${ann.id}] but [@deadbeef-0000] and [@other-missing]\n`);
    const failed = await cli(['--db', db, 'note', 'create', '--json', '--title', 'Bad', '--markdown', bad]);
    assert.equal(failed.code, 1);
    const err = failed.json<{ error: { code: string; message: string } }>().error;
    assert.equal(err.code, 'not-found');
    assert.match(err.message, /deadbeef-0000/);
    assert.match(err.message, /other-missing/);
    assert.equal((await cli(['--db', db, 'note', 'list', '--json'])).json<unknown[]>().length, 2);

    const missing = await cli(['--db', db, 'note', 'show', '--json', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.json<{ error: { code: string } }>().error.code, 'not-found');
    assert.equal((await cli(['--db', db, 'note', 'create', '--json'])).code, 2, '--title is required');

    const human = await cli(['--db', db, 'note', 'show', id]);
    assert.match(human.stdout, /Citations:\n {2}\[/);
  } finally {
    cleanup();
  }
});

test('the note commands run as a process under the project Node', () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), ['electron/cli.ts', '--db', db, 'note', 'create', '--json', '--title', 'T'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { id } = JSON.parse(r.stdout) as { id: string };
    const show = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), ['electron/cli.ts', '--db', db, 'note', 'show', '--json', id], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(show.stdout), { id, title: 'T', text: '', citations: [] });
  } finally {
    cleanup();
  }
});
