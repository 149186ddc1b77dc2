import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../electron/cli.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');


async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, isTTY: false });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}

type Imported = { imported: Array<{ id: string; title: string; published: string | null; path: string; chars: number; encoding: string; sha256: string }>; duplicates: Array<{ path: string; id: string }>; failed: unknown[] };

test('the CLI contract: import, list, show, search, annotate with --json and exit codes', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'cli.db');
  try {
    const first = await cli(['--db', db, 'import', '--json', SEED_000, SEED_001]);
    assert.equal(first.code, 0, first.stderr);
    const result = first.json() as Imported;
    assert.equal(result.imported.length, 2);
    const seed0 = result.imported.find((i) => i.path === SEED_000)!;
    const seed1 = result.imported.find((i) => i.path === SEED_001)!;
    assert.match(seed0.title, /^THE Kremlin security services/);
    assert.equal(seed0.published, '2024-03-30');
    assert.equal(seed1.title, 'Russia’s security services knew of ISIS threat before concert attack, new evidence from investigative body suggests');
    assert.match(seed0.sha256, /^[0-9a-f]{64}$/);
    assert.equal(seed0.encoding, 'utf-8');

    const again = await cli(['import', SEED_000, SEED_001, '--json', '--db', db]);
    assert.equal(again.code, 0, 'duplicates are not failures');
    assert.deepEqual((again.json() as Imported).duplicates.map((d) => d.id).sort(), [seed0.id, seed1.id].sort());

    const list = await cli(['list', '--json'], { LECTERN_DB: db });
    assert.deepEqual((list.json() as Array<{ id: string }>).map((s) => s.id).sort(), [seed0.id, seed1.id].sort());
    assert.deepEqual(Object.keys((list.json() as object[])[0]!).sort(), ['annotationCount', 'chars', 'id', 'published', 'title']);

    const search = await cli(['--db', db, 'search', '--json', '"Dossier Center"']);
    const hits = search.json() as Array<{ kind: string; id: string; snippet: string; versions?: { count: number; ids: string[] } }>;
    // the seeds are versions of one story: one row that names both
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0]!.versions?.ids.slice().sort(), [seed0.id, seed1.id].sort());
    assert.ok(hits.every((h) => h.kind === 'source' && h.snippet.includes('⟦Dossier Center⟧')));
    const searched = await cli(['--db', db, 'search', '"Dossier Center"']);
    const other = hits[0]!.id === seed0.id ? seed1.id : seed0.id;
    assert.match(searched.stdout, new RegExp(`^source +${hits[0]!.id} .*\\[2 versions match: ${other} too\\]$`, 'm'), 'the human output says so too');

    const ambiguous = await cli(['--db', db, 'annotate', seed1.id, '--quote', 'ISIS', '--json']);
    assert.equal(ambiguous.code, 1);
    const err = (ambiguous.json() as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'quote-ambiguous');
    assert.match(err.message, /occurs \d+ times/);

    const absent = await cli(['--db', db, 'annotate', seed1.id, '--quote', 'Cathedral of Colony', '--json']);
    assert.equal(absent.code, 1);
    assert.match((absent.json() as { error: { message: string } }).error.message, /occurs 0 times/);

    const ann = await cli(['--db', db, 'annotate', seed1.id, '--quote', 'Dossier Center', '--occurrence', '1', '--comment', 'who?', '--tag', 'actors/orgs', '--tag', 'sources', '--json']);
    assert.equal(ann.code, 0, ann.stderr);
    const a = ann.json() as { id: string; start: number; end: number; exact: string; prefix: string; suffix: string; sourceId: string };
    assert.equal(a.exact, 'Dossier Center');
    assert.equal(a.sourceId, seed1.id);
    assert.equal(a.end - a.start, 'Dossier Center'.length);
    assert.ok(a.prefix.endsWith('According to the London-based '));

    const show = await cli(['--db', db, 'show', seed1.id, '--json']);
    const shown = show.json() as { text: string; path: string; annotations: Array<{ id: string; start: number; end: number; tags: string[]; comment: string }> };
    assert.equal(shown.path, SEED_001);
    assert.equal([...shown.text].slice(a.start, a.end).join(''), 'Dossier Center');
    assert.deepEqual(shown.annotations.map((x) => [x.id, x.comment, x.tags]), [[a.id, 'who?', ['actors/orgs', 'sources']]]);

    const unknown = await cli(['--db', db, 'show', 'no-such-id', '--json']);
    assert.equal(unknown.code, 1);
    assert.equal((unknown.json() as { error: { code: string } }).error.code, 'not-found');

    const human = await cli(['--db', db, 'list']);
    assert.match(human.stdout, /THE Kremlin/);
  } finally {
    cleanup();
  }
});

test('bad usage exits 2 and --help works on every command', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'u.db');
    assert.equal((await cli(['frobnicate', '--db', db])).code, 2);
    assert.equal((await cli(['show', '--db', db])).code, 2, 'missing argument');
    assert.equal((await cli(['list', '--bogus', '--db', db])).code, 2, 'unknown option');
    assert.equal((await cli(['annotate', 'x', '--db', db, '--json'])).code, 2, '--quote is required');
    assert.equal((await cli(['search', '--limit', 'lots', 'x', '--db', db])).code, 2);
    const seeded = await cli(['--db', db, 'import', '--json', SEED_000]);
    const id = (seeded.json() as Imported).imported[0]!.id;
    const badColor = await cli(['--db', db, 'annotate', id, '--quote', 'Kremlin', '--occurrence', '1', '--color', 'javascript:alert(1)', '--json']);
    assert.equal(badColor.code, 2, 'the CLI validates arguments like every other transport');
    assert.equal((badColor.json() as { error: { code: string } }).error.code, 'invalid-arguments');
    assert.deepEqual(((await cli(['--db', db, 'show', id, '--json'])).json() as { annotations: unknown[] }).annotations, []);
    for (const c of ['import', 'list', 'show', 'search', 'annotate']) {
      const r = await cli([c, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`Usage: lectern ${c}`));
    }
    assert.match((await cli(['--help'])).stdout, /Commands:/);
    const group = await cli(['export', '--help']);
    assert.equal(group.code, 0);
    assert.match(group.stdout, /lectern export pdf[\s\S]*lectern export markdown[\s\S]*lectern export annotations/);
    const bare = await cli(['note', '--db', db, '--json']);
    assert.equal(bare.code, 2);
    assert.match((bare.json() as { error: { message: string } }).error.message, /note needs one of: create, show, list/);
  } finally {
    cleanup();
  }
});

test('a database that cannot be opened is a clear error, in JSON too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const r = await cli(['--db', dir, 'list', '--json']);
    assert.equal(r.code, 1);
    const err = (r.json() as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'db-unavailable');
    assert.ok(err.message.includes(dir));
  } finally {
    cleanup();
  }
});

test('some failed input exits 1 and the rest is imported', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const r = await cli(['--db', join(dir, 'f.db'), 'import', '--json', SEED_000, join(dir, 'missing.txt')]);
    assert.equal(r.code, 1);
    const out = r.json() as Imported & { failed: Array<{ path: string; error: string }> };
    assert.equal(out.imported.length, 1);
    assert.equal(out.failed[0]?.path, join(dir, 'missing.txt'));
  } finally {
    cleanup();
  }
});

test('files the CLI reads have a size cap: /dev/zero as annotations or note Markdown is refused, not read forever', async () => {
  if (!existsSync('/dev/zero')) return;
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'z.db');
    const id = ((await cli(['--db', db, 'import', '--json', SEED_000])).json() as Imported).imported[0]!.id;
    const annotations = await cli(['--db', db, 'import', '--annotations', '/dev/zero', '--source', id, '--json']);
    assert.equal(annotations.code, 1);
    assert.deepEqual((annotations.json() as { error: { code: string } }).error.code, 'too-large');
    assert.match(annotations.stderr, /\/dev\/zero is larger than \d+ bytes/);
    const note = await cli(['--db', db, 'note', 'create', '--title', 'Z', '--markdown', '/dev/zero', '--json']);
    assert.equal(note.code, 1);
    assert.deepEqual((note.json() as { error: { code: string } }).error.code, 'too-large');
    assert.deepEqual((await cli(['--db', db, 'note', 'list', '--json'])).json(), [], 'no note was created');
  } finally {
    cleanup();
  }
});

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROLS = /[\u001b\u0007\u009b]/;

test('human output shows terminal escape sequences from titles as text; JSON keeps them exactly', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'e.db');
    const title = '\x1b]0;owned\x07\x1b[2JClear screen \u009b31m';
    writeFileSync(join(dir, 'evil.txt'), `${title}\n\nBody text.\n`);
    const imported = await cli(['--db', db, 'import', join(dir, 'evil.txt')]);
    assert.equal(imported.code, 0, imported.stderr);
    for (const human of [imported.stdout, (await cli(['--db', db, 'list'])).stdout]) {
      assert.doesNotMatch(human, CONTROLS, 'no control character reaches the terminal');
      assert.ok(human.includes('\\x1b]0;owned\\x07\\x1b[2JClear screen \\x9b31m'), human);
    }
    assert.equal(((await cli(['--db', db, 'list', '--json'])).json() as Array<{ title: string }>)[0]!.title, title);
    assert.equal((await cli(['--db', db, 'note', 'create', '--title', `Note ${title}`])).code, 0);
    const notes = await cli(['--db', db, 'note', 'list']);
    assert.doesNotMatch(notes.stdout, CONTROLS);
    assert.ok(notes.stdout.includes('Note \\x1b]0;owned'));
    assert.equal(((await cli(['--db', db, 'note', 'list', '--json'])).json() as Array<{ title: string }>)[0]!.title, `Note ${title}`);
  } finally {
    cleanup();
  }
});

test('--db with an empty name is refused (it would open the desktop app\'s library); an unknown command after --db X is named', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const env = { XDG_CONFIG_HOME: dir, HOME: dir, APPDATA: dir };
    for (const args of [['--db', '', 'list'], ['--db=', 'list', '--json'], ['list', '--db', '']]) {
      const r = await cli(args, env);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /--db needs a file name/);
    }
    assert.deepEqual(readdirSync(dir), [], 'the default library was not created');
    const unknown = await cli(['--db', join(dir, 'x.db'), 'frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command: frobnicate/);
    assert.doesNotMatch(unknown.stderr, /unknown command: .*x\.db/);
  } finally {
    cleanup();
  }
});

test('a file whose name is not UTF-8 (Latin-1) is imported and reported, inside a folder and named on the command line', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'l.db');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'Café notes\n\nSome text.\n');
    const inFolder = await cli(['--db', db, 'import', '--json', folder]);
    assert.equal(inFolder.code, 0, inFolder.stdout);
    const result = inFolder.json() as Imported;
    assert.equal(result.imported.length, 1);
    assert.equal(result.imported[0]!.path, `${folder}/caf\udce9.txt`, 'JSON keeps the byte (as the escape \\udce9)');
    assert.match((await cli(['--db', db, 'import', folder])).stdout, /caf\\xe9\.txt/, 'human output shows the byte as \\xe9');

    // on the command line, as the shell passes it: raw bytes (printf makes them), in-process and through the bin's child
    const file = Buffer.concat([Buffer.from(`${dir}/na`), Buffer.from([0xef]), Buffer.from('ve.txt')]);
    writeFileSync(file, 'Naive\n\nText.\n');
    const octal = `${dir}/na\\357ve.txt`;
    for (const env of [{}, { LECTERN_BIN_SPAWN: '1' }]) {
      const r = spawnSync('sh', ['-c', 'exec "$0" "$1" --db "$2" import --json "$(printf "$3")"', process.execPath, join(ROOT, 'bin', 'lectern.mjs'), join(dir, `argv-${Object.keys(env).length}.db`), octal],
        { encoding: 'utf8', env: { ...process.env, ...env } });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal((JSON.parse(r.stdout) as Imported).imported[0]!.path, `${dir}/na\udcefve.txt`);
    }
  } finally {
    cleanup();
  }
});
