// A detection session: the versions of one large import's batches, found in
// the versions worker with the candidate index's writes gathered up.
// detectVersions writes each batch's signatures and then what it found: two
// write transactions a batch, each taking the write lock the import needs
// for its next batch. A session keeps the new signatures in memory, as an
// index of its own beside the library's, and writes them with the relations
// found at the end (flush; the import's result waits for it), and during a
// very large import only when the lock is free: when a batch comes (the import
// has just committed it and is reading the next), from FLUSH_SOURCES held it
// tries the lock without waiting and writes what it holds if it has it; past
// HOLD_SOURCES it waits.
// Candidates and stock phrases are decided as if each batch had been written
// when it came, so a session finds the same relations and leaves the same
// rows as detectVersions batch by batch.
import type { FoundRelation, Id } from '../../common/types.ts';
import type { RelationFigures } from '../../db/relations.ts';
import { COMMON, type Candidate } from '../../db/version-index.ts';
import type { StoredText } from '../import/import-service.ts';
import {
  anyRelation, compareWithCandidates, freshSources, reported, revisionFigures, sourceCache,
  type CandidateIndex, type Detected, type Fresh, type Progress, type Store,
} from './detect.ts';
import type { Signature } from './features.ts';
import { HeldPostings } from './held-postings.ts';

/**
 * Held sources (and the relations found with them) are written before the import ends only when this many
 * are held, and the lock is free… Each write during the import rewrites most of the postings b-tree's pages
 * (the hashes spread over all of it), takes the lock the import's next batch then waits for (SQLite's busy
 * handler sleeping past the end of the write), and makes the import's connection read its pages afresh and
 * checkpoint the pages rewritten. Writing the corpus's 2,095 once at the end instead of every 500 cut the
 * import's waits for the lock ~440-770 -> 13-50 ms at load 16-20, for one write of ~80 ms CPU at the end.
 */
export const FLUSH_SOURCES = 5000;
/** …and, waiting for the lock, once this many are (memory stays bounded: a held source keeps its signature, not its text). */
export const HOLD_SOURCES = 10_000;

export type DetectionSession = ReturnType<typeof createDetectionSession>;

/**
 * Into a library with no postings yet (a first import), the session's sources
 * stay in its memory after they are written, up to this many: lookups then
 * need no SQLite at all, the library's part being empty.
 */
export const KEEP_SOURCES = 20_000;

/** A source held: what the index's put() would write for it, decided as its batch was taken in. */
interface Held {
  seq: number;
  signature: Signature;
  /** Its hashes that get postings: those not stock phrases when its batch came. */
  posted: number[];
}

/** `flushSources`: written from this many held sources (a test sets it low). */
export function createDetectionSession(store: Store, flushSources = FLUSH_SOURCES) {
  /** Batches not written yet, in order. */
  let batches: Held[][] = [];
  /** Batches taken in so far. */
  let taken = 0;
  let held = 0;
  /** Whether the library's index holds sources this session does not (then it is looked up; else memory holds them all): known at the first batch. */
  let libraryToo: boolean | null = null;
  let kept = 0;
  /**
   * The postings (hash -> import orders) of the sources held (and, with libraryToo false, of those written), with the
   * stock phrases: those listed in the library at the first batch, and those held batches made so. Their signatures and ids.
   */
  const postings = new HeldPostings();
  let signatures = new Map<number, Signature>();
  let ids = new Map<number, Id>();
  /** The hashes held batches made stock phrases, not written yet. */
  let newStock: number[] = [];
  let found: Detected[] = [];
  let revisions: { a: Id; b: Id; figures: RelationFigures }[] = [];
  /** Texts read (or given) and their sentences, kept across batches: a candidate is often a source of an earlier batch. */
  const cache = sourceCache(store, true);

  /** Takes in a batch as the index's put() would: postings of hashes not yet stock phrases, then the hashes it makes common. */
  const hold = (fresh: Fresh[]) => {
    if (libraryToo === null) {
      libraryToo = store.versionIndex.hasPostings();
      for (const h of store.versionIndex.common()) postings.markStock(h);
    }
    /** The batch's distinct hashes that are not stock phrases. */
    const open: number[] = [];
    const batch: Held[] = [];
    for (const f of fresh) {
      signatures.set(f.seq, f.signature);
      ids.set(f.seq, f.s.id);
      const posted: number[] = [];
      for (const h of f.signature.hashes) {
        if (postings.isStock(h)) continue;
        posted.push(h);
        if (postings.add(h, f.seq, taken)) open.push(h);
      }
      batch.push({ seq: f.seq, signature: f.signature, posted });
    }
    const inLibrary = libraryToo ? store.versionIndex.postingCounts(open) : null;
    for (const h of open) {
      if ((inLibrary?.get(h) ?? 0) + postings.count(h) > COMMON) { postings.markStock(h); newStock.push(h); }
    }
    batches.push(batch);
    taken++;
    held += fresh.length;
    kept += fresh.length;
  };

  /** The library's candidate index and the held sources, read as one. */
  const index: CandidateIndex = {
    candidates(seq: number, hashes: readonly number[], minShared: number, limit: number): Candidate[] {
      const lookup = hashes.filter((h) => !postings.isStock(h));
      const shared = new Map<number, number>();
      const count = (s: number) => { if (s !== seq) shared.set(s, (shared.get(s) ?? 0) + 1); };
      for (const h of lookup) postings.forEach(h, count);
      const heldOnes: Candidate[] = [];
      for (const [s, n] of shared) if (n >= minShared) heldOnes.push({ id: ids.get(s)!, seq: s, shared: n });
      return [...(libraryToo ? store.versionIndex.candidates(seq, lookup, minShared, limit) : []), ...heldOnes]
        .sort((p, q) => q.shared - p.shared || p.seq - q.seq).slice(0, limit);
    },
    signature: (seq: number) => signatures.get(seq) ?? store.versionIndex.signature(seq),
  };

  /**
   * Writes what is held, in one transaction: the signatures, postings and
   * stock phrases as decided when each batch came, then the relations found.
   * When a source held was moved to the trash meanwhile, batch by batch through
   * put() as detectVersions would have, its postings then taken out as the
   * trash does (its signature stays, for a restore); a purged one is left out.
   */
  const flush = (): void => {
    if (batches.length === 0 && found.length === 0 && revisions.length === 0) return;
    store.write(() => {
      const states = store.versionIndex.states(batches.flat().map((h) => h.seq));
      if ([...states.values()].every((st) => st === 'live') && states.size === held) {
        store.versionIndex.putDecided(batches.flat().map((h) => ({ seq: h.seq, signature: h.signature, posted: h.posted })), newStock);
      } else {
        for (const b of batches) store.versionIndex.put(b.filter((h) => states.has(h.seq)).map((h) => ({ seq: h.seq, signature: h.signature })));
        for (const [seq, st] of states) if (st === 'trashed') store.versionIndex.unpost(seq);
      }
      for (const d of found) store.relations.saveDetected(d.a, d.b, d.kind, d.figures);
      for (const r of revisions) store.relations.setFigures(r.a, r.b, r.figures);
    });
    batches = [];
    newStock = [];
    held = 0;
    if (libraryToo || kept > KEEP_SOURCES) {
      // what was written is looked up in the library from now on
      libraryToo = true;
      kept = 0;
      postings.clearPostings();
      signatures = new Map();
      ids = new Map();
    }
    found = [];
    revisions = [];
  };

  /** Flushes if the write lock can be had at once; false when another connection holds it (nothing written, all still held). */
  const flushIfFree = (): boolean => {
    const timeout = store.db.pragma('busy_timeout', { simple: true }) as number;
    store.db.pragma('busy_timeout = 0');
    try {
      flush();
      return true;
    } catch (err) {
      if ((store.libraryFailure(err) ?? err as { code?: string }).code === 'busy') return false;
      throw err;
    } finally {
      store.db.pragma(`busy_timeout = ${timeout}`);
    }
  };

  return {
    /** detectVersions for one batch of the import: the same relations, returned now, written with a later flush. */
    detect(sources: readonly (Id | StoredText)[], onProgress?: Progress): FoundRelation[] {
      // what earlier batches found, written while the import reads its next batch
      if (held >= flushSources && !flushIfFree() && held >= HOLD_SOURCES) flush();
      cache.nextBatch();
      const fresh = freshSources(store, cache, sources);
      hold(fresh);
      const seen = new Set<string>();
      const batchFound: Detected[] = [];
      fresh.forEach((f, k) => {
        batchFound.push(...compareWithCandidates(store, cache, f.s, f.seq, f.signature, seen, anyRelation, index).found);
        onProgress?.({ task: 'versions', done: k + 1, total: fresh.length, current: f.s.title });
      });
      revisions.push(...revisionFigures(store, cache, fresh.map((f) => f.s.id)));
      found.push(...batchFound);
      return reported(batchFound, fresh.map((f) => f.s.id), cache);
    },
    flush,
  };
}
