// Change tracking for sync: the outbox the triggers of migration 0015 fill, and
// what this library knows of each document's revisions. Writes go through the
// store's one writer (the caller's transaction, or IMMEDIATE ones here).
import type { Db, Write } from './write.ts';

export interface OutboxEntry { seq: number; docId: string }

/** A revision as CouchDB's replication needs it: id, its ancestors (hashes, newest first), body. */
export interface DocState {
  docId: string;
  rev: string;
  /** Revision hashes newest first, rev's own first (CouchDB's _revisions.ids). */
  revs: string[];
  body: string;
  deleted: boolean;
}

/** How many earlier bodies a document keeps (to find a conflict's common ancestor). */
export const HISTORY_BODIES = 8;

export interface StoredConflict {
  docId: string;
  rev: string;
  revs: string[];
  body: string;
  baseBody: string | null;
  fields: string[];
  foundAt: string;
}

export interface StoredRevision { docId: string; rev: string; revs: string[]; body: string }
export interface ParkedDoc extends StoredRevision { reason: string; parkedAt: string }
export interface Notice { seq: number; docId: string; kind: string; message: string; at: string }

interface DocRow { doc_id: string; rev: string; revs: string; body: string; deleted: number; history: string }

const toState = (r: DocRow): DocState => ({
  docId: r.doc_id, rev: r.rev, revs: JSON.parse(r.revs) as string[], body: r.body, deleted: r.deleted === 1,
});

export type Changes = ReturnType<typeof createChanges>;

export function createChanges(db: Db, write: Write) {
  const s = {
    pendingRecords: db.prepare("SELECT seq, doc_id AS docId FROM sync_outbox WHERE seq > ? AND doc_id NOT LIKE 'source:%' ORDER BY seq LIMIT ?"),
    pendingSources: db.prepare("SELECT seq, doc_id AS docId FROM sync_outbox WHERE seq > ? AND doc_id LIKE 'source:%' ORDER BY seq LIMIT ?"),
    outboxCount: db.prepare('SELECT count(*) FROM sync_outbox').pluck(),
    lastSeq: db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'), 0)").pluck(),
    outboxSeq: db.prepare('SELECT seq FROM sync_outbox WHERE doc_id = ?').pluck(),
    sent: db.prepare('DELETE FROM sync_outbox WHERE doc_id = ? AND seq = ?'),
    enqueue: db.prepare('DELETE FROM sync_outbox WHERE doc_id = ?'),
    enqueue2: db.prepare('INSERT INTO sync_outbox (doc_id) VALUES (?)'),
    enqueueAll: db.prepare(`INSERT INTO sync_outbox (doc_id) SELECT id FROM (
        SELECT 'source:' || id AS id FROM sources UNION ALL SELECT 'tag:' || id FROM tags
        UNION ALL SELECT 'annotation:' || id FROM annotations UNION ALL SELECT 'note:' || id FROM notes
        UNION ALL SELECT doc_id FROM sync_docs WHERE doc_id NOT LIKE 'text:%' AND doc_id NOT LIKE 'original:%')
      WHERE id NOT IN (SELECT doc_id FROM sync_outbox) GROUP BY id`),
    doc: db.prepare('SELECT * FROM sync_docs WHERE doc_id = ?'),
    putDoc: db.prepare(`INSERT INTO sync_docs (doc_id, rev, revs, body, deleted, history)
      VALUES (@docId, @rev, @revs, @body, @deleted, @history)
      ON CONFLICT(doc_id) DO UPDATE SET rev = excluded.rev, revs = excluded.revs, body = excluded.body,
        deleted = excluded.deleted, history = excluded.history`),
    docCount: db.prepare('SELECT count(*) FROM sync_docs').pluck(),
    conflicts: db.prepare('SELECT * FROM sync_conflicts ORDER BY found_at, doc_id, rev'),
    conflictsOf: db.prepare('SELECT * FROM sync_conflicts WHERE doc_id = ? ORDER BY rev'),
    putConflict: db.prepare(`INSERT OR REPLACE INTO sync_conflicts (doc_id, rev, revs, body, base_body, fields, found_at)
      VALUES (@docId, @rev, @revs, @body, @baseBody, @fields, @foundAt)`),
    dropConflicts: db.prepare('DELETE FROM sync_conflicts WHERE doc_id = ?'),
    conflictCount: db.prepare('SELECT count(DISTINCT doc_id) FROM sync_conflicts').pluck(),
    sends: db.prepare('SELECT doc_id, rev, revs, body FROM sync_sends WHERE doc_id = ?'),
    allSends: db.prepare('SELECT doc_id, rev, revs, body FROM sync_sends ORDER BY doc_id LIMIT ?'),
    putSend: db.prepare('INSERT OR REPLACE INTO sync_sends (doc_id, rev, revs, body) VALUES (@docId, @rev, @revs, @body)'),
    sendDone: db.prepare('DELETE FROM sync_sends WHERE doc_id = ? AND rev = ?'),
    parked: db.prepare('SELECT * FROM sync_parked ORDER BY parked_at, doc_id LIMIT ?'),
    park: db.prepare(`INSERT OR REPLACE INTO sync_parked (doc_id, rev, revs, body, reason, parked_at)
      VALUES (@docId, @rev, @revs, @body, @reason, @parkedAt)`),
    unpark: db.prepare('DELETE FROM sync_parked WHERE doc_id = ?'),
    parkedCount: db.prepare('SELECT count(*) FROM sync_parked').pluck(),
    notice: db.prepare('INSERT INTO sync_notices (doc_id, kind, message, at) VALUES (?, ?, ?, ?)'),
    notices: db.prepare('SELECT seq, doc_id AS docId, kind, message, at FROM sync_notices ORDER BY seq DESC LIMIT ?'),
    getState: db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck(),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    dropState: db.prepare('DELETE FROM sync_state WHERE key = ?'),
    everBound: db.prepare("SELECT 1 FROM sync_state WHERE key LIKE 'bound:%' LIMIT 1").pluck(),
    isEmpty: db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM sources) AND NOT EXISTS (SELECT 1 FROM notes)
      AND NOT EXISTS (SELECT 1 FROM annotations)`).pluck(),
  };

  const toConflict = (r: Record<string, string>): StoredConflict => ({
    docId: r.doc_id!, rev: r.rev!, revs: JSON.parse(r.revs!) as string[], body: r.body!, baseBody: r.base_body ?? null,
    fields: JSON.parse(r.fields!) as string[], foundAt: r.found_at!,
  });
  const toRevision = (r: Record<string, string>): StoredRevision => ({
    docId: r.doc_id!, rev: r.rev!, revs: JSON.parse(r.revs!) as string[], body: r.body!,
  });

  return {
    /**
     * Documents changed and not yet sent, oldest change first, after seq
     * `after`: sources (which carry texts) apart from the rest, so the small
     * documents never wait behind big texts.
     */
    pending: (lane: 'records' | 'sources', limit: number, after = 0): OutboxEntry[] =>
      (lane === 'sources' ? s.pendingSources : s.pendingRecords).all(after, limit) as OutboxEntry[],
    pendingCount: (): number => s.outboxCount.get() as number,
    /** The newest change seq ever recorded: it moves with every write to a synced table, in any process. */
    lastSeq: (): number => s.lastSeq.get() as number,
    /** The seq of a document's unsent change, or undefined. */
    outboxSeq: (docId: string): number | undefined => s.outboxSeq.get(docId) as number | undefined,
    /** The change read at `seq` reached the server: forget it, unless the document changed again since. */
    sent: (entries: readonly OutboxEntry[]): void => write(() => { for (const e of entries) s.sent.run(e.docId, e.seq); }),
    /** Marks a document changed (a merge made here must be sent). */
    enqueue: (docId: string): void => write(() => { s.enqueue.run(docId); s.enqueue2.run(docId); }),
    /** Every record and every document known, to send again (the server lost what it had); texts and originals go with their sources. */
    enqueueAll: (): void => write(() => { s.enqueueAll.run(); }),

    doc: (docId: string): DocState | undefined => {
      const r = s.doc.get(docId) as DocRow | undefined;
      return r && toState(r);
    },
    /** Records a document's revision; the one it replaces joins its history. */
    putDoc: (d: DocState): void => {
      const old = s.doc.get(d.docId) as DocRow | undefined;
      let history = old ? (JSON.parse(old.history) as { rev: string; body: string }[]) : [];
      if (old && old.rev !== d.rev) history = [{ rev: old.rev, body: old.body }, ...history.filter((h) => h.rev !== d.rev)].slice(0, HISTORY_BODIES);
      s.putDoc.run({ docId: d.docId, rev: d.rev, revs: JSON.stringify(d.revs), body: d.body, deleted: d.deleted ? 1 : 0, history: JSON.stringify(history) });
    },
    /** The body of a revision this library held (the current one or one of the few before), or null. */
    bodyAt: (docId: string, rev: string): string | null => {
      const r = s.doc.get(docId) as DocRow | undefined;
      if (!r) return null;
      if (r.rev === rev) return r.body;
      return (JSON.parse(r.history) as { rev: string; body: string }[]).find((h) => h.rev === rev)?.body ?? null;
    },
    docCount: (): number => s.docCount.get() as number,

    conflicts: (): StoredConflict[] => (s.conflicts.all() as Record<string, string>[]).map(toConflict),
    conflictsOf: (docId: string): StoredConflict[] => (s.conflictsOf.all(docId) as Record<string, string>[]).map(toConflict),
    putConflict: (c: StoredConflict): void => {
      s.putConflict.run({ ...c, revs: JSON.stringify(c.revs), fields: JSON.stringify(c.fields) });
    },
    dropConflicts: (docId: string): void => { s.dropConflicts.run(docId); },
    conflictCount: (): number => s.conflictCount.get() as number,

    sendsOf: (docId: string): StoredRevision[] => (s.sends.all(docId) as Record<string, string>[]).map(toRevision),
    allSends: (limit: number): StoredRevision[] => (s.allSends.all(limit) as Record<string, string>[]).map(toRevision),
    putSend: (r: StoredRevision): void => { s.putSend.run({ ...r, revs: JSON.stringify(r.revs) }); },
    sendsDone: (revisions: readonly StoredRevision[]): void => write(() => { for (const r of revisions) s.sendDone.run(r.docId, r.rev); }),

    parked: (limit: number): ParkedDoc[] => (s.parked.all(limit) as Record<string, string>[]).map((r) => ({
      ...toRevision(r), reason: r.reason!, parkedAt: r.parked_at!,
    })),
    park: (p: ParkedDoc): void => { s.park.run({ ...p, revs: JSON.stringify(p.revs) }); },
    unpark: (docId: string): void => { s.unpark.run(docId); },
    parkedCount: (): number => s.parkedCount.get() as number,

    notice: (docId: string, kind: string, message: string): void => { s.notice.run(docId, kind, message, new Date().toISOString()); },
    notices: (limit = 100): Notice[] => s.notices.all(limit) as Notice[],

    state: (key: string): string | undefined => s.getState.get(key) as string | undefined,
    setState: (key: string, value: string): void => write(() => { s.setState.run(key, value); }),
    dropState: (key: string): void => write(() => { s.dropState.run(key); }),
    /** Whether this library was ever bound to a server database. */
    everBound: (): boolean => s.everBound.get() !== undefined,
    /** Whether it holds no source, annotation or note at all (trash included): a fresh machine may join another library. */
    libraryIsEmpty: (): boolean => s.isEmpty.get() === 1,
  };
}
