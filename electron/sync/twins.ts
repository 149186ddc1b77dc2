// The same file (one sha256) imported on two machines before they first
// synced: two sources where a library holds one live source per file. Every
// machine keeps the one with the smaller id and moves the other's
// annotations, collection memberships and notes' citations to it; the other
// is purged (its tombstone syncs). Both machines decide alike from the same
// two ids, and make the same changes to the same records, so their revisions
// agree (revisions are the hash of parent and body) and nothing conflicts.
// A record arriving from another machine that still names the merged-away
// source is pointed at the one kept here, and sent back so pointed.
import type { Store } from '../../db/store.ts';
import { textSha256, type AnnotationRecord, type CollectionRecord, type NoteRecord, type SourceRecord } from '../../db/sync-rows.ts';

export type Met = { ok: true; changed?: boolean } | { ok: false; reason: string; waiting: true };

/** A note's document with its citations of `from` citing `into` instead (the same passage: the texts are equal). */
export function repointCitations(doc: unknown, into: (id: string) => string | undefined): unknown {
  if (Array.isArray(doc)) return doc.map((d) => repointCitations(d, into));
  if (!doc || typeof doc !== 'object') return doc;
  const node = doc as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, repointCitations(v, into)]));
  const attrs = node.attrs as Record<string, unknown> | undefined;
  if (node.type === 'citation' && attrs && typeof attrs.sourceId === 'string') {
    const to = into(attrs.sourceId);
    if (to !== undefined) out.attrs = { ...(out.attrs as Record<string, unknown>), sourceId: to };
  }
  return out;
}

/** The sources a note's document cites, read in place (nothing copied): citations are nodes, so only `content` is walked. */
export function citedSources(doc: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) {
    for (const d of doc) citedSources(d, out);
    return out;
  }
  if (!doc || typeof doc !== 'object') return out;
  const node = doc as { type?: unknown; attrs?: { sourceId?: unknown } | null; content?: unknown };
  if (node.type === 'citation' && typeof node.attrs?.sourceId === 'string') out.add(node.attrs.sourceId);
  if (node.content !== undefined) citedSources(node.content, out);
  return out;
}

export function createTwins(store: Store) {
  const { changes, syncRows: rows } = store;
  const { twins } = rows;

  /** Moves everything of `from` to `into` and purges `from`. */
  function mergeInto(from: string, into: string): void {
    twins.moveRecords(from, into);
    twins.record(from, into);
    for (const noteId of twins.notesCiting(from)) {
      const note = rows.read('note', noteId)!;
      rows.writeNote({ ...note, doc: repointCitations(note.doc, (id) => (id === from ? into : undefined)) });
    }
    rows.purge('source', from);
  }

  /**
   * A source arrived that is the same file as `twin`, a live source here.
   * `text` is the arriving source's text, when fetched.
   */
  function meet(record: SourceRecord, twin: string, text: string | undefined): Met {
    const twinText = rows.sourceText(twin)!;
    const here = rows.read('source', twin)!;
    if (textSha256(twinText) !== record.textSha256) {
      return {
        ok: false, waiting: true,
        reason: `source ${record.id} ("${record.title}") is the same file as source ${twin} here (imported on both machines), read as ${record.encoding} there and ${here.encoding} here: `
          + `reopen one with the other's encoding and they become one`,
      };
    }
    const [kept, gone] = twin < record.id ? [twin, record.id] : [record.id, twin];
    if (kept === twin) {
      twins.record(gone, kept);
    } else {
      twins.trash(twin);
      rows.writeSource(record, text ?? twinText);
      mergeInto(twin, record.id);
    }
    changes.notice(`source:${gone}`, 'merged-twin', `"${here.title}" was imported on two machines (sources ${gone} and ${kept}): `
      + `they are one now, ${kept}, with the annotations, collections and citations of both`);
    // the one not kept: a tombstone here (its document knows the arriving revision)
    return { ok: true, changed: kept === twin };
  }

  const into = (id: string) => twins.into(id);

  /** A record from another machine pointed at the sources kept here; `changed` when it named a merged-away one. */
  const redirect = {
    annotation(r: AnnotationRecord): { record: AnnotationRecord; changed: boolean } {
      const to = into(r.sourceId);
      return to === undefined ? { record: r, changed: false } : { record: { ...r, sourceId: to }, changed: true };
    },
    collection(r: CollectionRecord): { record: CollectionRecord; changed: boolean } {
      if (!r.sources.some((id) => into(id) !== undefined)) return { record: r, changed: false };
      return { record: { ...r, sources: [...new Set(r.sources.map((id) => into(id) ?? id))].sort() }, changed: true };
    },
    note(r: NoteRecord): { record: NoteRecord; changed: boolean } {
      // the copy only when a cited source was merged away (almost never)
      if (![...citedSources(r.doc)].some((id) => into(id) !== undefined)) return { record: r, changed: false };
      return { record: { ...r, doc: repointCitations(r.doc, into) }, changed: true };
    },
  };

  /** Whether a relation names a merged-away source (it goes with it, as a purge takes a source's relations). */
  const namesMerged = (a: string, b: string): boolean => into(a) !== undefined || into(b) !== undefined;

  return { meet, redirect, namesMerged };
}
