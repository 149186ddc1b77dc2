// A file imported again, changed, keeps its title: the library's rows and the
// Annotations view's rows say which revision each is ("revision 2 of 3"),
// from the store's revision relations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { withApi } from '../helpers/api.ts';

test('each file of a revision chain knows its place, in the library and in the annotations listing; a trashed file is not counted', () => withApi(async ({ api, dir }) => {
  const file = join(dir, 'story.txt');
  const ids: string[] = [];
  for (const word of ['first', 'second', 'third']) {
    writeFileSync(file, `The ${word} draft of one story.\n\nIt says the same thing each time, nearly.\n`);
    const r = await api.importPaths([file]);
    ids.push((r.imported[0] ?? r.revisions[0])!.id);
  }
  const alone = (await api.importFiles([{ name: 'alone.txt', bytes: new TextEncoder().encode('Something else entirely.\n') }])).imported[0]!.id;
  const places = async () => Object.fromEntries((await api.listSources()).map((s) => [s.id, s.revision ?? null]));
  assert.deepEqual(await places(), {
    [ids[0]!]: { n: 1, of: 3 }, [ids[1]!]: { n: 2, of: 3 }, [ids[2]!]: { n: 3, of: 3 }, [alone]: null,
  });
  // a page of the listing carries it too
  assert.deepEqual((await api.listSources({ sort: 'imported', offset: 1, limit: 1 })).map((s) => s.revision), [{ n: 3, of: 3 }]);

  for (const id of [ids[0]!, ids[2]!, alone]) await api.createAnnotation({ sourceId: id, start: 0, end: 3 });
  const rows = (await api.queryAnnotations({ sort: 'oldest' })).items;
  assert.deepEqual(rows.map((a) => [a.sourceId, a.sourceRevision ?? null]), [[ids[0], { n: 1, of: 3 }], [ids[2], { n: 3, of: 3 }], [alone, null]]);

  await api.deleteSource(ids[1]!);
  assert.deepEqual(await places(), { [ids[0]!]: { n: 1, of: 2 }, [ids[2]!]: { n: 2, of: 2 }, [alone]: null });
  await api.deleteSource(ids[0]!);
  assert.deepEqual(await places(), { [ids[2]!]: null, [alone]: null }, 'the one live file left is no revision of anything in the library');
}));
