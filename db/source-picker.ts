// Sources found by their title, for a picker (the Annotations view's source
// filter): every word typed must be in the title, the last one as a prefix
// ("bank of eng" finds "Bank of England"). Bounded at 100,000 sources: the
// titles that start with the text come from the title index, at most
// `limit`; the others from the titles' full-text index, at most CANDIDATES of
// them read (index order, not ranked over every match), then by title here.
import type { SourceTitleMatch, SourceTitleMatches } from '../common/types.ts';
import type { Db } from './write.ts';
import { buildFtsQuery } from './fts-query.ts';
import { sortTitlePrefix } from './sort-title.ts';

const CANDIDATES = 300;
export const DEFAULT_TITLE_MATCHES = 20;

type Row = Omit<SourceTitleMatch, 'importedAt'> & { sort_title: string; imported_at: string };

export function createSourcePicker(db: Db) {
  const startsStmt = db.prepare(`SELECT id, title, published, imported_at, sort_title FROM sources INDEXED BY sources_by_title
    WHERE deleted_at IS NULL AND sort_title >= @key AND sort_title < @key || char(1114111) ORDER BY sort_title, seq LIMIT @limit`);
  const wordsStmt = db.prepare(`SELECT s.id, s.title, s.published, s.imported_at, s.sort_title FROM source_titles_fts f
    JOIN sources s ON s.seq = f.rowid
    WHERE source_titles_fts MATCH @match AND s.deleted_at IS NULL LIMIT ${CANDIDATES + 1}`);

  return function findByTitle(text: string, limit = DEFAULT_TITLE_MATCHES): SourceTitleMatches {
    const typed = text.trim();
    if (!typed) return { items: [], more: false };
    const lastIsPrefix = /[\p{L}\p{N}]$/u.test(typed);
    const match = buildFtsQuery(lastIsPrefix ? `${typed}*` : typed);
    const starts = startsStmt.all({ key: sortTitlePrefix(typed), limit: limit + 1 }) as Row[];
    const words = match === null ? [] : wordsStmt.all({ match }) as Row[];
    const seen = new Set<string>();
    const all = [...starts, ...words.sort((a, b) => (a.sort_title < b.sort_title ? -1 : a.sort_title > b.sort_title ? 1 : 0))]
      .filter((r) => !seen.has(r.id) && !!seen.add(r.id));
    return {
      items: all.slice(0, limit).map((r) => ({ id: r.id, title: r.title, published: r.published, importedAt: r.imported_at })),
      more: all.length > limit || words.length > CANDIDATES,
    };
  };
}
