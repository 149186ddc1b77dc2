// The library's annotations in one listing (the Annotations view, `lectern
// annotations`, the passage exports): filtered, sorted and paged in SQL, so a
// page costs the same whether the library holds 1,000 annotations or 50,000.
import {
  MAX_ANNOTATION_PAGE, type AnnotationFilter, type AnnotationListItem, type AnnotationPage, type AnnotationQuery, type AnnotationSort,
} from '../common/types.ts';
import type { Db } from './write.ts';
import { buildFtsQuery } from './fts-query.ts';
import { TAGS_OF_A, toAnnotation, type AnnotationRow } from './annotations.ts';
import { TAG_OR_CHILD, normaliseTag } from './tags.ts';

export const DEFAULT_ANNOTATION_PAGE = 100;

// Sources are read once each (their title and hash sit before the long text; sort_title after it).
const SOURCES = `WITH src AS MATERIALIZED (SELECT id, seq, title, sha256, published, sort_title FROM sources
  WHERE deleted_at IS NULL AND id IN (SELECT DISTINCT source_id FROM annotations WHERE deleted_at IS NULL))`;

const FILTERS = {
  tag: `a.id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
    WHERE t.deleted_at IS NULL AND ${TAG_OR_CHILD})`,
  colors: 'a.color IN (SELECT value FROM json_each(@colors))',
  sourceId: 'a.source_id = @sourceId',
  collectionId: 'a.source_id IN (SELECT source_id FROM collection_sources WHERE collection_id = @collectionId)',
  text: 'a.seq IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH @match)',
};

const FIRST_TAG = `(SELECT min(t.name) FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
  WHERE at.annotation_id = a.id AND t.deleted_at IS NULL)`;

const BY_SOURCE = 'src.sort_title, src.seq, a.start_cp, a.end_cp, a.seq';
const ORDER: Record<AnnotationSort, string> = {
  source: BY_SOURCE,
  newest: 'a.created DESC, a.seq DESC',
  oldest: 'a.created, a.seq',
  tag: `${FIRST_TAG} IS NULL, ${FIRST_TAG} COLLATE NOCASE, ${BY_SOURCE}`,
};

type Params = Record<string, string | number>;

/** The WHERE clause of a filter, or null when it can match nothing (a text with no words). */
function whereOf(filter: AnnotationFilter): { sql: string; params: Params } | null {
  const parts = ['a.deleted_at IS NULL'];
  const params: Params = {};
  const tag = filter.tag === undefined ? '' : normaliseTag(filter.tag);
  if (tag) { parts.push(FILTERS.tag); params.tag = tag; }
  if (filter.colors && filter.colors.length > 0) { parts.push(FILTERS.colors); params.colors = JSON.stringify(filter.colors); }
  if (filter.sourceId) { parts.push(FILTERS.sourceId); params.sourceId = filter.sourceId; }
  if (filter.collectionId) { parts.push(FILTERS.collectionId); params.collectionId = filter.collectionId; }
  if (filter.text !== undefined && filter.text.trim() !== '') {
    const match = buildFtsQuery(filter.text);
    if (match === null) return null;
    parts.push(FILTERS.text);
    params.match = match;
  }
  return { sql: parts.join(' AND '), params };
}

type ListRow = AnnotationRow & { source_title: string; source_sha256: string; source_published: string | null };

const toItem = (r: ListRow): AnnotationListItem => ({
  ...toAnnotation(r), sourceTitle: r.source_title, sourceSha256: r.source_sha256, sourcePublished: r.source_published,
});

export type AnnotationList = ReturnType<typeof createAnnotationList>;

export function createAnnotationList(db: Db) {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const selectSql = (where: string, sort: AnnotationSort) => `${SOURCES}
    SELECT a.*, ${TAGS_OF_A} AS tags, src.title AS source_title, src.sha256 AS source_sha256, src.published AS source_published
    FROM annotations a JOIN src ON src.id = a.source_id WHERE ${where} ORDER BY ${ORDER[sort]} LIMIT @limit OFFSET @offset`;

  function count(filter: AnnotationFilter = {}): number {
    const where = whereOf(filter);
    if (!where) return 0;
    return prepared(`${SOURCES} SELECT count(*) FROM annotations a JOIN src ON src.id = a.source_id WHERE ${where.sql}`)
      .pluck().get(where.params) as number;
  }

  function page(query: AnnotationQuery = {}): AnnotationPage {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? DEFAULT_ANNOTATION_PAGE, MAX_ANNOTATION_PAGE);
    const where = whereOf(query);
    if (!where) return { total: 0, offset, items: [] };
    const rows = prepared(selectSql(where.sql, query.sort ?? 'source')).all({ ...where.params, limit, offset }) as ListRow[];
    return { total: count(query), offset, items: rows.map(toItem) };
  }

  return {
    count,
    page,
    /** Every annotation a filter takes, in its order, read in one statement (one snapshot; consume it before the next call). */
    *all(query: Omit<AnnotationQuery, 'offset' | 'limit'> = {}): Generator<AnnotationListItem> {
      const where = whereOf(query);
      if (!where) return;
      const rows = prepared(selectSql(where.sql, query.sort ?? 'source')).iterate({ ...where.params, limit: -1, offset: 0 });
      for (const row of rows) yield toItem(row as ListRow);
    },
  };
}
