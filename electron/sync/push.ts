// Push: this library's changes to the server, the way CouchDB's replicator
// does it: the revisions it may lack go to _revs_diff, the missing ones to
// _bulk_docs with new_edits=false and their history. An outbox entry is
// forgotten only after the server took its revision, and revisions are
// deterministic, so a push cut off anywhere (a kill, a lost connection) is
// simply done again and nothing is sent twice into the history.
//
// Records go first, in batches of at most RECORD_BATCH documents and about
// REQUEST_BYTES; sources after, each after its text document and before its
// original file's, within a byte budget per round, so a big import never
// holds back an annotation.
import type { Store } from '../../db/store.ts';
import type { DocState, OutboxEntry, StoredRevision } from '../../db/changes.ts';
import { SyncError, type Couch } from './couch.ts';
import { ORIGINAL_ATTACHMENT, ORIGINAL_PREFIX, TEXT_ATTACHMENT, TEXT_PREFIX } from './kinds.ts';
import type { Local } from './local.ts';
import { generation } from './revs.ts';
import { remoteKeyOf } from './handshake.ts';
import { rememberWitnesses } from './restore.ts';

export const RECORD_BATCH = 500;
export const REQUEST_BYTES = 8 * 1024 * 1024;

export interface Outgoing { docId: string; rev: string; revs: string[]; body: string; deleted: boolean }

interface BulkError { id?: string; error?: string; reason?: string }

export interface PushProgress { sent: number; pending: number }

const toOutgoing = (d: DocState | StoredRevision, deleted: boolean): Outgoing =>
  ({ docId: d.docId, rev: d.rev, revs: d.revs, body: d.body, deleted });

/** A document's one attachment, as sent. */
export interface Attachment { name: string; contentType: string; data: Uint8Array }

/** A revision as CouchDB's _bulk_docs with new_edits=false takes it. */
export function couchDoc(o: Outgoing, attachment?: Attachment): Record<string, unknown> {
  return {
    ...(JSON.parse(o.body) as Record<string, unknown>),
    _id: o.docId,
    _rev: o.rev,
    _revisions: { start: generation(o.rev), ids: o.revs },
    ...(o.deleted ? { _deleted: true } : {}),
    ...(attachment !== undefined
      ? { _attachments: { [attachment.name]: { content_type: attachment.contentType, data: Buffer.from(attachment.data).toString('base64') } } }
      : {}),
  };
}

export function createPusher(store: Store, local: Local, couch: Couch) {
  const { changes, syncRows } = store;
  const remoteKey = remoteKeyOf(couch.target.server, couch.target.database);

  /** Which of these revisions the server lacks. */
  async function missing(revisions: readonly Outgoing[]): Promise<Set<string>> {
    if (revisions.length === 0) return new Set();
    const ask: Record<string, string[]> = {};
    for (const r of revisions) (ask[r.docId] ??= []).push(r.rev);
    const answer = await couch.json<Record<string, { missing?: string[] }>>({ method: 'POST', path: '_revs_diff', body: ask });
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new SyncError('sync-bad-answer', `The sync server ${couch.target.server} answered _revs_diff with ${JSON.stringify(answer).slice(0, 80)}`);
    }
    const out = new Set<string>();
    for (const [id, entry] of Object.entries(answer)) for (const rev of entry?.missing ?? []) out.add(`${id}\n${rev}`);
    return out;
  }

  async function bulkDocs(docs: Record<string, unknown>[]): Promise<void> {
    if (docs.length === 0) return;
    const answer = await couch.json<BulkError[]>({ method: 'POST', path: '_bulk_docs', body: { new_edits: false, docs } });
    const errors = Array.isArray(answer) ? answer.filter((e) => e && e.error) : [];
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new SyncError(first.error === 'forbidden' || first.error === 'unauthorized' ? 'sync-forbidden' : 'sync-refused',
        `The sync server refused ${errors.length} document(s), the first ${first.id ?? '?'}: ${first.error}${first.reason ? ` (${first.reason})` : ''}`);
    }
  }

  /** Sends revisions in requests of about REQUEST_BYTES. */
  async function send(revisions: readonly Outgoing[], attachmentOf?: (o: Outgoing) => Attachment | undefined): Promise<void> {
    let docs: Record<string, unknown>[] = [];
    let bytes = 0;
    for (const r of revisions) {
      const attachment = attachmentOf?.(r);
      const doc = couchDoc(r, attachment);
      const size = r.body.length + (attachment === undefined ? 0 : attachment.data.byteLength * 1.34) + 200;
      if (docs.length > 0 && (bytes + size > REQUEST_BYTES || docs.length >= RECORD_BATCH)) {
        await bulkDocs(docs);
        docs = [];
        bytes = 0;
      }
      docs.push(doc);
      bytes += size;
    }
    await bulkDocs(docs);
  }

  /** One batch of outbox entries: stamped, diffed, sent, forgotten. Returns how many revisions went out. */
  async function pushBatch(entries: OutboxEntry[], withTexts: boolean, textBudget: { bytes: number }): Promise<{ sent: number; deferred: OutboxEntry[] }> {
    /** Revisions made just now cannot be on the server yet, except from a push cut off before it forgot them: sending those again is harmless. */
    const fresh = new Set<string>();
    const stampOne = (docId: string, fn: () => DocState | null): DocState | null => {
      const before = changes.doc(docId)?.rev;
      const state = fn();
      if (state && state.rev !== before) fresh.add(`${docId}\n${state.rev}`);
      return state;
    };
    const sourceOf = (docId: string) => docId.slice(docId.indexOf(':') + 1);
    const stamped = store.write(() => entries.map((e) => ({
      entry: e,
      state: stampOne(e.docId, () => local.stamp(e.docId)),
      text: withTexts ? stampOne(`${TEXT_PREFIX}${sourceOf(e.docId)}`, () => local.stampText(sourceOf(e.docId))) : null,
      original: withTexts ? stampOne(`${ORIGINAL_PREFIX}${sourceOf(e.docId)}`, () => local.stampOriginal(sourceOf(e.docId))) : null,
    })));
    const out = (d: DocState | null) => (d ? [toOutgoing(d, d.deleted)] : []);
    const records = stamped.flatMap((s) => out(s.state));
    const besides = stamped.flatMap((s) => [...out(s.text), ...out(s.original)]);
    const closing = entries.flatMap((e) => changes.sendsOf(e.docId).map((r) => toOutgoing(r, true)));
    const key = (o: Outgoing) => `${o.docId}\n${o.rev}`;
    const lacking = await missing([...records, ...besides, ...closing].filter((o) => !fresh.has(key(o))));
    const lacks = (o: Outgoing) => fresh.has(key(o)) || lacking.has(key(o));

    // a source's text and original within the budget; a source whose text or original did not go yet waits for the next round
    const deferred = new Set<string>();
    const texts: Outgoing[] = [];
    const originals: Outgoing[] = [];
    for (const s of stamped) {
      const text = out(s.text).filter(lacks);
      const original = out(s.original).filter(lacks);
      if (text.length + original.length === 0) continue;
      if (textBudget.bytes <= 0) {
        deferred.add(s.entry.docId);
        continue;
      }
      const id = sourceOf(s.entry.docId);
      textBudget.bytes -= (text.length > 0 ? syncRows.read('source', id)?.chars ?? 0 : 0)
        + (original.length > 0 ? syncRows.originals.meta(id)?.stored ?? 0 : 0);
      texts.push(...text);
      originals.push(...original);
    }
    await send(texts, (o) => {
      const text = o.deleted ? undefined : syncRows.sourceText(sourceOf(o.docId));
      return text === undefined ? undefined : { name: TEXT_ATTACHMENT, contentType: 'text/plain; charset=utf-8', data: Buffer.from(text, 'utf8') };
    });
    const toSend = [...records, ...closing].filter((o) => lacks(o) && !deferred.has(o.docId));
    await send(toSend);
    // originals after their sources: a peer that finds one fetches it for a source it has
    await send(originals, (o) => {
      const bytes = o.deleted ? undefined : syncRows.originals.bytes(sourceOf(o.docId));
      return bytes === undefined ? undefined : { name: ORIGINAL_ATTACHMENT, contentType: 'application/octet-stream', data: bytes };
    });
    const done = entries.filter((e) => !deferred.has(e.docId));
    // the last revisions sent: if the server ever lacks them, it was restored from an older backup
    rememberWitnesses(store, remoteKey, [...texts, ...toSend, ...originals].filter((o) => !o.deleted).slice(-8));
    changes.sent(done);
    changes.sendsDone(entries.filter((e) => !deferred.has(e.docId)).flatMap((e) => changes.sendsOf(e.docId)));
    return { sent: texts.length + toSend.length + originals.length, deferred: entries.filter((e) => deferred.has(e.docId)) };
  }

  /** Closing tombstones of merged conflicts whose documents are not in the outbox. */
  async function pushSends(): Promise<number> {
    const sends = changes.allSends(RECORD_BATCH).filter((r) => changes.outboxSeq(r.docId) === undefined);
    const out = sends.map((r) => toOutgoing(r, true));
    const lacking = await missing(out);
    await send(out.filter((o) => lacking.has(`${o.docId}\n${o.rev}`)));
    changes.sendsDone(sends);
    return out.length;
  }

  /**
   * Pushes what is pending: every record, then sources and their texts until
   * `textBudgetBytes` of text went out (the rest waits for the next round).
   * Returns how many revisions were sent and whether anything still waits.
   */
  async function push(textBudgetBytes = Infinity, onProgress?: (p: PushProgress) => void): Promise<{ sent: number; more: boolean }> {
    let sent = 0;
    const report = () => onProgress?.({ sent, pending: changes.pendingCount() });
    const budget = { bytes: textBudgetBytes };
    for (const lane of ['records', 'sources'] as const) {
      let after = 0;
      for (;;) {
        const entries = changes.pending(lane, RECORD_BATCH, after);
        if (entries.length === 0) break;
        after = entries[entries.length - 1]!.seq;
        const r = await pushBatch(entries, lane === 'sources', budget);
        sent += r.sent;
        report();
        if (r.deferred.length > 0) return { sent, more: true };
      }
    }
    sent += await pushSends();
    return { sent, more: changes.pendingCount() > 0 };
  }

  return { push };
}

