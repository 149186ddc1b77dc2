// `lectern list --versions` (issue 9.1, the CLI's half of the library's mark
// and filter): only the sources that have another version, each with how many
// versions of its story the library holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CORPUS, SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';


test('lectern list --versions lists only sources with versions, with their count, in --json and as text', async () => {
  const { dir, cleanup } = tempDir();
  const run = (...args: string[]) => cli(['--db', join(dir, 'lectern.db'), ...args]);
  try {
    const unrelated = join(CORPUS, 'tech', '2d-metal-slug-offers-retro-fun.txt');
    const imported = (await run('import', '--json', SEED_000, SEED_001, unrelated)).json() as { imported: Array<{ id: string; path: string; title: string }> };
    const id = (path: string) => imported.imported.find((i) => i.path === path)!.id;
    const [s000, s001, other] = [id(SEED_000), id(SEED_001), id(unrelated)];

    // the import found the seeds to be versions of one story; unlinked, no source has a version
    assert.equal((await run('unlink', s000, s001)).code, 0);
    const none = await run('list', '--versions');
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stdout.trim(), 'No source has a version.');
    assert.deepEqual((await run('list', '--versions', '--json')).json(), []);

    assert.equal((await run('link', s000, s001)).code, 0);
    const listed = await run('list', '--versions', '--json', '--sort', 'title');
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.json() as Array<{ id: string; versions: number }>;
    assert.deepEqual(rows.map((r) => r.id).sort(), [s000, s001].sort());
    assert.deepEqual(rows.map((r) => r.versions), [2, 2], 'each seed: its story is in the library in 2 versions');
    assert.deepEqual(Object.keys(rows[0]!).sort(), ['annotationCount', 'chars', 'id', 'published', 'title', 'versions']);

    const human = await run('list', '--versions');
    const lines = human.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.match(line, /\[2 versions\]$/);
    assert.ok(!human.stdout.includes(other));

    // without --versions every source is listed, without the versions key
    const all = (await run('list', '--json')).json() as Array<Record<string, unknown>>;
    assert.equal(all.length, 3);
    assert.ok(all.every((r) => !('versions' in r)));
    assert.equal((await run('list', '--versions=yes')).code, 2, 'a flag takes no value');
  } finally {
    cleanup();
  }
});
