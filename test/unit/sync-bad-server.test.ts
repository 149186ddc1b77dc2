// Servers that answer badly: a wrong password, something that is not JSON, a
// 50 MB document, a library from a newer Lectern, another library. Each gives
// a clear error (or, for the one bad document, a refusal that names it), and
// nothing changes in the library.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { checkServerUrl } from '../../electron/sync/handshake.ts';
import { startCouch, teamDatabase, type CouchServer } from '../helpers/couch-server.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';
import { SYNC_USER, snapshot, syncProcess, synced } from '../helpers/sync.ts';

let server: CouchServer;
let dir: string;
let cleanup: () => void;
let n = 0;

before(async () => {
  ({ dir, cleanup } = tempDir('lectern-sync-bad-'));
  server = await startCouch(join(dir, 'couch'));
});
after(async () => {
  await server.stop();
  cleanup();
});

/** A library with one source and an annotation, never synced. */
async function library(): Promise<string> {
  const file = join(dir, `lib${++n}.db`);
  const store = openStore(file);
  try {
    const api = createApi({ store });
    const { imported: [s] } = await api.importPaths([SEED_000]);
    await api.createAnnotation({ sourceId: s!.id, start: 0, end: 10, comment: 'mine' });
  } finally {
    store.close();
  }
  return file;
}

/** The library and sync's own bookkeeping (outbox, revisions, binding), to compare before and after. */
function everything(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const sync = ['sync_outbox', 'sync_docs', 'sync_conflicts', 'sync_parked'].map((t) => db.prepare(`SELECT * FROM ${t}`).all());
    const state = db.prepare("SELECT key, value FROM sync_state WHERE key NOT IN ('config') ORDER BY key").all();
    return { records: snapshot(file), sync, state };
  } finally {
    db.close();
  }
}

async function database(): Promise<string> {
  const name = `bad${++n}`;
  await teamDatabase(server, name, [SYNC_USER]);
  return name;
}

test('a wrong password: a clear error, nothing changed', async () => {
  const file = await library();
  const name = await database();
  const was = everything(file);
  const r = await syncProcess(file, { server, database: name, user: { name: SYNC_USER.name, password: 'wrong' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refused the user name or password for "alice" \(401/);
  assert.doesNotMatch(r.stderr + r.stdout, /wrong/, 'the password is never printed');
  assert.deepEqual(everything(file), was);
});

test('an answer that is not JSON: a clear error naming the server, nothing changed', async () => {
  const fake = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>this is not a CouchDB</html>');
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  try {
    const file = await library();
    const was = everything(file);
    const r = await syncProcess(file, { server: { ...server, url }, database: 'any' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`sync server ${url.replace(/[.:/]/g, '\\$&')} answered .* with something that is not JSON \\("<html>this is not`));
    assert.deepEqual(everything(file), was);
  } finally {
    fake.close();
  }
});

test('a 50 MB document is refused by name, without being read whole; nothing of it is written', async () => {
  const file = await library();
  const name = await database();
  await synced(file, { server, database: name }); // the library is there
  const big = {
    _id: 'note:00000000-0000-4000-8000-000000000050', _rev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', _revisions: { start: 1, ids: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'] },
    type: 'note', v: 1, id: '00000000-0000-4000-8000-000000000050', title: 'huge', author: '', created: '2024-01-01T00:00:00Z',
    modified: '2024-01-01T00:00:00Z', deletedAt: null,
    doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(50 * 1024 * 1024) }] }] },
  };
  const put = await server.admin(`/${name}/_bulk_docs`, { method: 'POST', body: { new_edits: false, docs: [big] } });
  assert.equal(put.status, 201, JSON.stringify(put.json).slice(0, 200));
  const was = everything(file);
  const report = await synced(file, { server, database: name });
  assert.equal(report.refused, 1);
  const after = everything(file);
  assert.deepEqual(after.records, was.records, 'nothing of it was written');
  const store = openStore(file);
  try {
    const notices = await createApi({ store }).listSyncNotices();
    assert.ok(notices.some((x) => x.kind === 'refused' && x.docId === big._id && /over the 32 MB Lectern reads in one answer/.test(x.message)), JSON.stringify(notices));
  } finally {
    store.close();
  }
});

test('a database holding a library from a newer Lectern is refused, nothing changed', async () => {
  const file = await library();
  const name = await database();
  await server.admin(`/${name}/lectern:library`, { method: 'PUT', body: { type: 'library', libraryId: 'ffffffffffffffffffffffffffffffff', syncSchema: 99 } });
  const was = everything(file);
  const r = await syncProcess(file, { server, database: name });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /written by a newer Lectern \(sync format 99; this Lectern knows 1\)/);
  assert.deepEqual(everything(file), was);
});

test('a database holding another library is refused, before and after binding; an empty library joins it', async () => {
  const mine = await library();
  const theirs = await library();
  const name = await database();
  await synced(theirs, { server, database: name });
  const was = everything(mine);
  const r = await syncProcess(mine, { server, database: name });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /holds another library .* This library is not empty: to merge it into that one, sync with --join/);
  assert.deepEqual(everything(mine), was);

  // once bound, a database that now holds another library (replaced) is refused too
  const other = await database();
  await synced(mine, { server, database: other });
  await server.admin(`/${other}`, { method: 'DELETE' });
  await teamDatabase(server, other, [SYNC_USER]);
  await server.admin(`/${other}/lectern:library`, { method: 'PUT', body: { type: 'library', libraryId: '0123456789abcdef0123456789abcdef', syncSchema: 1 } });
  const boundWas = everything(mine);
  const replaced = await syncProcess(mine, { server, database: other });
  assert.equal(replaced.code, 1);
  assert.match(replaced.stderr, /holds another library \(0123456789abcdef0123456789abcdef\) than this one .*replaced, or this is the wrong database/);
  assert.deepEqual(everything(mine), boundWas);

  const fresh = join(dir, 'fresh.db');
  const joined = await synced(fresh, { server, database: name });
  assert.equal(joined.joined, 'joined');
  assert.deepEqual(snapshot(fresh), snapshot(theirs));
});

test('plain http is taken only to this machine; https anywhere; credentials never in the URL', () => {
  assert.deepEqual(checkServerUrl('https://couch.example.org:6984'), { warning: null });
  assert.deepEqual(checkServerUrl('http://127.0.0.1:5984'), { warning: null });
  assert.deepEqual(checkServerUrl('http://localhost:5984'), { warning: null });
  assert.throws(() => checkServerUrl('http://couch.example.org'), /plain http: the password and every text travel unencrypted/);
  assert.match(checkServerUrl('http://couch.example.org', true).warning!, /unencrypted/);
  assert.throws(() => checkServerUrl('https://alice:pw@couch.example.org'), /not in the server URL/);
  assert.throws(() => checkServerUrl('ftp://couch.example.org'), /not a protocol/);
  assert.throws(() => checkServerUrl('couch'), /not a server URL/);
});
