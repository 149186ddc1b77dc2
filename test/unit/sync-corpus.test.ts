// Sync at scale, in real processes: the seeds and the 2,095-article corpus,
// with annotations and notes, go from one library to a pouchdb-server and on
// to two more libraries. Each process is killed (-9) part-way once: the one
// pushing, the one pulling, and the server itself; every sync resumes, and
// all three libraries end identical (ids, texts, sha256, annotations, tags,
// notes, citations), nothing doubled on the server, integrity checks clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { startCouch, teamDatabase, type CouchServer } from '../helpers/couch-server.ts';
import { cliProcess } from '../helpers/processes.ts';
import { CORPUS, SEEDS, tempDir } from '../helpers/tmp.ts';
import { DATABASE, SYNC_USER, countRows, snapshot, startSync, synced, waitFor } from '../helpers/sync.ts';

async function buildLibrary(file: string) {
  const store = openStore(file);
  try {
    const api = createApi({ store });
    await api.updateSettings({ authorName: 'Ada' });
    const result = await api.importPaths([SEEDS, CORPUS]);
    assert.deepEqual(result.failed.filter((f) => !f.path.endsWith('LICENSE')), [], 'everything but the licence file imports');
    const sources = result.imported;
    const annotations = [];
    for (const [i, s] of sources.entries()) {
      if (i % 10 !== 0) continue;
      annotations.push(await api.createAnnotation({ sourceId: s.id, start: 0, end: Math.min(20, s.chars), comment: `note ${i}`, tags: [`codes/c${i % 7}`] }));
    }
    for (let i = 0; i < 20; i++) {
      const a = annotations[i]!;
      const src = sources.find((s) => s.id === a.sourceId)!;
      await api.createNote({ title: `Note ${i}`, doc: { type: 'doc', content: [{ type: 'paragraph', content: [
        { type: 'text', text: `Finding ${i} ` },
        { type: 'citation', attrs: { sourceId: a.sourceId, annotationId: a.id, start: a.start, end: a.end, exact: a.exact, sha256: src.sha256 } },
      ] }] } });
    }
    await api.deleteAnnotation(annotations[1]!.id); // the trash syncs too
    // the versions found among the corpus articles at import travel too, one document per pair
    const relations = store.db.prepare('SELECT count(*) FROM source_relations').pluck().get() as number;
    assert.ok(relations > 0, 'the corpus holds versions of some stories');
    return { sources: sources.length, annotations: annotations.length, relations };
  } finally {
    store.close();
  }
}

const docCount = async (server: CouchServer): Promise<number> =>
  ((await server.admin(`/${DATABASE}`)).json as { doc_count?: number }).doc_count ?? 0;

test('the corpus library syncs to two more libraries through kills of the pusher, the puller and the server', { timeout: 900_000 }, async () => {
  const { dir, cleanup } = tempDir('lectern-sync-corpus-');
  let server = await startCouch(join(dir, 'couch'));
  try {
    await teamDatabase(server, DATABASE, [SYNC_USER]);
    const [a, b, c] = ['a.db', 'b.db', 'c.db'].map((f) => join(dir, f)) as [string, string, string];
    const made = await buildLibrary(a);
    const records = made.sources + made.annotations + 20 + 7 + made.relations; // sources, annotations, notes, tags, relations
    // and a text document per source, an original's per source that kept its file (all of them here), and the library marker
    const expectedDocs = records + made.sources + countRows(a, 'source_originals') + 1;

    // 1. the first push is killed part-way, then resumed
    const pushing = startSync(a, { server });
    await waitFor('part of the first push on the server', async () => (await docCount(server)) > 600 || pushing.child.exitCode !== null);
    pushing.child.kill('SIGKILL');
    await pushing.done;
    const partial = await docCount(server);
    const report = await synced(a, { server });
    assert.equal(await docCount(server), expectedDocs, `${partial} documents were there after the kill; every one once at the end`);
    assert.ok(Number(report.pushed) <= expectedDocs - partial + 5, `the resumed push sent only what was missing (${String(report.pushed)})`);

    // 2. a new machine joins; its pull is killed part-way, then resumed
    const pulling = startSync(b, { server });
    await waitFor('part of the first pull in library b', () => pulling.child.exitCode !== null || (countRowsIfThere(b, 'sources') > 300));
    pulling.child.kill('SIGKILL');
    await pulling.done;
    const joined = await synced(b, { server });
    assert.ok(['joined', null].includes(joined.joined as string | null));

    // 3. the server is killed while a third library pulls, and started again on its data
    const third = startSync(c, { server });
    await waitFor('part of the pull in library c', () => third.child.exitCode !== null || countRowsIfThere(c, 'sources') > 300);
    await server.stop(true);
    const cut = await third.done;
    assert.notEqual(cut.code, 0, 'the sync saw the server go');
    assert.match(cut.stderr, /Cannot reach the sync server|sync server/);
    server = await startCouch(join(dir, 'couch'), server.port);
    await synced(c, { server });

    // every library ends identical, every outbox empty, every file intact, nothing doubled
    for (const f of [a, b]) await synced(f, { server });
    const want = snapshot(a);
    assert.equal(want.sources.length, made.sources);
    assert.equal(want.annotations.length, made.annotations);
    assert.deepEqual(snapshot(b), want, 'library b is library a');
    assert.deepEqual(snapshot(c), want, 'library c is library a');
    assert.equal(await docCount(server), expectedDocs);
    for (const f of [a, b, c]) {
      assert.equal(countRows(f, 'sync_outbox'), 0, `${f}: nothing left to send`);
      assert.equal(countRows(f, 'sync_conflicts'), 0);
      const check = await cliProcess(['--db', f, 'check', '--full', '--json']);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.equal((JSON.parse(check.stdout) as { ok: boolean }).ok, true);
    }
    const search = await cliProcess(['--db', c, 'search', '--json', 'Cologne']);
    assert.ok((JSON.parse(search.stdout) as unknown[]).length > 0, 'the full-text index was rebuilt from what arrived');
  } finally {
    await server.stop();
    cleanup();
  }
});

function countRowsIfThere(file: string, table: string): number {
  try {
    return countRows(file, table);
  } catch {
    return 0; // not created yet, or mid-migration
  }
}
