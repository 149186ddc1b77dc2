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
  const liveOfStmt = db.prepare(`SELECT id, seq, updated_at AS stamp, updated_at = imported_at AS asImported
    FROM live_sources WHERE id IN (SELECT value FROM json_each(?))`);
  const stampStmt = db.prepare('SELECT updated_at FROM live_sources WHERE id = ?').pluck();
  const statesStmt = db.prepare('SELECT seq, deleted_at IS NULL AS live FROM sources WHERE seq IN (SELECT value FROM json_each(?))').raw();
  // what the trash trigger (sources_version_trash) does
  const unpostStmt = db.prepare(`DELETE FROM version_features WHERE source_seq = @seq
    AND hash IN (SELECT value FROM json_each((SELECT hashes FROM version_signatures WHERE source_seq = @seq)))`);
  const addCommonStmt = db.prepare('INSERT OR IGNORE INTO version_common (hash) SELECT value FROM json_each(?)');
  /** Postings rows per multi-row INSERT (two parameters each, well under SQLite's limit). */
  const ROWS = 250;
  const postingsSql = (n: number) => `INSERT OR IGNORE INTO version_features (hash, source_seq)
    SELECT column1, column2 FROM (VALUES ${Array(n).fill('(?, ?)').join(', ')}) WHERE column1 NOT IN (SELECT hash FROM version_common)`;
  const postingRowsStmt = db.prepare(postingsSql(ROWS));
  const postingRowStmt = db.prepare(postingsSql(1));
  const liveStmt = db.prepare('SELECT id, seq FROM live_sources ORDER BY seq');
  const clearStmts = ['version_features', 'version_signatures', 'version_common'].map((t) => db.prepare(`DELETE FROM ${t}`));

  return {
    /** The import order (sources.seq) of a live source. */
    seqOf: (id: Id): number | undefined => seqStmt.get(id) as number | undefined,
    /** Of these sources, the live ones: import order, a stamp that changes with the text (updated_at), and whether the text is still as imported. */
    liveOf(ids: readonly Id[]): Map<Id, { seq: number; stamp: string; asImported: boolean }> {
      const rows = liveOfStmt.all(JSON.stringify(ids)) as { id: Id; seq: number; stamp: string; asImported: number }[];
      return new Map(rows.map((r) => [r.id, { seq: r.seq, stamp: r.stamp, asImported: r.asImported === 1 }]));
    },
    /** The stamp of a live source's text (see liveOf), or undefined when it is not live. */
    stamp: (id: Id): string | undefined => stampStmt.get(id) as string | undefined,
    /** Of these import orders, those of sources still stored: live, or in the trash (purged ones are left out). */
    states(seqs: readonly number[]): Map<number, 'live' | 'trashed'> {
      return new Map((statesStmt.all(JSON.stringify(seqs)) as [number, number][]).map(([seq, live]) => [seq, live ? 'live' : 'trashed']));
    },
    /** Takes a source's postings out, its signature kept (as moving it to the trash does). */
    unpost(seq: number): void {
      write(() => { unpostStmt.run({ seq }); });
    },
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
    /**
     * Writes signatures with the postings and stock phrases already decided by
     * the caller, as put() batch by batch would have written them (a detection
     * session, detect-session.ts, keeps them in memory): `posted` is each
     * source's hashes that get postings, `common` the hashes they made stock
     * phrases. Postings go in sorted, many rows a statement: a put's one
     * statement per source inserts at random places all over the b-tree.
     * A hash listed as a stock phrase meanwhile (by another process) gets none.
     */
    putDecided(entries: readonly { seq: number; signature: IndexedSignature; posted: readonly number[] }[], common: readonly number[]): void {
      write(() => {
        const rows: number[] = [];
        for (const { seq, signature, posted } of entries) {
          removeStmt.run(seq);
          signatureStmt.run(seq, seq, signature.hashes.length, JSON.stringify(signature.hashes), JSON.stringify(signature.positions));
          for (const h of posted) rows.push(h, seq);
        }
        const order = Array.from({ length: rows.length / 2 }, (_, i) => i)
          .sort((i, j) => rows[2 * i]! - rows[2 * j]! || rows[2 * i + 1]! - rows[2 * j + 1]!);
        const params = new Array<number>(2 * ROWS);
        let k = 0;
        for (; k + ROWS <= order.length; k += ROWS) {
          for (let r = 0; r < ROWS; r++) { params[2 * r] = rows[2 * order[k + r]!]!; params[2 * r + 1] = rows[2 * order[k + r]! + 1]!; }
          postingRowsStmt.run(params);
        }
        for (; k < order.length; k++) postingRowStmt.run(rows[2 * order[k]!]!, rows[2 * order[k]! + 1]!);
        if (common.length > 0) addCommonStmt.run(JSON.stringify(common));
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
