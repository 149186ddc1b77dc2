// The local side of replication, all synchronous SQLite work inside the
// caller's write transaction: a record as its document body, a change turned
// into a revision ("stamping"), and a received body written into the rows.
import type { Store } from '../../db/store.ts';
import type { DocState } from '../../db/changes.ts';
import { parseDocId, relationId, type SyncKind } from '../../db/sync-tables.ts';
import { textSha256, type SyncRecords } from '../../db/sync-rows.ts';
import { parseNoteDoc } from '../../common/note-parse.ts';
import { ORIGINAL_PREFIX, TEXT_PREFIX, fromBody, originalBody, textBody, toBody } from './kinds.ts';
import { canonical, nextRevision } from './revs.ts';
import { createTwins } from './twins.ts';

/** One revision of a document: what replication moves. */
export interface Leaf {
  rev: string;
  revs: string[];
  /** Canonical JSON of the body, without CouchDB's own (_) fields. */
  body: string;
  deleted: boolean;
}

/** The body of a tombstone: a record deleted for good (purged). */
export const TOMBSTONE_BODY = '{}';
/** The body of a tombstone that closes the losing branch of a merged conflict (not a delete). */
export const CLOSED_BODY = '{"merged":true}';


/** `changed`: the rows written differ from the revision received (a record pointed at a merged source): ours goes out. */
export type Applied = { ok: true; changed?: boolean } | { ok: false; reason: string; waiting?: boolean };

export type Local = ReturnType<typeof createLocal>;

export function createLocal(store: Store) {
  const { changes, syncRows: rows } = store;
  const twins = createTwins(store);

  /** The current body of a record (a tombstone when its rows are gone). */
  function currentBody(docId: string): { body: string; deleted: boolean } | null {
    const parsed = parseDocId(docId);
    if (!parsed) return null;
    const record = rows.read(parsed.kind, parsed.id);
    return record ? { body: canonical(toBody(parsed.kind, record)), deleted: false } : { body: TOMBSTONE_BODY, deleted: true };
  }

  /**
   * Makes the record's current state a revision: unchanged when the body is
   * the one already known, else the next revision after it. Null for a record
   * made and purged before it ever synced.
   */
  function stamp(docId: string): DocState | null {
    const known = changes.doc(docId) ?? null;
    const current = currentBody(docId);
    if (!current) return known;
    if (known && known.body === current.body && known.deleted === current.deleted) return known;
    if (!known && current.deleted) return null;
    const next = nextRevision(known, current.body, current.deleted);
    const state: DocState = { docId, rev: next.rev, revs: next.revs, body: current.body, deleted: current.deleted };
    changes.putDoc(state);
    return state;
  }

  /**
   * A document that goes beside a source (its text, its original file): the
   * next revision when its body changed, its tombstone once there is none
   * (the source purged). Null when there is none and never was.
   */
  function stampBeside(docId: string, body: string | null): DocState | null {
    const known = changes.doc(docId) ?? null;
    if (body === null) {
      if (!known || known.deleted) return known;
      const gone = nextRevision(known, TOMBSTONE_BODY, true);
      const state: DocState = { ...known, rev: gone.rev, revs: gone.revs, body: TOMBSTONE_BODY, deleted: true };
      changes.putDoc(state);
      return state;
    }
    if (known && !known.deleted && known.body === body) return known;
    const next = nextRevision(known, body, false);
    const state: DocState = { docId, rev: next.rev, revs: next.revs, body, deleted: false };
    changes.putDoc(state);
    return state;
  }

  /** The text document of a source: a new revision when the text changed (a file reopened with another encoding). */
  function stampText(sourceId: string): DocState | null {
    const record = rows.read('source', sourceId);
    return stampBeside(`${TEXT_PREFIX}${sourceId}`, record ? canonical(textBody(sourceId, record.textSha256, record.chars)) : null);
  }

  /** The original file's document of a source; none for a source imported before originals were kept. */
  function stampOriginal(sourceId: string): DocState | null {
    const meta = rows.originals.meta(sourceId);
    const source = meta && rows.read('source', sourceId);
    return stampBeside(`${ORIGINAL_PREFIX}${sourceId}`, meta && source ? canonical(originalBody({
      sourceId, format: meta.format, codec: meta.codec, size: meta.size, sha256: source.sha256, pages: rows.originals.pages(sourceId),
    })) : null);
  }

  /** Notes must fit the note schema, as on every save. */
  const noteProblem = (doc: unknown): string | null => {
    try {
      parseNoteDoc(doc);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  /**
   * Writes a received revision into the rows. A record that needs another not
   * here yet (an annotation before its source or tag, a source before its
   * text) is not written and says what it waits for.
   */
  function apply(docId: string, leaf: Leaf, texts: ReadonlyMap<string, string>): Applied {
    const parsed = parseDocId(docId)!;
    const { kind, id } = parsed;
    if (leaf.deleted) return purge(kind, id);
    const result = fromBody(kind, JSON.parse(leaf.body) as Record<string, unknown>);
    if (!result.ok) return { ok: false, reason: `${docId} was not taken: ${result.reason}` };
    if (result.record.id !== id) return { ok: false, reason: `${docId} names another record (${result.record.id})` };
    return write[kind](result.record as never, texts);
  }

  function purge(kind: SyncKind, id: string): Applied {
    if (kind === 'tag' && rows.tagInUse(id)) {
      // still used here: it stays, and goes out again (its tombstone's child)
      changes.enqueue(`tag:${id}`);
      return { ok: true };
    }
    rows.purge(kind, id);
    return { ok: true };
  }

  const write: { [K in SyncKind]: (record: SyncRecords[K], texts: ReadonlyMap<string, string>) => Applied } = {
    source(record, texts) {
      let text: string | undefined;
      const here = rows.sourceText(record.id);
      if (here === undefined || textSha256(here) !== record.textSha256) {
        text = texts.get(record.id);
        if (text === undefined || textSha256(text) !== record.textSha256) {
          return { ok: false, reason: `source ${record.id}: its ${here === undefined ? '' : 'new '}text has not arrived yet`, waiting: true };
        }
      }
      const twin = record.deletedAt === null ? rows.liveTwin(record.sha256, record.id) : undefined;
      if (twin) return twins.meet(record, twin, text);
      rows.writeSource(record, text);
      return { ok: true };
    },
    tag(record) {
      const other = rows.tagNamed(record.name, record.id);
      if (other !== undefined) {
        // Two machines made the same tag: every machine keeps the one with the smaller id.
        if (record.id > other) return { ok: true };
        rows.writeTag({ ...record, name: `${record.name}\u0000${record.id}` });
        rows.retag(other, record.id);
      }
      rows.writeTag(record);
      return { ok: true };
    },
    annotation(received) {
      const { record, changed } = twins.redirect.annotation(received);
      if (!rows.sourceExists(record.sourceId)) return { ok: false, reason: `annotation ${record.id}: its source ${record.sourceId} has not arrived yet`, waiting: true };
      const missing = record.tags.find((t) => !rows.tagExists(t));
      if (missing) return { ok: false, reason: `annotation ${record.id}: its tag ${missing} has not arrived yet`, waiting: true };
      rows.writeAnnotation(record);
      return { ok: true, changed };
    },
    note(received) {
      const { record, changed } = twins.redirect.note(received);
      const problem = noteProblem(record.doc);
      if (problem) return { ok: false, reason: `note ${record.id} ("${record.title}"): ${problem}` };
      rows.writeNote(record);
      return { ok: true, changed };
    },
    collection(received) {
      const redirected = twins.redirect.collection(received);
      let record = redirected.record;
      const missing = record.sources.find((id) => !rows.sourceExists(id) && !rows.wasPurged(id));
      if (missing) return { ok: false, reason: `collection ${record.id} ("${record.name}"): its source ${missing} has not arrived yet`, waiting: true };
      const other = record.deletedAt === null ? rows.collectionNamed(record.name, record.id) : undefined;
      if (other !== undefined) {
        // Two machines made a collection of one name: the one with the larger id is renamed, on every machine alike.
        if (record.id > other) record = { ...record, name: `${record.name} (2)` };
        else rows.renameCollection(other, `${rows.read('collection', other)!.name} (2)`);
      }
      rows.writeCollection({ ...record, sources: record.sources.filter((id) => rows.sourceExists(id)) });
      return { ok: true, changed: redirected.changed };
    },
    relation(record) {
      // a relation of a source merged into its twin went with it (its tombstone goes out from here)
      if (twins.namesMerged(record.a, record.b)) return { ok: true, changed: true };
      const missing = [record.a, record.b].find((id) => !rows.sourceExists(id));
      if (missing) {
        // a relation to a source purged here goes with it
        if (rows.wasPurged(missing)) return { ok: true };
        return { ok: false, reason: `relation ${record.id}: its source ${missing} has not arrived yet`, waiting: true };
      }
      if (relationId(record.a, record.b) !== record.id) return { ok: false, reason: `relation ${record.id} names other sources (${record.a}, ${record.b})` };
      rows.writeRelation(record);
      return { ok: true };
    },
  };

  return { currentBody, stamp, stampText, stampOriginal, apply };
}
