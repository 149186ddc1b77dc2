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

/** Sources told apart in one packed sort key (sortedPostings): a few thousand are written at a time. */
const RANK_BITS = 21;

/**
 * The postings of these sources as flat (hash, seq) pairs sorted by hash, then
 * seq. Each is packed in one float (hash x 2^21 + the source's rank by seq:
 * exact below 2^53) and sorted natively: a comparator sort of ~100,000 indexes
 * was a tenth of a corpus import's writes.
 */
export function sortedPostings(entries: readonly { seq: number; posted: readonly number[] }[]): number[] {
  const bySeq = entries.map((e) => e.seq).sort((a, b) => a - b);
  let n = 0;
  for (const e of entries) n += e.posted.length;
  const out: number[] = [];
  if (entries.length >= 2 ** RANK_BITS) {
    for (const e of entries) for (const h of e.posted) out.push(h, e.seq);
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => out[2 * i]! - out[2 * j]! || out[2 * i + 1]! - out[2 * j + 1]!);
    return order.flatMap((i) => [out[2 * i]!, out[2 * i + 1]!]);
  }
  const rank = new Map(bySeq.map((seq, r) => [seq, r]));
  const packed = new Float64Array(n);
  let k = 0;
  for (const e of entries) {
    const r = rank.get(e.seq)!;
    for (const h of e.posted) packed[k++] = h * 2 ** RANK_BITS + r;
  }
  packed.sort();
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    const r = v % 2 ** RANK_BITS;
    out.push((v - r) / 2 ** RANK_BITS, bySeq[r]!);
  }
  return out;
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
  const textStmt = db.prepare('SELECT id, title, text FROM live_sources WHERE id = ?');
  const statesStmt = db.prepare('SELECT seq, deleted_at IS NULL AS live FROM sources WHERE seq IN (SELECT value FROM json_each(?))').raw();
  // what the trash trigger (sources_version_trash) does
  const unpostStmt = db.prepare(`DELETE FROM version_features WHERE source_seq = @seq
    AND hash IN (SELECT value FROM json_each((SELECT hashes FROM version_signatures WHERE source_seq = @seq)))`);
  const addCommonStmt = db.prepare('INSERT OR IGNORE INTO version_common (hash) SELECT value FROM json_each(?)');
  /** Postings rows per multi-row INSERT (two parameters each, well under SQLite's limit). */
  const ROWS = 500;
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
    /** A live source's title and text: what finding versions reads of it (the store's sources.get reads its pages and original too). */
    text: (id: Id): { id: Id; title: string; text: string } | undefined => textStmt.get(id) as { id: Id; title: string; text: string } | undefined,
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
        for (const { seq, signature } of entries) {
          removeStmt.run(seq);
          signatureStmt.run(seq, seq, signature.hashes.length, JSON.stringify(signature.hashes), JSON.stringify(signature.positions));
        }
        const rows = sortedPostings(entries);
        const params = new Array<number>(2 * ROWS);
        let k = 0;
        for (; k + 2 * ROWS <= rows.length; k += 2 * ROWS) {
          for (let r = 0; r < 2 * ROWS; r++) params[r] = rows[k + r]!;
          postingRowsStmt.run(params);
        }
        for (; k < rows.length; k += 2) postingRowStmt.run(rows[k]!, rows[k + 1]!);
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
