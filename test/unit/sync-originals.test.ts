// A source's original file travels (issue 15.1, migration 0017): in a
// document of its own, original:<source id>, the stored bytes its attachment
// and a PDF's page map its body. Two machines, one pouchdb-server, real
// `lectern sync` processes: a DOCX, a PDF and a text file reach the other
// machine byte for byte, "Reopen with encoding" works there; a damaged
// original is refused by name while its source arrives; a source without one
// sends none; an original sent after its source (a library that synced
// before originals travelled) still arrives; a purge takes it everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { Store } from '../../db/store.ts';
import { SYNC_USER, snapshot } from '../helpers/sync.ts';
import { syncServerForTests } from '../helpers/sync-pair.ts';
import { createCouch } from '../../electron/sync/couch.ts';
import { createLocal } from '../../electron/sync/local.ts';
import { createPuller } from '../../electron/sync/pull.ts';

const FORMATS = join(import.meta.dirname, '..', 'fixtures', 'formats');
const DOCX = join(FORMATS, 'docx', 'flood-notes.docx');
const PDF = join(FORMATS, 'pdf', 'flood-pdfkit.pdf');
const RUSSIAN = 'Съешь же ещё этих мягких французских булок, да выпей чаю. Письма из деревни.\n';

const { pair: emptyPair } = syncServerForTests('lectern-sync-originals-');

async function pair() {
  const p = await emptyPair();
  const { server, database } = p.target;
  const serverDoc = (id: string) => server.admin(`/${database}/${encodeURIComponent(id)}`);
  /** A pull in this process, with a smaller cap on originals than Lectern's 64 MB. */
  const pullCapped = (file: string, maxOriginalBytes: number) => p.edit(file, (_api, store) => {
    const couch = createCouch({ server: server.url, database, user: SYNC_USER.name, password: SYNC_USER.password });
    return createPuller(store, createLocal(store), couch, 'capped', { maxOriginalBytes }).pull();
  });
  return { ...p, open: p.edit, serverDoc, pullCapped };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A source's original file as this library holds it: decompressed, its sha256, its page map. */
function originalOf(store: Store, id: string) {
  const o = store.sources.original(id);
  if (!o) return undefined;
  const file = o.codec === 'gzip' ? gunzipSync(o.bytes) : Buffer.from(o.bytes);
  const pages = store.db.prepare('SELECT page, label, start_cp FROM source_pages WHERE source_id = ? ORDER BY page').all(id);
  return { format: o.format, codec: o.codec, size: o.size, fileSha256: sha256(file), pages };
}

test('a DOCX, a PDF and a text file\'s originals reach the other machine byte for byte, the page map with them; Reopen with encoding works there; a purge takes them everywhere', async () => {
  const { a, b, open, sync, serverDoc } = await pair();
  const ids = await open(a, async (api) => {
    const r = await api.importPaths([DOCX, PDF]);
    const t = await api.importFiles([{ name: 'noch.txt', bytes: new Uint8Array(iconv.encode(RUSSIAN, 'windows-1251')) }]);
    const byEnd = (end: string) => r.imported.find((i) => i.path.endsWith(end))!.id;
    return { docx: byEnd('.docx'), pdf: byEnd('.pdf'), text: t.imported[0]!.id };
  });
  const sent = await open(a, (_api, store) => Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, originalOf(store, id)])));
  assert.ok(sent.pdf!.pages.length >= 2, 'the PDF has a page map to send');
  await sync(a);
  await sync(b);

  await open(b, async (api, store) => {
    for (const [kind, id] of Object.entries(ids)) {
      const got = originalOf(store, id);
      assert.ok(got, `the ${kind} source's original is on the other machine`);
      assert.deepEqual(got, sent[kind], `the ${kind} source's original is the same, byte for byte, with the same page map`);
      assert.equal(got.fileSha256, (await api.getSource(id)).sha256, 'its sha256 is the source\'s');
    }
    assert.deepEqual((await api.getSource(ids.pdf)).pages, await open(a, (apiA) => apiA.getSource(ids.pdf).then((s) => s.pages)));
    // Reopen with encoding needs the original bytes: it works on the machine the file was never imported on
    const wrong = await api.reencodeSource(ids.text, 'windows-1252');
    assert.equal(wrong.to, 'windows-1252');
    assert.equal((await api.getSource(ids.text)).encoding, 'windows-1252');
    const right = await api.reencodeSource(ids.text, 'windows-1251');
    assert.equal(right.to, 'windows-1251');
    assert.equal((await api.getSource(ids.text)).text, RUSSIAN);
  });
  assert.equal((await serverDoc(`original:${ids.pdf}`)).status, 200);

  // a purge: the original's document becomes a tombstone, and the other machine drops the file with its source
  await open(a, async (api) => {
    await api.deleteSource(ids.docx);
    await api.purgeDeleted([ids.docx]);
  });
  await sync(a);
  const changes = (await serverDoc('_changes')).json as { results: { id: string; deleted?: boolean }[] };
  assert.deepEqual(changes.results.filter((r) => r.id.endsWith(`:${ids.docx}`)).map((r) => [r.id, r.deleted === true]).sort(),
    [[`original:${ids.docx}`, true], [`source:${ids.docx}`, true], [`text:${ids.docx}`, true]], 'the source, its text and its original are tombstones on the server');
  await sync(b);
  await open(b, (_api, store) => {
    assert.equal(store.syncRows.sourceExists(ids.docx), false);
    assert.equal(store.db.prepare('SELECT count(*) FROM source_originals WHERE source_id = ?').pluck().get(ids.docx), 0);
  });
  await sync(a); // the reopening made on b comes back
  const [sa, sb] = [snapshot(a), snapshot(b)];
  assert.equal(sb.originals.length, 2);
  assert.deepEqual([sb.sources, sb.originals, sb.pages], [sa.sources, sa.originals, sa.pages]);
});

test('a damaged original is refused by name and its source still arrives; a source without an original sends none', async () => {
  const { a, b, open, sync, serverDoc } = await pair();
  const ids = await open(a, async (api, store) => {
    const r = await api.importFiles([
      { name: 'damaged.txt', bytes: new Uint8Array(Buffer.from('A text whose original file is damaged on the way.\n')) },
      { name: 'old.txt', bytes: new Uint8Array(Buffer.from('A text imported before originals were kept.\n')) },
    ]);
    const [damaged, old] = [r.imported[0]!.id, r.imported[1]!.id];
    store.write(() => {
      // other bytes than the file's (the sha256 no longer matches), and no original at all
      store.db.prepare("UPDATE source_originals SET codec = 'identity', size = 5, bytes = ? WHERE source_id = ?").run(Buffer.from('other'), damaged);
      store.db.prepare('DELETE FROM source_originals WHERE source_id = ?').run(old);
    });
    return { damaged, old };
  });
  await sync(a);
  assert.equal((await serverDoc(`original:${ids.old}`)).status, 404, 'a source without an original sends none');
  const report = await sync(b);
  assert.equal(report.refused, 1, JSON.stringify(report));
  await open(b, async (api, store) => {
    assert.equal((await api.getSource(ids.damaged)).title.length > 0, true, 'the source arrived');
    assert.equal(store.sources.original(ids.damaged), undefined, 'without its damaged original');
    assert.equal(store.sources.original(ids.old), undefined);
    const notices = await api.listSyncNotices();
    assert.ok(notices.some((x) => x.kind === 'refused' && x.docId === `original:${ids.damaged}`
      && /^the original file of source "[^"]+" \(damaged\.txt, [0-9a-f-]+\) arrived damaged: its sha256 does not match the source's; the source is kept without it$/.test(x.message)), JSON.stringify(notices));
    const reopen = await api.reencodeSource(ids.damaged, 'windows-1252').then(() => 'reopened', (err: Error) => err.message);
    assert.notEqual(reopen, 'reopened', 'without its original it cannot be reopened');
  });
  assert.deepEqual(snapshot(a).sources, snapshot(b).sources);
});

test('an original sent after its source (a library that synced before originals travelled) still arrives', async () => {
  const { a, b, open, sync } = await pair();
  const { id, row } = await open(a, async (api, store) => {
    const r = await api.importFiles([{ name: 'later.txt', bytes: new Uint8Array(Buffer.from('Synced first without its original file.\n')) }]);
    const id = r.imported[0]!.id;
    const row = store.db.prepare('SELECT * FROM source_originals WHERE source_id = ?').get(id);
    store.write(() => store.db.prepare('DELETE FROM source_originals WHERE source_id = ?').run(id));
    return { id, row };
  });
  await sync(a);
  await sync(b);
  await open(b, (_api, store) => assert.equal(store.sources.original(id), undefined));
  // what migration 0017 does for such a library: the original is there, and its source goes out once more
  await open(a, (_api, store) => store.write(() => {
    store.db.prepare('INSERT INTO source_originals (seq, source_id, format, codec, size, bytes) VALUES (@seq, @source_id, @format, @codec, @size, @bytes)').run(row);
    store.changes.enqueue(`source:${id}`);
  }));
  await sync(a);
  await sync(b);
  const [sent, got] = [await open(a, (_api, store) => originalOf(store, id)), await open(b, (_api, store) => originalOf(store, id))];
  assert.ok(got, 'the original arrived for a source that was already there');
  assert.deepEqual(got, sent);
});

test('an original over the size cap is refused by name, without being read; its source and the other originals arrive', async () => {
  const { a, b, open, sync, pullCapped } = await pair();
  const ids = await open(a, async (api) => {
    const r = await api.importPaths([PDF]);
    const t = await api.importFiles([{ name: 'small.txt', bytes: new Uint8Array(Buffer.from('A small text.\n')) }]);
    return { pdf: r.imported[0]!.id, text: t.imported[0]!.id };
  });
  await sync(a);
  const stored = await open(a, (_api, store) => store.sources.original(ids.pdf)!.bytes.byteLength);
  const counts = await pullCapped(b, stored - 1);
  assert.equal(counts.refused, 1, JSON.stringify(counts));
  await open(b, async (api, store) => {
    assert.equal((await api.getSource(ids.pdf)).originalName, 'flood-pdfkit.pdf', 'the source arrived');
    assert.equal(store.sources.original(ids.pdf), undefined, 'without its original');
    assert.ok(store.sources.original(ids.text), 'the other original arrived');
    const notices = await api.listSyncNotices();
    assert.ok(notices.some((x) => x.kind === 'refused' && x.docId === `original:${ids.pdf}`
      && /^the original file of source "[^"]+" \(flood-pdfkit\.pdf, [0-9a-f-]+\) is \d+ KB, over the \d+ KB Lectern takes: the source is kept without it$/.test(x.message)), JSON.stringify(notices));
  });
});
