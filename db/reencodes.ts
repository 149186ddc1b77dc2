// "Reopen with encoding…" in the store (migration 0011): rewriting the place
// of a source's annotations (live and in the trash) onto its new text, and the
// undo record of the source's last re-encoding.
import type { AnnotationStatus, Id } from '../common/types.ts';
import { now } from './ids.ts';
import type { Db } from './write.ts';

/** Where an annotation stands in its source's text, with its quote. */
export interface AnchorRow {
  id: Id;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: AnnotationStatus;
  score: number | null;
  deleted: boolean;
}

export interface ReencodeRecord<T> {
  sourceId: Id;
  from: string;
  to: string;
  afterTextSha256: string;
  created: string;
  before: T;
}

export type ReencodeRepo = ReturnType<typeof createReencodeRepo>;

/** Writes run inside the caller's write transaction (the re-encoding is one). */
export function createReencodeRepo(db: Db) {
  const anchorsStmt = db.prepare(`SELECT id, start_cp AS start, end_cp AS end, exact, prefix, suffix, status, score,
    deleted_at IS NOT NULL AS deleted FROM annotations WHERE source_id = ? ORDER BY start_cp, end_cp, seq`);
  const setAnchorStmt = db.prepare(`UPDATE annotations SET start_cp = @start, end_cp = @end, exact = @exact, prefix = @prefix,
    suffix = @suffix, status = @status, score = @score, modified = @modified WHERE id = @id`);
  const getStmt = db.prepare('SELECT * FROM source_reencodes WHERE source_id = ?');
  const putStmt = db.prepare(`INSERT OR REPLACE INTO source_reencodes (source_id, from_encoding, to_encoding, after_text_sha256, created, before)
    VALUES (@sourceId, @from, @to, @afterTextSha256, @created, @before)`);
  const dropStmt = db.prepare('DELETE FROM source_reencodes WHERE source_id = ?');
  const citingStmt = db.prepare('SELECT DISTINCT note_id FROM citations WHERE source_id = ? ORDER BY note_id').pluck();

  return {
    /** Every annotation of a source, in the trash too, in text order. */
    anchors(sourceId: Id): AnchorRow[] {
      return (anchorsStmt.all(sourceId) as Array<Omit<AnchorRow, 'deleted'> & { deleted: number }>)
        .map((r) => ({ ...r, deleted: r.deleted === 1 }));
    },
    setAnchor(a: Omit<AnchorRow, 'deleted'>): void {
      setAnchorStmt.run({ ...a, modified: now() });
    },
    /** Notes citing the source (in the trash too: the citation index keeps their rows). */
    citingNotes: (sourceId: Id): Id[] => citingStmt.all(sourceId) as Id[],
    get<T>(sourceId: Id): ReencodeRecord<T> | undefined {
      const r = getStmt.get(sourceId) as { source_id: string; from_encoding: string; to_encoding: string; after_text_sha256: string;
        created: string; before: string } | undefined;
      return r && { sourceId: r.source_id, from: r.from_encoding, to: r.to_encoding, afterTextSha256: r.after_text_sha256,
        created: r.created, before: JSON.parse(r.before) as T };
    },
    put<T>(r: Omit<ReencodeRecord<T>, 'created'>): void {
      putStmt.run({ ...r, created: now(), before: JSON.stringify(r.before) });
    },
    drop(sourceId: Id): void { dropStmt.run(sourceId); },
  };
}
