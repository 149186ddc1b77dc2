// Which tables a sync carries, once. Every table of the schema is either
// synced (its rows become CouchDB documents of one kind, its changes reach
// sync_outbox through triggers, see migration 0015) or local (derived data,
// per-machine state). test/unit/sync-tables.test.ts fails for a table named in
// neither list, so a new table is a decision, not an omission.
//
// To sync a new table: its three sync_ triggers in a migration, a line here,
// and its record reader/writer in db/sync-rows.ts plus its document fields in
// electron/sync/kinds.ts.

import { SYNC_KINDS, type SyncKindName } from '../common/types.ts';

export { SYNC_KINDS };
export type SyncKind = SyncKindName;

/** Synced table -> the kind of document its rows belong to (annotation_tags rows are part of their annotation, collection_sources rows of their collection). */
export const SYNCED_TABLES: Record<string, SyncKind> = {
  sources: 'source',
  tags: 'tag',
  annotations: 'annotation',
  annotation_tags: 'annotation',
  notes: 'note',
  collections: 'collection',
  collection_sources: 'collection',
  source_relations: 'relation',
};

/** Tables that never sync: derived (rebuilt locally), per-machine, or sync's own bookkeeping. */
export const LOCAL_TABLES: Record<string, string> = {
  citations: 'derived from note docs on save',
  settings: 'per-machine settings (window, last source, theme)',
  purged: 'local history of purges (the purge itself syncs as a tombstone)',
  schema_migrations: 'this file\'s migration history',
  tag_counts: 'derived from tags and annotation_tags by triggers (the codebook\'s counts)',
  tag_merges: 'the undo of this machine\'s latest tag merges',
  tag_merge_uses: 'the undo of this machine\'s latest tag merges: the merged tags\' uses',
  sync_outbox: 'sync bookkeeping',
  sync_docs: 'sync bookkeeping',
  sync_conflicts: 'sync bookkeeping',
  sync_sends: 'sync bookkeeping',
  sync_parked: 'sync bookkeeping',
  sync_notices: 'sync bookkeeping',
  sync_state: 'this library\'s identity and server binding',
  source_reencodes: 'the undo of a source\'s last "Reopen with encoding" on this machine',
  // travel beside their source (its outbox entry), not as records: see migration 0017
  source_originals: 'a source\'s original file: the attachment of its original:<source id> document, sent with the source',
  source_pages: 'a PDF source\'s page map: in the body of its original:<source id> document',
  sync_originals_wanted: 'sync bookkeeping: originals still to fetch',
  source_merges: 'sync bookkeeping: a source merged into its twin (the same file imported on two machines), made alike on every machine',
  version_signatures: 'the versions candidate index: derived from source texts (versions --rebuild remakes it)',
  version_features: 'the versions candidate index: derived from source texts (versions --rebuild remakes it)',
  version_common: 'the versions candidate index: derived from source texts (versions --rebuild remakes it)',
  annotation_order: 'the Annotations view\'s sort keys: derived from annotations, tags and sources by the triggers of migration 0019',
};

/** The order a batch of received documents is applied in: what others refer to first. */
export const APPLY_ORDER: Record<SyncKind, number> = { source: 0, tag: 1, annotation: 2, note: 3, collection: 4, relation: 5 };

export const docId = (kind: SyncKind, id: string): string => `${kind}:${id}`;

/** A relation's record id: its pair of sources, the smaller id first (as migration 0016's triggers write it). */
export const relationId = (a: string, b: string): string => (a < b ? `${a}~${b}` : `${b}~${a}`);

export function parseDocId(docId: string): { kind: SyncKind; id: string } | null {
  const colon = docId.indexOf(':');
  if (colon <= 0) return null;
  const kind = docId.slice(0, colon);
  const id = docId.slice(colon + 1);
  return (SYNC_KINDS as readonly string[]).includes(kind) && id.length > 0 ? { kind: kind as SyncKind, id } : null;
}
