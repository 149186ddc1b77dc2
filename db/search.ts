import type { Db } from './open.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../common/types.ts';
import { buildFtsQuery } from './fts-query.ts';

const O = SNIPPET_OPEN;
const C = SNIPPET_CLOSE;

/**
 * One ranked list over sources, annotations and notes. bm25 weights the title
 * column 10x above the body; annotation exact text and comments weigh alike.
 */
export function createSearch(db: Db) {
  const stmt = db.prepare(`
    SELECT kind, id, source_id AS sourceId, title, snippet, rank FROM (
      SELECT 'source' AS kind, s.id, s.id AS source_id, s.title,
             snippet(sources_fts, -1, '${O}', '${C}', '…', 16) AS snippet,
             bm25(sources_fts, 10.0, 1.0) AS rank
        FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
       WHERE sources_fts MATCH @q
      UNION ALL
      SELECT 'annotation', a.id, a.source_id, s.title,
             snippet(annotations_fts, -1, '${O}', '${C}', '…', 16),
             bm25(annotations_fts, 1.0, 1.0)
        FROM annotations_fts JOIN annotations a ON a.seq = annotations_fts.rowid
        JOIN sources s ON s.id = a.source_id
       WHERE annotations_fts MATCH @q
      UNION ALL
      SELECT 'note', n.id, NULL, n.title,
             snippet(notes_fts, -1, '${O}', '${C}', '…', 16),
             bm25(notes_fts, 10.0, 1.0)
        FROM notes_fts JOIN notes n ON n.seq = notes_fts.rowid
       WHERE notes_fts MATCH @q
    ) ORDER BY rank LIMIT @limit`);

  return (query: string, limit = 50): SearchHit[] => {
    const q = buildFtsQuery(query);
    if (q === null) return [];
    return (stmt.all({ q, limit }) as Array<SearchHit & { rank: number }>).map(({ rank: _rank, ...hit }) => hit);
  };
}
