// The CLI's collections and library listing: collection list/show/create/rename/
// delete/add/remove, import --collection, list --sort/--collection/--limit,
// search --collection; JSON shapes and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../electron/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

async function cli(args: string[], db: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--db', db], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, isTTY: false });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

type Collection = { id: string; name: string; sourceCount: number; created: string; modified: string };

test('collections from the CLI, a folder import as a collection, and listing and search by collection', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'lib.db');
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Zebra report\n\nThe zebra crossing, 2024.\n');
    writeFileSync(join(folder, 'b.txt'), 'Antelope report\n\nNo zebra here, only antelope.\n');
    writeFileSync(join(dir, 'c.txt'), 'Outside\n\nA zebra outside the folder.\n');
    const imported = await cli(['import', '--json', '--collection', 'Reports', folder], db);
    assert.equal(imported.code, 0, imported.stderr);
    const result = imported.json<{ imported: { id: string }[]; collection: { id: string; name: string; added: number } }>();
    assert.deepEqual([result.collection.name, result.collection.added], ['Reports', 2]);
    // importing the folder again adds nothing new: its files are duplicates, already in it
    const again = (await cli(['import', '--json', '--collection', 'reports', folder], db)).json<{ collection: { id: string; added: number } }>();
    assert.deepEqual([again.collection.id, again.collection.added], [result.collection.id, 0]);
    const outside = (await cli(['import', '--json', join(dir, 'c.txt')], db)).json<{ imported: { id: string }[] }>().imported[0]!.id;

    const list = await cli(['collection', 'list', '--json'], db);
    assert.deepEqual(list.json<Collection[]>().map((c) => [c.name, c.sourceCount]), [['Reports', 2]]);
    assert.deepEqual(Object.keys(list.json<Collection[]>()[0]!).sort(), ['created', 'id', 'modified', 'name', 'sourceCount']);
    const show = (await cli(['collection', 'show', '--json', 'REPORTS'], db)).json<Collection & { sources: { title: string }[] }>();
    assert.deepEqual(show.sources.map((s) => s.title), ['Antelope report', 'Zebra report'], 'by name, case ignored; sources by title');

    const hits = (await cli(['search', '--json', '--collection', 'Reports', 'zebra'], db)).json<{ id: string; kind: string }[]>();
    assert.equal(hits.filter((h) => h.kind === 'source').length, 2);
    assert.ok(!hits.some((h) => h.id === outside), 'the source outside the collection is not found');
    assert.equal((await cli(['search', '--json', 'zebra'], db)).json<unknown[]>().length, 3);

    const sorted = (await cli(['list', '--json', '--sort', 'title', '--limit', '2'], db)).json<{ title: string }[]>();
    assert.deepEqual(sorted.map((s) => s.title), ['Antelope report', 'Outside']);
    assert.deepEqual((await cli(['list', '--json', '--sort', 'title', '--offset', '2'], db)).json<{ title: string }[]>().map((s) => s.title), ['Zebra report']);
    assert.equal((await cli(['list', '--json', '--collection', 'Reports'], db)).json<unknown[]>().length, 2);
    assert.equal((await cli(['list', '--sort', 'size'], db)).code, 2, 'an unknown order is bad usage');
    assert.equal((await cli(['list', '--limit', '0'], db)).code, 2);
    assert.doesNotMatch((await cli(['list'], db)).stdout, /0 annotations/, 'a source without annotations does not say so');

    const created = (await cli(['collection', 'create', '--json', 'Elsewhere'], db)).json<Collection>();
    assert.equal((await cli(['collection', 'create', 'elsewhere'], db)).code, 1, 'a name in use');
    const added = await cli(['collection', 'add', '--json', 'Elsewhere', outside], db);
    assert.equal(added.json<{ changed: number }>().changed, 1);
    const bad = await cli(['collection', 'add', '--json', 'Elsewhere', 'no-such-source'], db);
    assert.equal(bad.code, 1);
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'not-found');
    assert.equal((await cli(['collection', 'remove', '--json', created.id, outside], db)).json<{ changed: number }>().changed, 1);
    assert.equal((await cli(['collection', 'rename', '--json', 'Elsewhere', 'Gone soon'], db)).json<Collection>().name, 'Gone soon');
    const deleted = (await cli(['collection', 'delete', '--json', 'Gone soon'], db)).json<{ kind: string; id: string }>();
    assert.deepEqual([deleted.kind, deleted.id], ['collection', created.id]);
    assert.match((await cli(['trash'], db)).stdout, /collection .* Gone soon/);
    assert.equal((await cli(['restore', created.id], db)).code, 0);
    assert.equal((await cli(['collection', 'show', 'nothing-like-it'], db)).code, 1);
    assert.match((await cli(['collection', '--help'], db)).stdout, /lectern collection add/);
  } finally {
    cleanup();
  }
});
