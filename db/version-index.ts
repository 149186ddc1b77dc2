// The candidate index (migration 0010): each source's signature (sampled
// shingle hashes and their positions, electron/versions/features.ts) and the
// postings of its hashes (of live sources only: migration 0010's triggers take
// a deleted source's out and put them back on restore). A lookup reads only
// the postings of the new source's hashes and the signatures they lead to,
// never the library. A hash found in more than COMMON
// sources is a stock phrase: once a batch of puts makes it so (markCommon), it
// is listed in version_common, proposes nothing and gets no more postings, so
// a lookup visits at most about hashes x COMMON postings.
import type { Id } from '../common/types.ts';
import { createWriter, type Db, type Write } from './write.ts';

/** A hash in more sources than this is a stock phrase, not a sign of a shared passage. */
export const COMMON = 50;

export interface IndexedSignature {
  hashes: number[];
  positions: number[];
}

export interface Candidate {
  id: Id;
  seq: number;
  /** Sampled hashes the two sources share (stock phrases left out). */
  shared: number;
}

export type VersionIndex = ReturnType<typeof createVersionIndex>;

export function createVersionIndex(db: Db, write: Write = createWriter(db)) {
  const removeStmt = db.prepare('DELETE FROM version_signatures WHERE source_seq = ?');
  const signatureStmt = db.prepare(`INSERT INTO version_signatures (source_seq, source_id, feature_count, hashes, positions)
    VALUES (?, (SELECT id FROM sources WHERE seq = ?), ?, ?, ?)`);
  const postingsStmt = db.prepare(`INSERT OR IGNORE INTO version_features (hash, source_seq)
    SELECT value, ? FROM json_each(?) WHERE value NOT IN (SELECT hash FROM version_common)`);
  const markCommonStmt = db.prepare(`INSERT OR IGNORE INTO version_common (hash)
    SELECT v.hash FROM version_features v WHERE v.hash IN (SELECT value FROM json_each(?))
     GROUP BY v.hash HAVING count(*) > ${COMMON}`);
  const candidatesStmt = db.prepare(`SELECT g.source_id AS id, c.seq, c.shared FROM (
      SELECT v.source_seq AS seq, count(*) AS shared
        FROM json_each(@hashes) h JOIN version_features v ON v.hash = h.value
       WHERE v.source_seq <> @seq AND h.value NOT IN (SELECT hash FROM version_common)
       GROUP BY v.source_seq HAVING count(*) >= @minShared
       ORDER BY shared DESC, v.source_seq LIMIT @limit) c
      JOIN version_signatures g ON g.source_seq = c.seq ORDER BY c.shared DESC, c.seq`);
  const getStmt = db.prepare('SELECT hashes, positions FROM version_signatures WHERE source_seq = ?');
  const postingCountsStmt = db.prepare(`SELECT hash, count(*) AS n FROM version_features
    WHERE hash IN (SELECT value FROM json_each(?)) GROUP BY hash`).raw();
  const commonStmt = db.prepare('SELECT hash FROM version_common').pluck();
  const anyPostingStmt = db.prepare('SELECT EXISTS (SELECT 1 FROM version_features)').pluck();
  const seqStmt = db.prepare('SELECT seq FROM live_sources WHERE id = ?').pluck();
  const liveStmt = db.prepare('SELECT id, seq FROM live_sources ORDER BY seq');
  const clearStmts = ['version_features', 'version_signatures', 'version_common'].map((t) => db.prepare(`DELETE FROM ${t}`));

  return {
    /** The import order (sources.seq) of a live source. */
    seqOf: (id: Id): number | undefined => seqStmt.get(id) as number | undefined,
    /** Every live source, in import order. */
    liveSources: (): { id: Id; seq: number }[] => liveStmt.all() as { id: Id; seq: number }[],
    /** Indexes (or indexes again) these sources' signatures, then lists the hashes they made common. */
    put(entries: readonly { seq: number; signature: IndexedSignature }[]): void {
      write(() => {
        const all = new Set<number>();
        for (const { seq, signature } of entries) {
          removeStmt.run(seq);
          const hashes = JSON.stringify(signature.hashes);
          signatureStmt.run(seq, seq, signature.hashes.length, hashes, JSON.stringify(signature.positions));
          postingsStmt.run(seq, hashes);
          for (const h of signature.hashes) all.add(h);
        }
        markCommonStmt.run(JSON.stringify([...all]));
      });
    },
    /** A source's stored signature, or undefined when it is not indexed. */
    signature(seq: number): IndexedSignature | undefined {
      const r = getStmt.get(seq) as { hashes: string; positions: string } | undefined;
      return r && { hashes: JSON.parse(r.hashes) as number[], positions: JSON.parse(r.positions) as number[] };
    },
    /** Live sources sharing at least minShared uncommon hashes with this signature, most shared first. */
    candidates(seq: number, hashes: readonly number[], minShared: number, limit: number): Candidate[] {
      return candidatesStmt.all({ seq, hashes: JSON.stringify(hashes), minShared, limit }) as Candidate[];
    },
    /** How many sources' postings hold each of these hashes (hashes held by none left out). */
    postingCounts(hashes: readonly number[]): Map<number, number> {
      return new Map(postingCountsStmt.all(JSON.stringify(hashes)) as [number, number][]);
    },
    /** Whether any source has postings (none: no lookup can propose anything). */
    hasPostings: (): boolean => anyPostingStmt.get() === 1,
    /** Every hash listed as a stock phrase. */
    common(): Set<number> {
      return new Set(commonStmt.all() as number[]);
    },
    /** Empties the index (a rebuild fills it again). */
    clear(): void {
      write(() => { for (const s of clearStmts) s.run(); });
    },
  };
}
