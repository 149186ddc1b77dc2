// Pull, second step: the original files of sources that arrived (or whose
// original changed on the server), fetched after the batch that brought the
// sources, so the sources are in the library first and a big original holds
// back nothing. Each original is checked before it is stored: its bytes
// decompress to its declared size and their sha256 is the source's `sha256`
// (the original file's hash); one that fails, or is over MAX_ORIGINAL_BYTES,
// is refused by name and the source stays without it.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Store } from '../../db/store.ts';
import type { SourceRecord } from '../../db/sync-rows.ts';
import { MAX_ORIGINAL_BYTES, SyncError, mb, type Couch } from './couch.ts';
import { ORIGINAL_ATTACHMENT, ORIGINAL_PREFIX, originalBody, parseOriginalBody, type OriginalBody } from './kinds.ts';
import { canonical } from './revs.ts';

/** Originals stored up to this size come inline in a _bulk_get of originals only; bigger ones on their own. */
const INLINE_ORIGINAL_BYTES = 1024 * 1024;
const BATCH = 100;

type CouchDoc = Record<string, unknown> & { _id: string; _rev: string; _revisions?: { start: number; ids: string[] }; _deleted?: boolean };
type BulkGet = (wanted: { id: string; rev?: string }[], attachments: boolean, refused: Map<string, string>) => Promise<CouchDoc[]>;

interface Stub { length?: unknown; data?: unknown }
const attachmentOf = (doc: CouchDoc): Stub | undefined => (doc._attachments as Record<string, Stub> | undefined)?.[ORIGINAL_ATTACHMENT];

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Why a received original is not the file of this source, or null when it is. */
export function originalProblem(body: OriginalBody, stored: Uint8Array, source: Pick<SourceRecord, 'sha256' | 'chars'>): string | null {
  if (body.sha256 !== source.sha256) return 'it names another file (its sha256 is not the source\'s)';
  let file: Uint8Array = stored;
  if (body.codec === 'gzip') {
    try {
      file = gunzipSync(stored, { maxOutputLength: body.size });
    } catch {
      return `it does not decompress to its ${body.size} bytes`;
    }
  }
  if (file.byteLength !== body.size) return `it is ${file.byteLength} bytes, not the ${body.size} it declares`;
  if (sha256(file) !== source.sha256) return 'its sha256 does not match the source\'s';
  const badPage = body.pages.find((p, i) => p.start > source.chars || (i > 0 && p.page <= body.pages[i - 1]!.page));
  if (badPage) return `its page map is not of this text (page ${badPage.page})`;
  return null;
}

const sizeText = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : mb(bytes));

export function createOriginalFetcher(store: Store, couch: Couch, bulkGet: BulkGet, maxBytes = MAX_ORIGINAL_BYTES) {
  const { changes, syncRows } = store;
  const { originals } = syncRows;
  const sourceOf = (docId: string) => docId.slice(ORIGINAL_PREFIX.length);

  /** The stored bytes of each original, inline for small ones, one by one for big ones. */
  async function fetchBytes(docs: CouchDoc[], refused: Map<string, string>): Promise<Map<string, Uint8Array>> {
    const bytes = new Map<string, Uint8Array>();
    const size = (d: CouchDoc) => Number(attachmentOf(d)?.length);
    let batch: CouchDoc[] = [];
    let total = 0;
    const flush = async () => {
      for (const doc of await bulkGet(batch.map((d) => ({ id: d._id, rev: d._rev })), true, refused)) {
        const data = attachmentOf(doc)?.data;
        if (typeof data === 'string') bytes.set(doc._id, Buffer.from(data, 'base64'));
      }
      batch = [];
      total = 0;
    };
    for (const doc of docs.filter((d) => size(d) <= INLINE_ORIGINAL_BYTES)) {
      if (batch.length > 0 && total + size(doc) > 8 * INLINE_ORIGINAL_BYTES) await flush();
      batch.push(doc);
      total += size(doc);
    }
    if (batch.length > 0) await flush();
    for (const doc of docs.filter((d) => size(d) > INLINE_ORIGINAL_BYTES)) {
      try {
        const got = await couch.bytes({ path: `${encodeURIComponent(doc._id)}/${ORIGINAL_ATTACHMENT}`, query: { rev: doc._rev }, maxBytes });
        if (got) bytes.set(doc._id, got);
      } catch (err) {
        if (!(err instanceof SyncError) || err.code !== 'sync-too-large') throw err;
        refused.set(doc._id, err.message);
      }
    }
    return bytes;
  }

  /** Fetches and stores every wanted original; returns how many were refused. */
  async function fetchWanted(): Promise<number> {
    let refusedCount = 0;
    for (;;) {
      const ids = originals.wanted(BATCH);
      if (ids.length === 0) return refusedCount;
      const refused = new Map<string, string>();
      const docs = new Map((await bulkGet(ids.map((id) => ({ id: `${ORIGINAL_PREFIX}${id}` })), false, refused)).map((d) => [d._id, d]));
      const nameOf = (id: string) => {
        const source = syncRows.read('source', id);
        return source ? `"${source.title}" (${source.originalName}, ${id})` : id;
      };
      const taken: { doc: CouchDoc; body: OriginalBody }[] = [];
      for (const id of ids) {
        const doc = docs.get(`${ORIGINAL_PREFIX}${id}`);
        if (!doc || doc._deleted) continue; // none on the server (imported before originals were kept, or not pushed yet)
        const parsed = parseOriginalBody(doc);
        const length = Number(attachmentOf(doc)?.length);
        if (!parsed.ok) refused.set(doc._id, `the original file of source ${nameOf(id)} was not taken: ${parsed.reason}`);
        else if (parsed.body.sourceId !== id) refused.set(doc._id, `the original file of source ${nameOf(id)} names another source (${parsed.body.sourceId})`);
        else if (!Number.isFinite(length)) refused.set(doc._id, `the original file of source ${nameOf(id)} came without its bytes`);
        else if (length > maxBytes) refused.set(doc._id, `the original file of source ${nameOf(id)} is ${sizeText(length)}, over the ${sizeText(maxBytes)} Lectern takes: the source is kept without it`);
        else taken.push({ doc, body: parsed.body });
      }
      const bytes = await fetchBytes(taken.map((t) => t.doc), refused);
      store.write(() => {
        for (const { doc, body } of taken) {
          const id = sourceOf(doc._id);
          const stored = bytes.get(doc._id);
          const source = syncRows.read('source', id);
          if (refused.has(doc._id) || !source) continue;
          if (!stored) {
            refused.set(doc._id, `the original file of source ${nameOf(id)} came without its bytes`);
            continue;
          }
          const problem = originalProblem(body, stored, source);
          if (problem) {
            refused.set(doc._id, `the original file of source ${nameOf(id)} arrived damaged: ${problem}; the source is kept without it`);
            continue;
          }
          originals.write(id, { format: body.format, codec: body.codec, size: body.size }, stored, body.pages);
          const revs = doc._revisions?.ids.map(String) ?? [doc._rev.slice(doc._rev.indexOf('-') + 1)];
          changes.putDoc({ docId: doc._id, rev: doc._rev, revs, body: canonical(originalBody({ ...body })), deleted: false });
        }
        for (const [docId, reason] of refused) changes.notice(docId, 'refused', reason);
        for (const id of ids) originals.unwant(id);
      });
      refusedCount += refused.size;
    }
  }

  return { fetchWanted };
}
