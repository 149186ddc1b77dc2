// npm run bench:sync
//
// 1. Initial push of the seeds + 2,095-article library (with annotations and
//    notes) to a pouchdb-server on 127.0.0.1, against a bare _bulk_docs upload
//    of the very same documents (built beforehand, outside the timing) to the
//    same server. Alternating rounds, each into a new database; the ratio
//    bare/ours (median of the rounds) should be >= 0.5.
// 2. With continuous sync on in two libraries, how long one changed
//    annotation takes to reach the other (save -> visible there), several
//    times; goal <= 2 s.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../db/store.ts';
import { createApi } from '../electron/api.ts';
import { createCouch } from '../electron/sync/couch.ts';
import { handshake } from '../electron/sync/handshake.ts';
import { createLocal } from '../electron/sync/local.ts';
import { couchDoc, createPusher, REQUEST_BYTES, RECORD_BATCH, type Outgoing } from '../electron/sync/push.ts';
import { ORIGINAL_ATTACHMENT, TEXT_ATTACHMENT } from '../electron/sync/kinds.ts';
import { startCouch, teamDatabase, type CouchServer } from '../test/helpers/couch-server.ts';
import { CORPUS, SEEDS, SEED_000, tempDir } from '../test/helpers/tmp.ts';
import { median, quantile } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 10);
const USER = { name: 'bench', password: 'bench-pw' };

const { dir, cleanup } = tempDir('lectern-bench-sync-');
const server: CouchServer = await startCouch(join(dir, 'couch'));
const creds = { get: async () => USER.password, has: async () => true, set: async () => {} };
const target = (database: string) => ({ server: server.url, database, user: USER.name, password: USER.password });

async function buildLibrary(file: string): Promise<number> {
  const store = openStore(file);
  const api = createApi({ store });
  const { imported } = await api.importPaths([SEEDS, CORPUS]);
  for (const [i, s] of imported.entries()) {
    if (i % 10 === 0) await api.createAnnotation({ sourceId: s.id, start: 0, end: Math.min(20, s.chars), comment: `c${i}`, tags: [`t${i % 9}`] });
  }
  for (let i = 0; i < 50; i++) await api.createNote({ title: `Note ${i}` });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return imported.length;
}

/** The documents our push would send, built and held in memory (stamping is not timed). */
function documentsOf(store: Store): Record<string, unknown>[] {
  const local = createLocal(store);
  const docs: Record<string, unknown>[] = [];
  store.write(() => {
    for (const lane of ['records', 'sources'] as const) {
      for (const e of store.changes.pending(lane, 1_000_000)) {
        const s = local.stamp(e.docId)!;
        docs.push(couchDoc({ ...s } as Outgoing));
        if (lane === 'sources') {
          const id = e.docId.slice('source:'.length);
          const t = local.stampText(id)!;
          docs.push(couchDoc({ ...t } as Outgoing, { name: TEXT_ATTACHMENT, contentType: 'text/plain; charset=utf-8', data: Buffer.from(store.syncRows.sourceText(id)!, 'utf8') }));
          const o = local.stampOriginal(id);
          const bytes = store.syncRows.originals.bytes(id);
          if (o && bytes) docs.push(couchDoc({ ...o } as Outgoing, { name: ORIGINAL_ATTACHMENT, contentType: 'application/octet-stream', data: bytes }));
        }
      }
    }
  });
  return docs;
}

async function bare(docs: Record<string, unknown>[], database: string): Promise<number> {
  await teamDatabase(server, database, [USER]);
  const auth = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`;
  const t0 = performance.now();
  let batch: Record<string, unknown>[] = [];
  let bytes = 0;
  const flush = async () => {
    const res = await fetch(`${server.url}/${database}/_bulk_docs`, {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ new_edits: false, docs: batch }),
    });
    if (!res.ok) throw new Error(`bare _bulk_docs: ${res.status} ${await res.text()}`);
    await res.text();
    batch = [];
    bytes = 0;
  };
  for (const d of docs) {
    const size = JSON.stringify(d).length;
    if (batch.length > 0 && (bytes + size > REQUEST_BYTES || batch.length >= RECORD_BATCH)) await flush();
    batch.push(d);
    bytes += size;
  }
  if (batch.length) await flush();
  return performance.now() - t0;
}

async function ours(file: string, database: string): Promise<number> {
  await teamDatabase(server, database, [USER]);
  const store = openStore(file);
  try {
    const couch = createCouch(target(database));
    const t0 = performance.now();
    await handshake(store, couch);
    const { more } = await createPusher(store, createLocal(store), couch).push();
    const ms = performance.now() - t0;
    if (more || store.changes.pendingCount() > 0) throw new Error('the push left changes behind');
    return ms;
  } finally {
    store.close();
  }
}

try {
  const base = join(dir, 'base.db');
  const sources = await buildLibrary(base);
  copyFileSync(base, join(dir, 'docs.db'));
  const docStore = openStore(join(dir, 'docs.db'));
  const docs = documentsOf(docStore);
  docStore.close();
  const mb = docs.reduce((n, d) => n + JSON.stringify(d).length, 0) / 1024 / 1024;
  console.log(`library: ${sources} sources; ${docs.length} documents, ${mb.toFixed(1)} MB as JSON`);

  const bareMs: number[] = [];
  const oursMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const copy = join(dir, `round${r}.db`);
    copyFileSync(base, copy);
    if (r % 2 === 0) {
      bareMs.push(await bare(docs, `bare${r}`));
      oursMs.push(await ours(copy, `ours${r}`));
    } else {
      oursMs.push(await ours(copy, `ours${r}`));
      bareMs.push(await bare(docs, `bare${r}`));
    }
    console.log(`round ${r + 1}: bare _bulk_docs ${bareMs[r]!.toFixed(0)} ms, lectern push ${oursMs[r]!.toFixed(0)} ms`);
  }
  const ratio = median(bareMs) / median(oursMs);
  console.log(`initial push: bare ${median(bareMs).toFixed(0)} ms, ours ${median(oursMs).toFixed(0)} ms (medians of ${ROUNDS}); ratio bare/ours ${ratio.toFixed(2)} (goal >= 0.5) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`);

  // 2. latency with continuous sync on both sides
  await teamDatabase(server, 'live', [USER]);
  const [fa, fb] = [join(dir, 'live-a.db'), join(dir, 'live-b.db')];
  const sa = openStore(fa);
  const sb = openStore(fb);
  const apiA = createApi({ store: sa, syncCredentials: creds, continuousSync: true });
  const apiB = createApi({ store: sb, syncCredentials: creds, continuousSync: true });
  const { imported: [src] } = await apiA.importPaths([SEED_000]);
  const ann = await apiA.createAnnotation({ sourceId: src!.id, start: 0, end: 10 });
  for (const api of [apiA, apiB]) await api.setSyncConfig({ server: server.url, database: 'live', user: USER.name, continuous: true });
  const until = Date.now() + 60_000;
  while (!sb.annotations.get(ann.id)) {
    if (Date.now() > until) throw new Error('library b never received the annotation');
    await new Promise((r) => setTimeout(r, 20));
  }
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const comment = `live ${i}`;
    const t0 = performance.now();
    await apiA.updateAnnotation(ann.id, { comment });
    while (sb.annotations.get(ann.id)?.comment !== comment) {
      if (performance.now() - t0 > 30_000) throw new Error(`change ${i} never arrived`);
      await new Promise((r) => setTimeout(r, 5));
    }
    latencies.push(performance.now() - t0);
  }
  console.log(`one changed annotation, saved in a -> visible in b, continuous sync: median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms, p90 ${quantile(latencies, 0.9).toFixed(0)} ms over ${LATENCY_RUNS} (goal <= 2000 ms) ${Math.max(...latencies) <= 2000 ? 'MET' : 'NOT MET'}`);
  await apiA.setSyncConfig(null);
  await apiB.setSyncConfig(null);
  sa.close();
  sb.close();
} finally {
  await server.stop();
  cleanup();
}
