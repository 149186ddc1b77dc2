// The same file imported on two machines before they first synced (two
// sources, one sha256): the statements that merge one into the other, and the
// record of which source went into which (migration 0018), so a record from
// another machine that still names the merged-away source is pointed at the
// one kept. electron/sync/twins.ts decides which one is kept.
import type { Db } from './write.ts';

/** How long a chain of merges is followed (a merge into a source merged later). */
const MAX_CHAIN = 16;

export type SyncTwins = ReturnType<typeof createSyncTwins>;

export function createSyncTwins(db: Db) {
  const s = {
    into: db.prepare('SELECT into_id FROM source_merges WHERE from_id = ?').pluck(),
    record: db.prepare('INSERT OR REPLACE INTO source_merges (from_id, into_id, merged_at) VALUES (?, ?, ?)'),
    trash: db.prepare('UPDATE sources SET deleted_at = ? WHERE id = ?'),
    moveAnnotations: db.prepare('UPDATE annotations SET source_id = @into WHERE source_id = @from'),
    // annotations of a trashed source are out of the index (migration 0004's triggers); on a live one they are in it
    indexMoved: db.prepare(`INSERT INTO annotations_fts (rowid, exact, comment)
      SELECT a.seq, lectern_fts_text(a.exact), lectern_fts_text(a.comment) FROM annotations a JOIN sources s ON s.id = a.source_id
      WHERE a.source_id = @into AND a.deleted_at IS NULL AND s.deleted_at IS NULL
        AND a.seq IN (SELECT value FROM json_each(@seqs))`),
    annotationSeqs: db.prepare('SELECT json_group_array(seq) FROM annotations WHERE source_id = ?').pluck(),
    copyMembers: db.prepare(`INSERT OR IGNORE INTO collection_sources (collection_id, source_id, added_at)
      SELECT collection_id, @into, added_at FROM collection_sources WHERE source_id = @from`),
    dropMembers: db.prepare('DELETE FROM collection_sources WHERE source_id = ?'),
    notesCiting: db.prepare('SELECT DISTINCT note_id FROM citations WHERE source_id = ? ORDER BY note_id').pluck(),
  };
  return {
    /** The source a merged-away one went into (following later merges), or undefined. */
    into(id: string): string | undefined {
      let at: string | undefined;
      for (let next = s.into.get(id) as string | undefined, n = 0; next !== undefined && n < MAX_CHAIN; n++) {
        at = next;
        next = s.into.get(next) as string | undefined;
      }
      return at;
    },
    record(from: string, into: string): void { s.record.run(from, into, new Date().toISOString()); },
    /** Moves a source to the trash for the moment (the one live source per sha256 may then arrive). */
    trash(id: string): void { s.trash.run(new Date().toISOString(), id); },
    /** Points the annotations and collection memberships of a source in the trash (see trash) at a live one. */
    moveRecords(from: string, into: string): void {
      const seqs = s.annotationSeqs.get(from) as string;
      s.moveAnnotations.run({ from, into });
      s.indexMoved.run({ into, seqs });
      s.copyMembers.run({ from, into });
      s.dropMembers.run(from);
    },
    notesCiting: (id: string) => s.notesCiting.all(id) as string[],
  };
}
