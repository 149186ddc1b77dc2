// lectern copy / move (issue 15.5, "copy these sources with their annotations
// into the team library"): sources go to another library file with their text,
// original file, page map and annotations (tags matched by name there);
// copying twice adds nothing; bad ids and paths are named; a move takes the
// sources to this library's trash only after the copy committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../electron/cli.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';
import { editLibrary as edit } from '../helpers/sync-pair.ts';
import { checkIntegrity } from '../../db/integrity.ts';
import type { TransferResult } from '../../common/types.ts';

async function cli(args: string[], db: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--db', db], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, isTTY: false });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as TransferResult };
}

/** A library's sources, original files and annotations (with tag names), to compare two libraries' copies. */
function contents(file: string, sourceIds: string[]) {
  const db = new Database(file, { readonly: true });
  try {
    const inList = `(${sourceIds.map(() => '?').join(',')})`;
    const sources = db.prepare(`SELECT id, title, sha256, text, encoding, imported_at, deleted_at FROM sources WHERE id IN ${inList} ORDER BY id`).all(...sourceIds);
    const originals = (db.prepare(`SELECT source_id, format, codec, size, bytes FROM source_originals WHERE source_id IN ${inList} ORDER BY source_id`)
      .all(...sourceIds) as { bytes: Buffer }[]).map(({ bytes, ...o }) => ({ ...o, sha: createHash('sha256').update(bytes).digest('hex') }));
    const annotations = db.prepare(`SELECT a.id, a.source_id, a.start_cp, a.end_cp, a.exact, a.comment, a.color, a.author,
        (SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = a.id ORDER BY t.name)) AS tags
      FROM annotations a WHERE a.source_id IN ${inList} AND a.deleted_at IS NULL ORDER BY a.id`).all(...sourceIds);
    return { sources, originals, annotations };
  } finally {
    db.close();
  }
}

async function privateLibrary(file: string) {
  return edit(file, async (api) => {
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    const [s0, s1] = [imported.find((i) => i.path === SEED_000)!.id, imported.find((i) => i.path === SEED_001)!.id];
    await api.createAnnotation({ sourceId: s0, start: 0, end: 12, comment: 'first', tags: ['codes/place', 'codes/time'] });
    await api.createAnnotation({ sourceId: s0, start: 30, end: 50, color: 'green', tags: ['codes/place'] });
    await api.createAnnotation({ sourceId: s1, start: 5, end: 25, comment: 'on the other' });
    return { s0, s1 };
  });
}

test('copy: sources with text, original and annotations into another library; twice adds nothing; tags matched by name', async () => {
  const { dir, cleanup } = tempDir('lectern-transfer-');
  try {
    const mine = join(dir, 'mine.db');
    const team = join(dir, 'team.db');
    const { s0, s1 } = await privateLibrary(mine);
    // the team library has work of its own, and a tag of the same name (another id)
    const teamTag = await edit(team, async (api) => {
      writeFileSync(join(dir, 'team-note.txt'), 'Team memo\n\nThe place where the team met.\n');
      const [memo] = (await api.importPaths([join(dir, 'team-note.txt')])).imported;
      const a = await api.createAnnotation({ sourceId: memo!.id, start: 0, end: 4, tags: ['codes/place'] });
      return (await api.getAnnotation(a.id)).tags;
    });
    assert.deepEqual(teamTag, ['codes/place']);

    const first = await cli(['copy', '--json', '--to', team, s0, s1], mine);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.json().sources.map((s) => [s.id, s.status, s.annotations]), [[s0, 'copied', 2], [s1, 'copied', 1]]);
    assert.deepEqual(contents(team, [s0, s1]), contents(mine, [s0, s1]), 'the same sources, texts, originals and annotations with their tags');
    await edit(team, async (api, store) => {
      assert.equal(store.db.prepare("SELECT count(*) FROM tags WHERE name = 'codes/place'").pluck().get(), 1, 'the team\'s tag is used, not a second one');
      const hits = store.search('"Crocus"');
      assert.ok(hits.some((h) => h.sourceId === s0 || h.sourceId === s1), 'the copied texts are searchable there');
      assert.deepEqual(checkIntegrity(store.db, true).problems, []);
    });
    await edit(mine, async (api) => assert.equal((await api.listDeleted()).length, 0, 'a copy leaves this library as it was'));

    const again = await cli(['copy', '--json', '--to', team, s0, s1], mine);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.json().sources.map((s) => [s.status, s.annotations]), [['already-there', 0], ['already-there', 0]]);
    assert.deepEqual(contents(team, [s0, s1]), contents(mine, [s0, s1]), 'copying twice doubles nothing');

    // a new annotation here, copied again: only it goes
    await edit(mine, (api) => api.createAnnotation({ sourceId: s1, start: 40, end: 60, comment: 'added later' }));
    const third = await cli(['copy', '--to', team, s1], mine);
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /already there, 1 annotation\(s\) added/);
    assert.deepEqual(contents(team, [s1]), contents(mine, [s1]));
  } finally {
    cleanup();
  }
});

test('copy: bad ids and paths are named and the good ids still go; a source whose file is there already gets its annotations', async () => {
  const { dir, cleanup } = tempDir('lectern-transfer-bad-');
  try {
    const mine = join(dir, 'mine.db');
    const team = join(dir, 'team.db');
    const { s0 } = await privateLibrary(mine);
    const teamCopy = await edit(team, async (api) => (await api.importPaths([SEED_000])).imported[0]!.id);

    const mixed = await cli(['copy', '--json', '--to', team, 'no-such-source', s0], mine);
    assert.equal(mixed.code, 1);
    const r = mixed.json();
    assert.deepEqual(r.failed.map((f) => f.id), ['no-such-source']);
    assert.match(r.failed[0]!.reason, /no source no-such-source/);
    assert.deepEqual(r.sources.map((s) => [s.status, s.targetId, s.annotations]), [['same-file-there', teamCopy, 2]], 'the file was there: the annotations go onto it');
    await edit(team, async (api) => assert.equal((await api.listAnnotations(teamCopy)).length, 2));

    const missing = await cli(['copy', '--to', join(dir, 'nowhere.db'), s0], mine);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no library at .*nowhere\.db/);
    writeFileSync(join(dir, 'notes.txt'), 'not a database at all, just some text that is long enough to not be a header\n'.repeat(20));
    const notLibrary = await cli(['copy', '--to', join(dir, 'notes.txt'), s0], mine);
    assert.equal(notLibrary.code, 1);
    assert.match(notLibrary.stderr, /notes\.txt is not a Lectern library/);
    const itself = await cli(['copy', '--to', mine, s0], mine);
    assert.equal(itself.code, 1);
    assert.match(itself.stderr, /is this library itself/);
    const noTo = await cli(['copy', s0], mine);
    assert.equal(noTo.code, 2);
    assert.match(noTo.stderr, /--to OTHER\.db/);
  } finally {
    cleanup();
  }
});

test('move: the copy is committed there first, then the sources go to this library\'s trash (restore undoes it); one that cannot be copied stays', async () => {
  const { dir, cleanup } = tempDir('lectern-transfer-move-');
  try {
    const mine = join(dir, 'mine.db');
    const team = join(dir, 'team.db');
    const { s0, s1 } = await privateLibrary(mine);
    const before = contents(mine, [s0, s1]);
    // the team has seed 000 read with another encoding: it cannot take s0's annotations
    await edit(team, async (api) => {
      const id = (await api.importPaths([SEED_000])).imported[0]!.id;
      await api.reencodeSource(id, 'iso-8859-1');
    });

    const moved = await cli(['move', '--json', '--to', team, s0, s1], mine);
    assert.equal(moved.code, 1, 'one could not go');
    const r = moved.json();
    assert.deepEqual(r.failed.map((f) => f.id), [s0]);
    assert.match(r.failed[0]!.reason, /another encoding/);
    assert.deepEqual(r.sources.map((s) => s.id), [s1]);
    assert.equal(r.moved, 1);
    assert.deepEqual(contents(team, [s1]).annotations, before.annotations.filter((a) => (a as { source_id: string }).source_id === s1));
    await edit(mine, async (api) => {
      assert.deepEqual((await api.listDeleted()).map((t) => t.id), [s1], 'only the source copied went to the trash here');
      assert.equal((await api.getSource(s0)).id, s0, 'the one not copied stays');
      await api.restore([s1]);
    });
    assert.deepEqual(contents(mine, [s0, s1]), before, 'restoring brings it back whole');
  } finally {
    cleanup();
  }
});
