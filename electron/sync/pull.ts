// Pull: the server's changes into this library, checkpointed. Each batch of
// _changes is fetched (the revisions we lack, through _bulk_get with their
// history; the texts of new sources), then applied in one write transaction
// together with the checkpoint, so a pull cut off anywhere resumes from the
// last batch it applied and applies nothing twice. A document that cannot be
// applied yet (an annotation before its source) is parked and retried; one
// that cannot be taken at all (too large, not valid) is refused and named.
import type { Store } from '../../db/store.ts';
import { parseDocId, APPLY_ORDER, type SyncKind } from '../../db/sync-tables.ts';
import { MAX_JSON_BYTES, SyncError, mb, type Couch } from './couch.ts';
import { ORIGINAL_PREFIX, TEXT_ATTACHMENT, TEXT_PREFIX } from './kinds.ts';
import { createOriginalFetcher } from './originals.ts';
import type { Leaf, Local } from './local.ts';
import { textSha256 } from '../../db/sync-rows.ts';
import { createResolver, type Outcome } from './resolve.ts';
import { canonical, descends } from './revs.ts';
import { indexForVersions } from '../versions/detect.ts';
import { checkpointKey as checkpointKeyOf, rememberWitnesses } from './restore.ts';

export const PULL_BATCH = 500;
/** The largest record document taken (CouchDB's own default max_document_size). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** Texts up to this many characters come inline in a _bulk_get batch; longer ones on their own. */
const INLINE_TEXT_CHARS = 2_000_000;

interface ChangeRow { id: string; seq: unknown; changes: { rev: string }[]; deleted?: boolean }
interface ChangesAnswer { results: ChangeRow[]; last_seq: unknown }
type CouchDoc = Record<string, unknown> & { _id: string; _rev: string; _revisions?: { start: number; ids: string[] }; _deleted?: boolean };
interface BulkGetAnswer { results: { id: string; docs: ({ ok: CouchDoc } | { error: { id?: string; rev?: string; error?: string; reason?: string } })[] }[] }

export interface PullCounts { applied: number; merged: number; conflicts: number; parked: number; refused: number; received: number }

const isRev = (v: unknown): v is string => typeof v === 'string' && /^\d+-[0-9a-f]{1,64}$/i.test(v);

function validChanges(answer: unknown, server: string): ChangesAnswer {
  const a = answer as Partial<ChangesAnswer> | null;
  if (!a || !Array.isArray(a.results) || a.last_seq === undefined) {
    throw new SyncError('sync-bad-answer', `The sync server ${server} answered _changes without results and last_seq: it does not look like CouchDB`);
  }
  for (const r of a.results) {
    if (!r || typeof r.id !== 'string' || !Array.isArray(r.changes) || !r.changes.every((c) => c && isRev(c.rev))) {
      throw new SyncError('sync-bad-answer', `The sync server ${server} answered _changes with a malformed entry (${JSON.stringify(r).slice(0, 100)})`);
    }
  }
  return a as ChangesAnswer;
}

/** A fetched revision as a leaf, or why it is refused. */
function toLeaf(doc: CouchDoc, bytes: number): Leaf | string {
  if (bytes > MAX_RECORD_BYTES) return `${doc._id} is ${mb(bytes)}, over the ${mb(MAX_RECORD_BYTES)} a record may be`;
  const revisions = doc._revisions;
  if (!isRev(doc._rev) || !revisions || !Array.isArray(revisions.ids) || typeof revisions.start !== 'number') {
    return `${doc._id}: the server sent it without its revision history`;
  }
  const body = Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));
  return { rev: doc._rev, revs: revisions.ids.map(String), body: canonical(body), deleted: doc._deleted === true };
}

export function createPuller(store: Store, local: Local, couch: Couch, remoteKey: string, limits: { maxOriginalBytes?: number } = {}) {
  const { changes, syncRows } = store;
  const resolver = createResolver(store, local);
  const checkpointKey = checkpointKeyOf(remoteKey);
  const server = couch.target.server;

  /** Fetches revisions; a batch whose answer is too large is split until one document is left, which is refused. */
  async function bulkGet(wanted: { id: string; rev?: string }[], attachments: boolean, refused: Map<string, string>): Promise<CouchDoc[]> {
    if (wanted.length === 0) return [];
    let answer: BulkGetAnswer;
    try {
      answer = await couch.json<BulkGetAnswer>({ method: 'POST', path: '_bulk_get', query: { revs: true, attachments }, body: { docs: wanted } });
    } catch (err) {
      if (!(err instanceof SyncError) || err.code !== 'sync-too-large') throw err;
      if (wanted.length === 1) {
        refused.set(wanted[0]!.id, `${wanted[0]!.id} is over the ${mb(MAX_JSON_BYTES)} Lectern reads in one answer`);
        return [];
      }
      const half = Math.ceil(wanted.length / 2);
      return [...await bulkGet(wanted.slice(0, half), attachments, refused), ...await bulkGet(wanted.slice(half), attachments, refused)];
    }
    if (!answer || !Array.isArray(answer.results)) {
      throw new SyncError('sync-bad-answer', `The sync server ${server} answered _bulk_get without results`);
    }
    const docs: CouchDoc[] = [];
    for (const r of answer.results) {
      for (const d of r?.docs ?? []) {
        if (d && 'ok' in d && d.ok && typeof d.ok._id === 'string') docs.push(d.ok);
      }
    }
    return docs;
  }

  /** The texts of sources this library does not have yet, checked against their sha256. */
  async function fetchTexts(sources: { id: string; chars: number }[], refused: Map<string, string>): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    const take = (sourceId: string, textDoc: CouchDoc | null, text: string | null) => {
      if (!textDoc || text === null) return;
      if (textDoc.textSha256 !== textSha256(text)) {
        refused.set(`source:${sourceId}`, `the text of source ${sourceId} arrived damaged (its sha256 does not match)`);
        return;
      }
      texts.set(sourceId, text);
    };
    const small = sources.filter((s) => s.chars <= INLINE_TEXT_CHARS);
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      const docs = await bulkGet(batch.map((id) => ({ id: `${TEXT_PREFIX}${id}` })), true, refused);
      for (const doc of docs) {
        const att = (doc._attachments as Record<string, { data?: string }> | undefined)?.[TEXT_ATTACHMENT];
        take(String(doc._id).slice(TEXT_PREFIX.length), doc, typeof att?.data === 'string' ? Buffer.from(att.data, 'base64').toString('utf8') : null);
      }
      batch = [];
      chars = 0;
    };
    for (const s of small) {
      if (batch.length > 0 && (chars + s.chars > INLINE_TEXT_CHARS || batch.length >= 200)) await flush();
      batch.push(s.id);
      chars += s.chars;
    }
    if (batch.length > 0) await flush();
    for (const s of sources.filter((x) => x.chars > INLINE_TEXT_CHARS)) {
      const [doc] = await bulkGet([{ id: `${TEXT_PREFIX}${s.id}` }], false, refused);
      const bytes = doc ? await couch.bytes({ path: `${encodeURIComponent(`${TEXT_PREFIX}${s.id}`)}/${TEXT_ATTACHMENT}` }) : null;
      take(s.id, doc ?? null, bytes ? bytes.toString('utf8') : null);
    }
    return texts;
  }

  const originalFetcher = createOriginalFetcher(store, couch, bulkGet, limits.maxOriginalBytes);

  /** Whether this library already has (or holds, or parked) that revision. */
  function known(docId: string, rev: string): boolean {
    const state = changes.doc(docId);
    if (state && descends(state, rev)) return true;
    return changes.conflictsOf(docId).some((c) => c.rev === rev);
  }

  /** Applies one batch of changes (and retries parked documents) in one transaction with the checkpoint. */
  async function applyBatch(rows: ChangeRow[], lastSeq: unknown, counts: PullCounts): Promise<void> {
    const refused = new Map<string, string>();
    const records = rows.filter((r) => parseDocId(r.id) !== null);
    const wanted = records.flatMap((r) => r.changes.filter((c) => !known(r.id, c.rev)).map((c) => ({ id: r.id, rev: c.rev })));
    const received = new Map<string, Map<string, Leaf>>();
    const add = (docId: string, leaf: Leaf) => {
      if (!received.has(docId)) received.set(docId, new Map());
      received.get(docId)!.set(leaf.rev, leaf);
    };
    for (const doc of await bulkGet(wanted, false, refused)) {
      const leaf = toLeaf(doc, Buffer.byteLength(JSON.stringify(doc)));
      if (typeof leaf === 'string') refused.set(doc._id, leaf);
      else add(doc._id, leaf);
    }
    // parked documents go again: what they waited for may be in this batch (applied first, see APPLY_ORDER)
    const parked = changes.parked(PULL_BATCH);
    for (const p of parked) if (!received.get(p.docId)?.has(p.rev)) add(p.docId, { rev: p.rev, revs: p.revs, body: p.body, deleted: false });

    // texts of sources new here, or whose text changed (reopened with another encoding there)
    const newSources: { id: string; chars: number }[] = [];
    for (const [docId, leaves] of received) {
      const parsed = parseDocId(docId);
      if (parsed?.kind !== 'source') continue;
      const here = syncRows.sourceText(parsed.id);
      for (const leaf of leaves.values()) {
        if (leaf.deleted) continue;
        const body = JSON.parse(leaf.body) as { chars?: unknown; textSha256?: unknown };
        if (here !== undefined && body.textSha256 === textSha256(here)) break;
        const chars = Number(body.chars);
        if (Number.isFinite(chars)) newSources.push({ id: parsed.id, chars });
        break;
      }
    }
    const texts = await fetchTexts(newSources, refused);

    const leavesOf = new Map(records.map((r) => [r.id, r.changes.map((c) => c.rev)]));
    for (const p of parked) if (!leavesOf.has(p.docId)) leavesOf.set(p.docId, [p.rev]);
    const order = [...leavesOf.keys()].sort((a, b) => APPLY_ORDER[parseDocId(a)!.kind as SyncKind] - APPLY_ORDER[parseDocId(b)!.kind as SyncKind]);
    const count = (o: Outcome) => {
      if (o === 'applied') counts.applied++;
      else if (o === 'merged') counts.merged++;
      else if (o === 'conflict') counts.conflicts++;
      else if (o === 'parked') counts.parked++;
      else if (o === 'refused') counts.refused++;
    };
    syncRows.resetIndexQueue();
    store.write(() => {
      for (const docId of order) {
        if (refused.has(docId)) continue;
        count(resolver.resolve(docId, leavesOf.get(docId)!, received.get(docId) ?? new Map(), texts));
      }
      for (const [docId, reason] of refused) changes.notice(docId, 'refused', reason);
      counts.refused += refused.size;
      // originals that changed on the server are fetched after this batch (new sources asked for theirs as they were written)
      for (const r of rows.filter((row) => row.id.startsWith(ORIGINAL_PREFIX))) {
        const sourceId = r.id.slice(ORIGINAL_PREFIX.length);
        if (r.deleted) syncRows.originals.unwant(sourceId);
        else if (r.changes.some((c) => !known(r.id, c.rev))) syncRows.originals.want(sourceId);
      }
      syncRows.originals.forgetPurged();
      syncRows.indexNewSources();
      changes.setState(checkpointKey, JSON.stringify(lastSeq));
      // revisions the server holds now: if it ever lacks them, it was restored from an older backup
      rememberWitnesses(store, remoteKey, records.slice(-8).map((r) => ({ docId: r.id, rev: r.changes[0]!.rev })));
    });
    // derived, so outside the batch's transaction: a crash here is mended by `lectern versions --rebuild`
    indexForVersions(store, newSources.map((s) => s.id).filter((id) => syncRows.sourceExists(id)));
    counts.received += records.length;
  }

  /** Pulls every change since the checkpoint, then the original files of the sources it brought. */
  async function pull(onProgress?: (received: number) => void, signal?: AbortSignal): Promise<PullCounts> {
    const counts: PullCounts = { applied: 0, merged: 0, conflicts: 0, parked: 0, refused: 0, received: 0 };
    for (;;) {
      const saved = changes.state(checkpointKey);
      const since = saved === undefined ? 0 : (JSON.parse(saved) as unknown);
      const answer = validChanges(await couch.json({ path: '_changes', query: { style: 'all_docs', since: String(since), limit: PULL_BATCH }, signal }), server);
      if (answer.results.length === 0) {
        if (saved === undefined || JSON.stringify(answer.last_seq) !== saved) changes.setState(checkpointKey, JSON.stringify(answer.last_seq));
        break;
      }
      await applyBatch(answer.results, answer.last_seq, counts);
      onProgress?.(counts.received);
      if (answer.results.length < PULL_BATCH) break;
    }
    counts.refused += await originalFetcher.fetchWanted();
    return counts;
  }

  /** Waits (long polling) until the server has a change after the checkpoint, or the signal aborts. */
  async function waitForChange(signal: AbortSignal, timeoutMs = 25_000): Promise<boolean> {
    const saved = changes.state(checkpointKey);
    const since = saved === undefined ? 0 : (JSON.parse(saved) as unknown);
    const answer = validChanges(await couch.json({
      path: '_changes', query: { feed: 'longpoll', since: String(since), timeout: timeoutMs, limit: 1 }, signal,
    }), server);
    return answer.results.length > 0;
  }

  return { pull, waitForChange };
}
