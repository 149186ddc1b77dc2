import type { Db } from './open.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchCounts, type SearchHit, type SearchKind } from '../common/types.ts';
import { buildFtsQuery } from './fts-query.ts';

const O = SNIPPET_OPEN;
const C = SNIPPET_CLOSE;
const SNIPPET_TOKENS = 16;

/**
 * One ranked list over sources, annotations and notes. bm25 weights the title
 * column 10x above the body; annotation exact text and comments weigh alike.
 * Ranking runs first over rowids alone; snippets, the costly part, are made
 * only for the rows that make the cut.
 */
export function createSearch(db: Db) {
  const rankStmt = db.prepare(`
    SELECT 'source' AS kind, rowid AS rid, bm25(sources_fts, 10.0, 1.0) AS rank FROM sources_fts WHERE sources_fts MATCH @q
    UNION ALL
    SELECT 'annotation', rowid, bm25(annotations_fts, 1.0, 1.0) FROM annotations_fts WHERE annotations_fts MATCH @q
    UNION ALL
    SELECT 'note', rowid, bm25(notes_fts, 10.0, 1.0) FROM notes_fts WHERE notes_fts MATCH @q
    ORDER BY rank LIMIT @limit`);

  const detailStmts: Record<SearchKind, ReturnType<Db['prepare']>> = {
    source: db.prepare(`
      SELECT sources_fts.rowid AS rid, s.id, s.id AS sourceId, s.title,
             snippet(sources_fts, -1, '${O}', '${C}', '…', ${SNIPPET_TOKENS}) AS snippet
        FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
       WHERE sources_fts MATCH @q AND sources_fts.rowid IN (SELECT value FROM json_each(@rids))`),
    annotation: db.prepare(`
      SELECT annotations_fts.rowid AS rid, a.id, a.source_id AS sourceId, s.title,
             snippet(annotations_fts, -1, '${O}', '${C}', '…', ${SNIPPET_TOKENS}) AS snippet
        FROM annotations_fts JOIN annotations a ON a.seq = annotations_fts.rowid
        JOIN sources s ON s.id = a.source_id
       WHERE annotations_fts MATCH @q AND annotations_fts.rowid IN (SELECT value FROM json_each(@rids))`),
    note: db.prepare(`
      SELECT notes_fts.rowid AS rid, n.id, NULL AS sourceId, n.title,
             snippet(notes_fts, -1, '${O}', '${C}', '…', ${SNIPPET_TOKENS}) AS snippet
        FROM notes_fts JOIN notes n ON n.seq = notes_fts.rowid
       WHERE notes_fts MATCH @q AND notes_fts.rowid IN (SELECT value FROM json_each(@rids))`),
  };

  return (query: string, limit = 50): SearchHit[] => {
    const q = buildFtsQuery(query);
    if (q === null) return [];
    const ranked = rankStmt.all({ q, limit }) as Array<{ kind: SearchKind; rid: number }>;
    const details = new Map<string, Omit<SearchHit, 'kind'>>();
    for (const kind of ['source', 'annotation', 'note'] as const) {
      const rids = ranked.filter((r) => r.kind === kind).map((r) => r.rid);
      if (rids.length === 0) continue;
      for (const { rid, ...hit } of detailStmts[kind].all({ q, rids: JSON.stringify(rids) }) as Array<Omit<SearchHit, 'kind'> & { rid: number }>) {
        details.set(`${kind}:${rid}`, hit);
      }
    }
    return ranked.flatMap(({ kind, rid }) => {
      const hit = details.get(`${kind}:${rid}`);
      return hit ? [{ kind, ...hit }] : [];
    });
  };
}

/** How many sources, annotations and notes match a query (the full-text indexes hold live rows only). */
export function createSearchCounts(db: Db) {
  const countStmt = db.prepare(`
    SELECT (SELECT count(*) FROM sources_fts WHERE sources_fts MATCH @q) AS source,
           (SELECT count(*) FROM annotations_fts WHERE annotations_fts MATCH @q) AS annotation,
           (SELECT count(*) FROM notes_fts WHERE notes_fts MATCH @q) AS note`);
  return (query: string): SearchCounts => {
    const q = buildFtsQuery(query);
    if (q === null) return { source: 0, annotation: 0, note: 0 };
    return countStmt.get({ q }) as SearchCounts;
  };
}
