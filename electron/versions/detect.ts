// Finding versions (issue 8.1): for each new source, the candidate index
// (db/version-index.ts) proposes the few sources sharing sampled shingles with
// it; a pair goes on to alignment only when their signatures show a passage
// in common (shared shingles at one offset over minSpan words, sharedSpan),
// and alignment decides (classify.ts). Every step is
// bounded: at most CANDIDATES pairs per source, texts up to MAX_ALIGN_CHARS.
// A pair that already has a relation (detected, linked, dismissed) is left as
// it is, except a revision waiting for its figures. Deterministic: candidates
// come in a fixed order and the alignment is deterministic.
import type { FoundRelation, Id, ProgressEvent, Source, VersionsRebuild } from '../../common/types.ts';
import type { RelationFigures, RelationRow } from '../../db/relations.ts';
import type { VersionIndexStore } from '../../db/version-index-store.ts';
import type { VersionIndex } from '../../db/version-index.ts';
import type { StoredText } from '../import/import-service.ts';
import { swapFigures } from '../../db/relations.ts';
import { alignTexts } from '../../common/align/align.ts';
import { readText, type TextTerms } from '../../common/align/units.ts';
import { alignable, tooLargeToAlign } from './align-sources.ts';
import { classify, type DetectedKind } from './classify.ts';
import { sharedSpan, shingleSignature, type Signature } from './features.ts';

export const DETECT = {
  /** Sampled hashes two sources must share to be proposed. */
  minShared: 2,
  /** At most this many candidates of one source are looked at. */
  candidates: 10,
  /** Words over which shared shingles stand at one offset in both texts (sharedSpan) before the two are aligned. */
  minSpan: 6,
} as const;

/** Sources indexed per write transaction in a rebuild (each write stays short). */
const INDEX_CHUNK = 200;
/** A rebuild keeps the texts of at most about this many sources' candidates in memory. */
const CACHE_SOURCES = 100;

export interface Detected {
  /** The earlier source (import order) and the later one. */
  a: Id;
  b: Id;
  kind: DetectedKind;
  figures: RelationFigures;
}

export interface DetectionReport {
  found: Detected[];
  compared: number;
}

export type Progress = (e: ProgressEvent) => void;

/** What detection reads of a source. */
export type DetectText = Pick<Source, 'id' | 'title' | 'text'>;

/** What detection uses of a library: the whole store, or the versions worker's own connection (db/version-index-store.ts). */
export type Store = Pick<VersionIndexStore, 'db' | 'write' | 'versionIndex' | 'relations' | 'libraryFailure' | 'sources'>;

export type SourceCache = ReturnType<typeof sourceCache>;

/** Where candidates come from: the candidate index in the library, or a detection session's view of it (detect-session.ts). */
export type CandidateIndex = Pick<VersionIndex, 'candidates' | 'signature'>;

/** A session's cache keeps the texts of at most about this many characters (then starts again). */
export const CACHE_CHARS = 16_000_000;

/**
 * Reads sources once per detection run, and each text's sentences and terms
 * once (readText): a text is read once however many pairs it is in.
 *
 * A cache serves one batch as it was read (a source is read once); a
 * `lasting` one, a detection session's, serves its batches (nextBatch): what an
 * earlier batch held or read is used again only while the source is live
 * with the same text (its stamp unchanged: one indexed lookup), and the texts
 * kept are bounded (CACHE_CHARS).
 */
export function sourceCache(store: Store, lasting = false) {
  const sources = new Map<Id, { s: DetectText | null; stamp: string | undefined; batch: number }>();
  const read = new Map<Id, TextTerms>();
  let chars = 0;
  let batch = 0;
  const keep = (id: Id, s: DetectText | null, stamp: string | undefined) => {
    sources.set(id, { s, stamp, batch });
    chars += s?.text.length ?? 0;
  };
  const get = (id: Id): DetectText | null => {
    const had = sources.get(id);
    if (had?.batch === batch) return had.s;
    // read before the text: a change in between is seen the next time
    const stamp = lasting ? store.versionIndex.stamp(id) : undefined;
    if (had?.s && stamp !== undefined && had.stamp === stamp) {
      had.batch = batch;
      return had.s;
    }
    const s = lasting && stamp === undefined ? null : store.versionIndex.text(id) ?? null;
    keep(id, s, stamp);
    return s;
  };
  const terms = (s: DetectText): TextTerms => {
    let t = read.get(s.id);
    if (!t || t.text !== s.text) read.set(s.id, (t = readText(s.text)));
    return t;
  };
  return {
    get,
    /** Holds a source's text given by the caller (an import has it at hand); `stamp`: it is the text stored now (without, it serves this batch only). */
    hold: (s: DetectText, stamp?: string) => { keep(s.id, s, stamp); },
    /** A session's next batch: what was read before is checked before it is used again, and the cache starts again when full. */
    nextBatch: () => {
      batch++;
      if (chars > CACHE_CHARS) { sources.clear(); read.clear(); chars = 0; }
    },
    /**
     * The alignment detection classifies: without word-level changes (only the
     * compare view shows them; classify reads segments and figures), texts read once.
     */
    align: (x: DetectText, y: DetectText) => alignTexts(x.text, y.text, { wordChanges: false, readA: terms(x), readB: terms(y) }),
    /** Drops everything read so far (a rebuild walks the whole library in steps). */
    clear: () => { sources.clear(); read.clear(); chars = 0; },
  };
}

export const pairKey = (a: Id, b: Id) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/** Whether a pair with this relation is left as it is (not compared). */
type Settled = (r: RelationRow) => boolean;
export const anyRelation: Settled = () => true;
/** A rebuild measures detected relations again; links, dismissals and revisions stay. */
const notReplaceable: Settled = (r) => r.origin === 'manual' || r.dismissed || r.kind === 'revision';

/**
 * Aligns `x` with each proposed candidate whose pair is not settled and returns
 * what was found (oriented earlier -> later). `seen` holds pairs already compared.
 */
export function compareWithCandidates(
  store: Store, cache: SourceCache, x: DetectText, seq: number, signature: Signature, seen: Set<string>, settled: Settled,
  index: CandidateIndex = store.versionIndex,
): DetectionReport {
  const found: Detected[] = [];
  let compared = 0;
  for (const c of index.candidates(seq, signature.hashes, DETECT.minShared, DETECT.candidates)) {
    const key = pairKey(x.id, c.id);
    if (seen.has(key)) continue;
    seen.add(key);
    // the signatures first (in memory), the relation (a query) only for a pair that would be aligned
    const other = index.signature(c.seq);
    if (!other || sharedSpan(signature, other) < DETECT.minSpan) continue;
    const existing = store.relations.get(x.id, c.id);
    if (existing && settled(existing)) continue;
    const y = cache.get(c.id);
    if (!y || !alignable(x, y)) continue;
    compared++;
    const { kind, figures } = classify(cache.align(x, y));
    if (!kind) continue;
    // stored earlier -> later (import order), figures measured from x
    found.push(c.seq < seq ? { a: y.id, b: x.id, kind, figures: swapFigures(figures) } : { a: x.id, b: y.id, kind, figures });
  }
  return { found, compared };
}

/** Figures for the revision relations of these sources that have none yet. */
export function revisionFigures(store: Store, cache: SourceCache, ids: readonly Id[]) {
  const out: { a: Id; b: Id; figures: RelationFigures }[] = [];
  for (const r of store.relations.unmeasuredRevisions(ids)) {
    const a = cache.get(r.a);
    const b = cache.get(r.b);
    if (a && b && alignable(a, b)) out.push({ a: r.a, b: r.b, figures: classify(cache.align(a, b)).figures });
  }
  return out;
}

/**
 * Puts sources in the versions candidate index without looking for their
 * versions: sources that arrived by sync (their relations arrive with them),
 * so that a later import finds them as candidates.
 */
export function indexForVersions(store: Store, ids: readonly Id[]): void {
  const entries = ids.flatMap((id) => {
    const seq = store.versionIndex.seqOf(id);
    const text = seq === undefined ? undefined : store.sources.get(id)?.text;
    return seq !== undefined && text !== undefined ? [{ seq, signature: shingleSignature(text) }] : [];
  });
  if (entries.length > 0) store.versionIndex.put(entries);
}

export interface Fresh {
  s: DetectText;
  seq: number;
  signature: Signature;
}

/** The new sources still live, each with its import order and signature; texts given are held in the cache. */
export function freshSources(store: Store, cache: SourceCache, sources: readonly (Id | StoredText)[]): Fresh[] {
  const live = store.versionIndex.liveOf(sources.map((given) => (typeof given === 'string' ? given : given.id)));
  return sources.flatMap((given) => {
    const id = typeof given === 'string' ? given : given.id;
    // live: not deleted since it was stored (a text reopened with another encoding in between is aligned as it was imported)
    const l = live.get(id);
    if (!l) return [];
    if (typeof given !== 'string') cache.hold(given, l.asImported ? l.stamp : undefined);
    const s = typeof given === 'string' ? cache.get(id) : given;
    return s ? [{ s, seq: l.seq, signature: shingleSignature(s.text) }] : [];
  });
}

/**
 * Finds the versions and shared passages of newly imported sources in the
 * library, stores them, and returns them as the import reports them. Each
 * source is given by id, or with its text (an import has it: not read again).
 */
export function detectVersions(store: Store, sources: readonly (Id | StoredText)[], onProgress?: Progress): FoundRelation[] {
  const cache = sourceCache(store);
  const fresh = freshSources(store, cache, sources);
  store.versionIndex.put(fresh.map((f) => ({ seq: f.seq, signature: f.signature })));

  const seen = new Set<string>();
  const found: Detected[] = [];
  fresh.forEach((f, k) => {
    found.push(...compareWithCandidates(store, cache, f.s, f.seq, f.signature, seen, anyRelation).found);
    onProgress?.({ task: 'versions', done: k + 1, total: fresh.length, current: f.s.title });
  });
  const revisions = revisionFigures(store, cache, fresh.map((f) => f.s.id));
  store.write(() => {
    for (const d of found) store.relations.saveDetected(d.a, d.b, d.kind, d.figures);
    for (const r of revisions) store.relations.setFigures(r.a, r.b, r.figures);
  });

  return reported(found, fresh.map((f) => f.s.id), cache);
}

/** What was found, as the import reports it: from the side of the new source. */
export function reported(found: readonly Detected[], freshIds: readonly Id[], cache: SourceCache): FoundRelation[] {
  const fresher = new Set(freshIds);
  return found.map((d) => {
    const self = fresher.has(d.b) ? d.b : d.a;
    const other = self === d.a ? d.b : d.a;
    const f = self === d.a ? d.figures : swapFigures(d.figures);
    return {
      id: self, other, otherTitle: cache.get(other)!.title, kind: d.kind,
      similarity: f.similarity!, aInB: f.aInB!, bInA: f.bInA!,
    };
  });
}

/**
 * Finds versions across the whole library again: the index is rebuilt, every
 * live source compared with its candidates. Detected relations no longer found
 * are removed; dismissed, manual and revision relations stay as they are.
 */
export function rebuildVersions(store: Store, onProgress?: Progress): VersionsRebuild {
  const live = store.versionIndex.liveSources();
  const total = live.length;
  store.versionIndex.clear();
  const signatures = new Map<number, Signature>();
  let tooLarge = 0;
  for (let i = 0; i < total; i += INDEX_CHUNK) {
    const chunk = live.slice(i, i + INDEX_CHUNK).map((s) => {
      const { text } = store.versionIndex.text(s.id)!;
      if (tooLargeToAlign(text)) tooLarge++;
      return { seq: s.seq, sig: shingleSignature(text) };
    });
    for (const c of chunk) signatures.set(c.seq, c.sig);
    store.versionIndex.put(chunk.map((c) => ({ seq: c.seq, signature: c.sig })));
    onProgress?.({ task: 'versions', done: 0, total, current: `indexed ${Math.min(total, i + INDEX_CHUNK)} of ${total}` });
  }
  const cache = sourceCache(store);
  const seen = new Set<string>();
  const found: Detected[] = [];
  let compared = 0;
  live.forEach((s, k) => {
    if (k % CACHE_SOURCES === 0) cache.clear();
    const x = cache.get(s.id);
    if (x) {
      const r = compareWithCandidates(store, cache, x, s.seq, signatures.get(s.seq)!, seen, notReplaceable);
      found.push(...r.found);
      compared += r.compared;
    }
    onProgress?.({ task: 'versions', done: k + 1, total, current: x?.title ?? '' });
  });
  cache.clear();
  const revisions = revisionFigures(store, cache, live.map((s) => s.id));
  const again = new Set(found.map((d) => pairKey(d.a, d.b)));
  // one write: what was found replaces the detected relations of live sources
  const removed = store.write(() => {
    const stale = store.relations.listDetectedLive().filter((r) => !again.has(pairKey(r.a, r.b)));
    for (const r of stale) store.relations.removeStale(r.a, r.b);
    for (const d of found) store.relations.saveDetected(d.a, d.b, d.kind, d.figures);
    for (const r of revisions) store.relations.setFigures(r.a, r.b, r.figures);
    return stale.length;
  });
  return { sources: total, compared, found: found.length, removed, tooLarge };
}
