// Full-text search over sources, annotations and notes, in bounded time at any
// library size. For each kind:
//
// 1. A probe takes the newest matches, at most PROBE + 1 of them for a
//    one-term query, FIRST_PROBE + 1 for others (FTS5 stops reading there);
//    a query of several terms counts on to PROBE + 1 only when bm25 can rank
//    its terms quickly. So every search knows whether it is selective, and
//    none pays for counting what it will not rank.
// 2. Selective (at most PROBE matches, no term so common that bm25's
//    document-frequency pass over it is slow, and no phrase of common words,
//    whose positions that pass would check in most of the library): every
//    match is ranked by FTS5's bm25, titles weighted ten times.
// 3. Otherwise a bounded candidate set is ranked: the sources whose title
//    matches (a small title-only index, ranked there by bm25 for queries of
//    one or two terms, else its newest matches scored as below), then the newest
//    CANDIDATES matches, scored here by BM25's term-frequency part from their
//    text (a word the whole library uses carries no information to rank by).
//    The count is then an estimate, "about N", from how far back in the
//    library the probe had to reach.
//
// Snippets are made here from a bounded window of the stored text around the
// first matches (db/snippet.ts), never with FTS5's snippet(), whose cost grows
// with the square of a document's matches. Source hits that are versions of
// one story collapse into one row (db/version-groups.ts).
import type { Db } from './open.ts';
import {
  DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type SearchCounts, type SearchHit, type SearchKind, type SearchOptions, type SearchPage, type SearchTotal,
} from '../common/types.ts';
import { ftsExpression, parseSearchQuery, wordExpressions, type SearchTerm } from './fts-query.ts';
import { findMatches } from './term-matches.ts';
import { makeSnippet } from './snippet.ts';
import { createVersionGroups } from './version-groups.ts';

/** Matches a probe reads: more than this, and a search ranks a candidate set. */
export const PROBE = 10_000;
/** Matches the first probe reads; only a search bm25 could rank fully reads on to PROBE. */
export const FIRST_PROBE = 2_000;
/** Newest matches ranked when a search is not selective (at least the limit asked for). */
export const CANDIDATES = 300;
/**
 * Matches a probe reads for a query with a phrase of common words: FTS5 checks
 * the phrase's positions in every source that has its words, so reading 2,000
 * matches of "in the year" went through the whole library (26 ms at 100,000
 * sources); the candidates alone are read (at most FIRST_PROBE).
 */
export const PHRASE_PROBE = CANDIDATES;
/** Characters of a candidate's text its score is read from. */
const HEAD = 16_384;
/** Characters times terms one candidate's score is read from: a query of many terms scores from less of each text (at least MIN_SCORED_CHARS). */
const SCORING_WORK = 16_384;
const MIN_SCORED_CHARS = 1_024;
/** Longer texts are not read to score a candidate (SQLite reads a whole text to cut its head; their title still counts). */
const MAX_SCORED_BYTES = 262_144;
/** Bytes of text one search reads for its hits' snippets; hits past it show no snippet (their title still shows). */
const SNIPPET_BYTES = 64_000_000;
/** Versions of the hits' stories not among the ranked hits checked for the query, at most, in one search (one indexed lookup each). */
const MAX_VERSION_CHECKS = 500;
/** Hits fetched per hit wanted, so that versions collapsing into one row still leave enough. */
const OVERFETCH = 3;
/** Common terms (more than PROBE matches) bm25 may still rank fully: each costs one pass over its doclist. */
const MAX_COMMON_TERMS = 2;
// BM25 (as FTS5's bm25())
const K1 = 1.2;
const B = 0.75;

/** The two bounds a search works within (tests set them small to reach every path with a few rows). */
export interface SearchBounds {
  probe: number;
  candidates: number;
  /** FIRST_PROBE, at most probe. */
  firstProbe?: number;
  /** PHRASE_PROBE, at most firstProbe. */
  phraseProbe?: number;
}

interface Ranked { kind: SearchKind; rid: number; tier: number; score: number }
/** A row as read for scoring and snippets: columns cut to HEAD characters ('' when not read), sizes in bytes. */
interface Candidate { rid: number; id: string; sourceId: string | null; title: string; columns: [string, string]; bytes: [number, number]; read: boolean }
/** Rows read during one search, by rowid, so that a row scored is not read again for its snippet. */
type Fetched = Map<number, Candidate>;
interface Spec {
  kind: SearchKind;
  fts: string;
  weights: [number, number];
  /** The column a snippet comes from, then the other one. */
  snippetColumns: [0 | 1, 0 | 1];
  /** The first and last rowid of the live rows (for the estimate: matches spread like rows). */
  span: string;
  /** In a collection (@c): how many rows, and how many at or after rowid @from. */
  members: string;
  /** Restricts rowid to a collection (@c), or null when this kind has no collection (notes). */
  inCollection: string | null;
  /** Per rowid (@rids): id, sourceId, title, and the size of each column in bytes (read from the record, not the text). */
  rows: string;
  /** Per rowid (@rids): the first @head characters of each column. */
  heads: string;
  /** One whole column of a row (@rid, @col). */
  column: string;
}

const SPECS: Spec[] = [
  {
    kind: 'source', fts: 'sources_fts', weights: [10, 1], snippetColumns: [1, 0],
    span: `SELECT (SELECT seq FROM sources INDEXED BY sources_summary WHERE deleted_at IS NULL ORDER BY seq LIMIT 1) AS first,
      (SELECT seq FROM sources INDEXED BY sources_summary WHERE deleted_at IS NULL ORDER BY seq DESC LIMIT 1) AS last`,
    members: `SELECT count(*) AS n, coalesce(sum(s.seq >= @from), 0) AS after FROM collection_sources cs
      JOIN sources s INDEXED BY sources_live_ids ON s.id = cs.source_id WHERE cs.collection_id = @c AND s.deleted_at IS NULL`,
    inCollection: `+rowid IN (SELECT s.seq FROM collection_sources cs JOIN sources s INDEXED BY sources_live_ids ON s.id = cs.source_id
      WHERE cs.collection_id = @c AND s.deleted_at IS NULL)`,
    rows: `SELECT s.seq AS rid, s.id, s.id AS sourceId, s.title, octet_length(s.title) AS b0, octet_length(s.text) AS b1
      FROM sources s WHERE s.seq IN (SELECT value FROM json_each(@rids))`,
    heads: `SELECT seq AS rid, title AS c0, substr(text, 1, @head) AS c1 FROM sources WHERE seq IN (SELECT value FROM json_each(@rids))`,
    column: 'SELECT CASE @col WHEN 0 THEN title ELSE text END FROM sources WHERE seq = @rid',
  },
  {
    kind: 'annotation', fts: 'annotations_fts', weights: [1, 1], snippetColumns: [0, 1],
    span: 'SELECT min(seq) AS first, max(seq) AS last FROM annotations',
    members: `SELECT count(*) AS n, coalesce(sum(a.seq >= @from), 0) AS after FROM collection_sources cs
      JOIN annotations a ON a.source_id = cs.source_id WHERE cs.collection_id = @c AND a.deleted_at IS NULL`,
    inCollection: `+rowid IN (SELECT a.seq FROM collection_sources cs JOIN annotations a ON a.source_id = cs.source_id
      WHERE cs.collection_id = @c AND a.deleted_at IS NULL)`,
    rows: `SELECT a.seq AS rid, a.id, a.source_id AS sourceId, s.title, octet_length(a.exact) AS b0, octet_length(a.comment) AS b1
      FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.seq IN (SELECT value FROM json_each(@rids))`,
    heads: `SELECT seq AS rid, substr(exact, 1, @head) AS c0, substr(comment, 1, @head) AS c1 FROM annotations
      WHERE seq IN (SELECT value FROM json_each(@rids))`,
    column: 'SELECT CASE @col WHEN 0 THEN exact ELSE comment END FROM annotations WHERE seq = @rid',
  },
  {
    kind: 'note', fts: 'notes_fts', weights: [10, 1], snippetColumns: [1, 0],
    span: 'SELECT min(seq) AS first, max(seq) AS last FROM notes',
    members: 'SELECT 0 AS n, 0 AS after',
    inCollection: null,
    rows: `SELECT n.seq AS rid, n.id, NULL AS sourceId, n.title, octet_length(n.title) AS b0, octet_length(n.text) AS b1
      FROM notes n WHERE n.seq IN (SELECT value FROM json_each(@rids))`,
    heads: `SELECT seq AS rid, title AS c0, substr(text, 1, @head) AS c1 FROM notes WHERE seq IN (SELECT value FROM json_each(@rids))`,
    column: 'SELECT CASE @col WHEN 0 THEN title ELSE text END FROM notes WHERE seq = @rid',
  },
];

/** The title-only index of sources (migration 0008), ranked first when a search is not selective. */
const TITLES = { fts: 'source_titles_fts', weight: 10 };

const matchClause = (fts: string, filter: string | null) => `${fts} MATCH @q${filter ? ` AND ${filter}` : ''}`;

/** BM25 of one row from term frequencies (weighted per column) and its length against the average; every term weighs the same. */
function bm25(freqs: number[], length: number, avgLength: number): number {
  let score = 0;
  const norm = K1 * (1 - B + (B * length) / avgLength);
  for (const f of freqs) if (f > 0) score += (f * (K1 + 1)) / (f + norm);
  return score;
}

/** A rough token count from a length in characters (the same for every row, so it only scales). */
const tokensIn = (chars: number): number => Math.max(1, chars / 6);

function createKindSearch(db: Db, spec: Spec, bounds: SearchBounds) {
  const filtered = (sql: (filter: string | null) => string) => ({
    all: db.prepare(sql(null)),
    inCollection: spec.inCollection ? db.prepare(sql(spec.inCollection)) : null,
  });
  const firstProbe = Math.min(bounds.firstProbe ?? FIRST_PROBE, bounds.probe);
  const phraseProbe = Math.min(bounds.phraseProbe ?? PHRASE_PROBE, firstProbe);
  const probe = filtered((f) => `SELECT rowid FROM ${spec.fts} WHERE ${matchClause(spec.fts, f)} ORDER BY rowid DESC LIMIT @n`);
  /** How many of the newest @n matches there are and the oldest of them, counted without handing each rowid over. */
  const probeCount = filtered((f) => `SELECT count(*) AS n, min(rid) AS oldest FROM (SELECT rowid AS rid FROM ${spec.fts}
    WHERE ${matchClause(spec.fts, f)} ORDER BY rowid DESC LIMIT @n)`);
  const full = filtered((f) => `SELECT rowid AS rid, -bm25(${spec.fts}, ${spec.weights.join(', ')}) AS score FROM ${spec.fts}
    WHERE ${matchClause(spec.fts, f)} ORDER BY score DESC LIMIT @n`);
  const termCount = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${spec.fts} WHERE ${spec.fts} MATCH @q LIMIT @n)`).pluck();
  const span = db.prepare(spec.span);
  const members = db.prepare(spec.members);
  const rows = db.prepare(spec.rows);
  const heads = db.prepare(spec.heads);
  const column = db.prepare(spec.column).pluck();
  const titles = spec.kind === 'source' ? {
    probe: filtered((f) => `SELECT rowid FROM ${TITLES.fts} WHERE ${matchClause(TITLES.fts, f)} ORDER BY rowid DESC LIMIT @n`),
    full: filtered((f) => `SELECT rowid AS rid, -bm25(${TITLES.fts}, ${TITLES.weight}) AS score FROM ${TITLES.fts}
      WHERE ${matchClause(TITLES.fts, f)} ORDER BY score DESC LIMIT @n`),
  } : null;
  const pick = <T>(s: { all: T; inCollection: T | null }, c: string | undefined): T => (c && s.inCollection ? s.inCollection : s.all);

  /**
   * The rows of these rowids, in this order, read once per search. Their
   * columns' heads are read while `budget` (bytes) lasts; a row over `maxBytes`
   * is never read (0: none is).
   */
  const candidates = (rids: number[], fetched: Fetched, budget = { bytes: 0 }, maxBytes = 0): Candidate[] => {
    const unknown = rids.filter((rid) => !fetched.has(rid));
    if (unknown.length > 0) {
      for (const r of rows.all({ rids: JSON.stringify(unknown) }) as Array<{ rid: number; id: string; sourceId: string | null; title: string; b0: number; b1: number }>) {
        fetched.set(r.rid, { rid: r.rid, id: r.id, sourceId: r.sourceId, title: r.title, columns: [r.title, ''], bytes: [r.b0 ?? 0, r.b1 ?? 0], read: false });
      }
    }
    const toRead: number[] = [];
    for (const rid of rids) {
      const c = fetched.get(rid);
      if (!c || c.read) continue;
      const size = c.bytes[0] + c.bytes[1];
      if (size > maxBytes || size > budget.bytes) continue;
      budget.bytes -= size;
      toRead.push(rid);
    }
    if (toRead.length > 0) {
      for (const h of heads.all({ rids: JSON.stringify(toRead), head: HEAD }) as Array<{ rid: number; c0: string | null; c1: string | null }>) {
        const c = fetched.get(h.rid)!;
        c.columns = [h.c0 ?? '', h.c1 ?? ''];
        c.read = true;
      }
    }
    return rids.flatMap((rid) => { const c = fetched.get(rid); return c ? [c] : []; });
  };

  /** Candidates scored from their text: tier `tier`, best first. */
  const scoreCandidates = (list: Candidate[], terms: readonly SearchTerm[], tier: number): Ranked[] => {
    if (list.length === 0) return [];
    const avg = list.reduce((n, c) => n + tokensIn(c.bytes[0] + c.bytes[1]), 0) / list.length;
    const to = Math.max(MIN_SCORED_CHARS, Math.floor(SCORING_WORK / terms.length));
    return list.map((c) => {
      const freqs = terms.map(() => 0);
      for (const col of [0, 1] as const) {
        for (const m of findMatches(c.columns[col], terms, { to })) freqs[m.term]! += spec.weights[col];
      }
      return { kind: spec.kind, rid: c.rid, tier, score: bm25(freqs, tokensIn(c.bytes[0] + c.bytes[1]), avg) };
    }).sort((a, b) => b.score - a.score || b.rid - a.rid);
  };

  /** An expression's matches, counted to PROBE + 1; `known` holds those already counted in this search. */
  const countOf = (fts: string, known: Map<string, number>): number => {
    let c = known.get(fts);
    if (c === undefined) known.set(fts, c = termCount.get({ q: fts, n: bounds.probe + 1 }) as number);
    return c;
  };

  /** Whether at least two of a phrase's words are common (each in more than PROBE rows). */
  const phraseOfCommonWords = (term: SearchTerm, known: Map<string, number>): boolean => {
    if (term.tokens.length < 2) return false;
    let commonWords = 0;
    for (const w of wordExpressions(term)) if (countOf(w, known) > bounds.probe && ++commonWords >= 2) return true;
    return false;
  };

  /**
   * Whether bm25 can rank every match quickly: its document-frequency pass
   * reads each term's doclist once, and checks a phrase's positions wherever
   * all its words occur. `known`: expressions' matches, counted to PROBE + 1,
   * where already counted.
   */
  const cheapToRankFully = (terms: readonly SearchTerm[], known: Map<string, number>): boolean => {
    const count = (fts: string): number => countOf(fts, known);
    const common = (fts: string): boolean => count(fts) > bounds.probe;
    let commonTerms = 0;
    // the doclist entries the pass reads: at most as many as for two common terms and one other (many terms add up, in a small library too)
    let work = 0;
    for (const t of terms) {
      if (t.tokens.length > 1) {
        // two common words: the phrase's positions are checked in most of the library
        if (phraseOfCommonWords(t, known) || common(t.fts)) return false;
      } else if (common(t.fts) && ++commonTerms > MAX_COMMON_TERMS) return false;
      work += count(t.fts);
      if (work > (MAX_COMMON_TERMS + 1) * (bounds.probe + 1)) return false;
    }
    return true;
  };

  /** Matches counted from the newest `read` + 1 (`n` of them, the oldest at rowid `oldest`): exact when n <= read. */
  const estimate = (n: number, oldest: number, read: number, collectionId: string | undefined): SearchTotal => {
    if (n <= read) return { count: n, exact: true };
    // if matches are spread like the rows, the share of rows at or after the oldest one read is the share of matches read
    let share: number;
    if (collectionId) {
      const m = members.get({ c: collectionId, from: oldest }) as { n: number; after: number };
      share = m.after / Math.max(1, m.n);
    } else {
      const { first, last } = span.get() as { first: number; last: number };
      share = (last - oldest + 1) / Math.max(1, last - first + 1);
    }
    return { count: Math.max(n, Math.round(n / Math.max(share, 1e-9))), exact: false };
  };

  /** How many match, counted to PROBE + 1. */
  const counted = (q: string, collectionId: string | undefined): SearchTotal => {
    const { n, oldest } = pick(probeCount, collectionId).get({ q, n: bounds.probe + 1, c: collectionId }) as { n: number; oldest: number };
    return estimate(n, oldest, bounds.probe, collectionId);
  };

  return {
    kind: spec.kind,
    /** This kind's best matches (about `want` of them, in rank order) and how many match. */
    rank(terms: readonly SearchTerm[], want: number, collectionId: string | undefined, fetched: Fetched): { ranked: Ranked[]; total: SearchTotal } {
      if (collectionId && !spec.inCollection) return { ranked: [], total: { count: 0, exact: true } };
      const q = ftsExpression(terms);
      const known = new Map<string, number>();
      // one term over the whole library: its count decides, read in the same pass (a long prefix's doclists are merged once)
      const oneTerm = terms.length === 1 && !collectionId;
      const commonPhrase = terms.some((t) => phraseOfCommonWords(t, known));
      const read = commonPhrase ? Math.min(firstProbe, Math.max(phraseProbe, want)) : oneTerm ? bounds.probe : firstProbe;
      const probed = pick(probe, collectionId).pluck().all({ q, n: read + 1, c: collectionId }) as number[];
      if (probed.length === 0) return { ranked: [], total: { count: 0, exact: true } };
      let total = estimate(probed.length, probed[probed.length - 1]!, read, collectionId);
      if (oneTerm && read === bounds.probe) known.set(terms[0]!.fts, total.exact ? total.count : bounds.probe + 1);
      let rankFully = false;
      if (total.exact) rankFully = cheapToRankFully(terms, known);
      else if (!oneTerm && cheapToRankFully(terms, known)) {
        total = counted(q, collectionId);
        rankFully = total.exact;
      }
      if (rankFully) {
        const ranked = (pick(full, collectionId).all({ q, n: want, c: collectionId }) as Array<{ rid: number; score: number }>)
          .map((r) => ({ kind: spec.kind, rid: r.rid, tier: 0, score: r.score }));
        return { ranked, total };
      }
      const taken = new Set<number>();
      const ranked: Ranked[] = [];
      if (titles) {
        // bm25's pass reads every term's doclist of titles: for a few terms only
        const few = terms.length <= MAX_COMMON_TERMS;
        const inTitles = pick(titles.probe, collectionId).pluck().all({ q, n: (few ? bounds.probe : Math.max(bounds.candidates, want)) + 1, c: collectionId }) as number[];
        const titleRanked = few && inTitles.length <= bounds.probe
          ? (pick(titles.full, collectionId).all({ q, n: want, c: collectionId }) as Array<{ rid: number; score: number }>)
            .map((r) => ({ kind: spec.kind, rid: r.rid, tier: 0, score: r.score }))
          : scoreCandidates(candidates(inTitles.slice(0, Math.max(bounds.candidates, want)), fetched), terms, 0);
        for (const r of titleRanked.slice(0, want)) { taken.add(r.rid); ranked.push(r); }
      }
      const recent = probed.slice(0, Math.max(bounds.candidates, want)).filter((rid) => !taken.has(rid));
      ranked.push(...scoreCandidates(candidates(recent, fetched, { bytes: Infinity }, MAX_SCORED_BYTES), terms, 1));
      return { ranked, total };
    },
    /** How many match, from the probe alone. */
    total(terms: readonly SearchTerm[], collectionId: string | undefined): SearchTotal {
      if (collectionId && !spec.inCollection) return { count: 0, exact: true };
      return counted(ftsExpression(terms), collectionId);
    },
    candidates,
    column: (rid: number, col: 0 | 1): string => (column.get({ rid, col }) as string | undefined) ?? '',
  };
}

/** Code points in text[0, end) (UTF-16 offsets in, code points out, as every stored offset is). */
function codePoints(text: string, end: number): number {
  let n = end;
  for (let i = 0; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) { n--; i++; }
  }
  return n;
}

export function createSearch(db: Db, bounds: SearchBounds = { probe: PROBE, candidates: CANDIDATES }) {
  const kinds = new Map(SPECS.map((spec) => [spec.kind, { spec, search: createKindSearch(db, spec, bounds) }]));
  const sourceKeys = db.prepare(`SELECT seq AS rid, id, title, length AS chars FROM sources INDEXED BY sources_summary
    WHERE deleted_at IS NULL AND seq IN (SELECT value FROM json_each(?))`);

  const storyOf = createVersionGroups(db);
  /** Whether a source matches the query (FTS5 seeks the one rowid): a version of a hit's story not among the ranked hits. */
  const sourceMatches = db.prepare('SELECT 1 FROM sources_fts WHERE sources_fts MATCH @q AND rowid = (SELECT seq FROM sources WHERE id = @id)').pluck();
  const collectionMembers = db.prepare(`SELECT source_id FROM collection_sources WHERE collection_id = ? AND source_id IN (SELECT value FROM json_each(?))`).pluck();

  /**
   * Source rows that are versions of one story become one (the best ranked), which counts and names the versions
   * that match too (a version without the words is not counted: "which outlets ran this quote?"): in a collection,
   * those of them in it (a story is still joined through a version outside it).
   */
  const collapseVersions = (ranked: Ranked[], collectionId: string | undefined, q: string): Array<Ranked & { versions?: string[] }> => {
    const rids = ranked.filter((r) => r.kind === 'source').map((r) => r.rid);
    const keys = new Map((sourceKeys.all(JSON.stringify(rids)) as Array<{ rid: number; id: string; title: string; chars: number }>)
      .map((r) => [r.rid, r]));
    const stories = storyOf([...keys.values()]);
    if (collectionId) {
      const all = [...new Set([...stories.values()].flat())];
      const members = new Set(collectionMembers.all(collectionId, JSON.stringify(all)) as string[]);
      for (const [id, story] of stories) stories.set(id, story.filter((m) => members.has(m)));
    }
    const rankedIds = new Set([...keys.values()].map((k) => k.id));
    let checks = MAX_VERSION_CHECKS;
    const matching = (id: string) => rankedIds.has(id) || (checks-- > 0 && sourceMatches.get({ q, id }) === 1);
    const shown = new Set<string>();
    const out: Array<Ranked & { versions?: string[] }> = [];
    for (const r of ranked) {
      const k = r.kind === 'source' ? keys.get(r.rid) : undefined;
      if (!k) { out.push(r); continue; }
      const members = stories.get(k.id)!;
      const story = members.reduce((a, b) => (a < b ? a : b));
      if (shown.has(story)) continue;
      shown.add(story);
      out.push({ ...r, versions: members.length > 1 ? members.filter(matching) : members });
    }
    return out;
  };

  /** The first `limit` rows once versions collapse, from as few ranked hits as that takes (exact repeats are those among them). */
  const firstRows = (ranked: Ranked[], limit: number, collectionId: string | undefined, q: string): Array<Ranked & { versions?: string[] }> => {
    for (let look = Math.min(ranked.length, 2 * limit); ; look = ranked.length) {
      const rows = collapseVersions(ranked.slice(0, look), collectionId, q);
      if (rows.length >= limit || look === ranked.length) return rows.slice(0, limit);
    }
  };

  /** A hit's snippet: from the preferred column's first matches, read whole when they lie past its head. */
  const snippetOf = (kind: ReturnType<typeof createKindSearch>, spec: Spec, c: Candidate, terms: readonly SearchTerm[], budget: { bytes: number }) => {
    if (!c.read) return { snippet: '', at: null };
    for (const col of spec.snippetColumns) {
      let text = c.columns[col];
      let first = findMatches(text, terms, { max: 64 });
      if (first.length === 0 && text.length >= HEAD && c.bytes[col] <= budget.bytes) {
        budget.bytes -= c.bytes[col];
        text = kind.column(c.rid, col);
        first = findMatches(text, terms, { max: 64 });
      }
      if (first.length > 0) {
        const made = makeSnippet(text, terms, first);
        return { snippet: made.snippet, at: col === 1 && made.match ? { start: codePoints(text, made.match.start), end: codePoints(text, made.match.end) } : null };
      }
    }
    return { snippet: makeSnippet(c.columns[spec.snippetColumns[0]], terms).snippet, at: null };
  };

  const hitsOf = (rows: Array<Ranked & { versions?: string[] }>, terms: readonly SearchTerm[], fetched: Map<SearchKind, Fetched>): SearchHit[] => {
    const budget = { bytes: SNIPPET_BYTES };
    for (const [kind, { search }] of kinds) search.candidates(rows.filter((r) => r.kind === kind).map((r) => r.rid), fetched.get(kind)!, budget, Infinity);
    return rows.flatMap((r) => {
      const c = fetched.get(r.kind)!.get(r.rid);
      if (!c) return [];
      const { spec, search } = kinds.get(r.kind)!;
      const { snippet, at } = snippetOf(search, spec, c, terms, budget);
      const hit: SearchHit = { kind: r.kind, id: c.id, sourceId: c.sourceId, title: c.title, snippet };
      if (r.kind === 'source') hit.at = at;
      if (r.versions && r.versions.length > 1) hit.versions = { count: r.versions.length, ids: r.versions };
      return [hit];
    });
  };

  const noTotals = (): Record<SearchKind, SearchTotal> => ({
    source: { count: 0, exact: true }, annotation: { count: 0, exact: true }, note: { count: 0, exact: true },
  });

  /** The best hits of every kind and how many of each match. */
  const page = (query: string, options: SearchOptions = {}): SearchPage => {
    const terms = parseSearchQuery(query);
    const totals = noTotals();
    if (terms.length === 0) return { hits: [], totals };
    const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, options.limit ?? DEFAULT_SEARCH_LIMIT));
    const want = Math.min(MAX_SEARCH_LIMIT, limit * OVERFETCH);
    const ranked: Ranked[] = [];
    const fetched = new Map<SearchKind, Fetched>([...kinds.keys()].map((k) => [k, new Map()]));
    for (const [kind, { search }] of kinds) {
      const r = search.rank(terms, want, options.collectionId, fetched.get(kind)!);
      totals[kind] = r.total;
      ranked.push(...r.ranked);
    }
    // tier 0 (ranked by bm25: every match, or the title matches) before tier 1 (the newest, scored here)
    ranked.sort((a, b) => a.tier - b.tier || b.score - a.score);
    return { hits: hitsOf(firstRows(ranked, limit, options.collectionId, ftsExpression(terms)), terms, fetched), totals };
  };

  /** How many of each kind match (the probes alone; estimated as in page). */
  const counts = (query: string, options: Pick<SearchOptions, 'collectionId'> = {}): SearchCounts => {
    const terms = parseSearchQuery(query);
    const totals = noTotals();
    if (terms.length > 0) for (const [kind, { search }] of kinds) totals[kind] = search.total(terms, options.collectionId);
    return { source: totals.source.count, annotation: totals.annotation.count, note: totals.note.count };
  };

  return { page, counts };
}

