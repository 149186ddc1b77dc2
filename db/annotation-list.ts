// The library's annotations in one listing (the Annotations view, `lectern
// annotations`, the passage exports): filtered, sorted and paged in SQL. The
// source and date orders walk indexes (sources by title, then each source's
// annotations by position; annotations by date), so a page near the top
// costs the same at 1,000 annotations as at 50,000 and nothing is sorted; the
// tag order sorts (each annotation's first tag is not indexed).
import {
  MAX_ANNOTATION_PAGE, type AnnotationFilter, type AnnotationListItem, type AnnotationPage, type AnnotationQuery, type AnnotationSort,
} from '../common/types.ts';
import type { Db } from './write.ts';
import { buildFtsQuery } from './fts-query.ts';
import { TAGS_OF_A, toAnnotation, type AnnotationRow } from './annotations.ts';
import { TAG_OR_CHILD, normaliseTag } from './tags.ts';

export const DEFAULT_ANNOTATION_PAGE = 100;

const FILTERS = {
  tag: `a.id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
    WHERE t.deleted_at IS NULL AND ${TAG_OR_CHILD})`,
  colors: 'a.color IN (SELECT value FROM json_each(@colors))',
  sourceId: 'a.source_id = @sourceId',
  collectionId: 'a.source_id IN (SELECT source_id FROM collection_sources WHERE collection_id = @collectionId)',
  text: 'a.seq IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH @match)',
};

/** Each annotation's first live tag (names compare without case), for the tag order: one grouped pass, joined. */
const FIRST_TAG = `LEFT JOIN (SELECT at.annotation_id AS aid, min(t.name) AS name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
  WHERE t.deleted_at IS NULL GROUP BY at.annotation_id) first_tag ON first_tag.aid = a.id`;

// (CROSS JOIN fixes which table is the outer loop: the one whose index gives the order)
const SOURCE_WALK = `sources s INDEXED BY sources_by_title CROSS JOIN annotations a INDEXED BY annotations_by_source ON a.source_id = s.id`;
const DATE_WALK = `annotations a INDEXED BY annotations_by_created CROSS JOIN sources s INDEXED BY sources_live_ids ON s.id = a.source_id`;
const ORDER: Record<AnnotationSort, { from: string; by: string }> = {
  source: { from: SOURCE_WALK, by: 's.sort_title, s.seq, a.start_cp, a.seq' },
  newest: { from: DATE_WALK, by: 'a.created DESC, a.seq DESC' },
  oldest: { from: DATE_WALK, by: 'a.created, a.seq' },
  tag: {
    from: `${SOURCE_WALK} ${FIRST_TAG}`,
    by: 'first_tag.name IS NULL, first_tag.name COLLATE NOCASE, s.sort_title, s.seq, a.start_cp, a.seq',
  },
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
  // Two steps: the order (only sort keys and rowids pass through the sorter), then the page's rows in full.
  const orderSql = (where: string, sort: AnnotationSort) => `SELECT a.seq FROM ${ORDER[sort].from}
    WHERE s.deleted_at IS NULL AND ${where} ORDER BY ${ORDER[sort].by} LIMIT @limit OFFSET @offset`;
  const rowsStmt = db.prepare(`SELECT a.*, ${TAGS_OF_A} AS tags, s.title AS source_title, s.sha256 AS source_sha256,
    s.published AS source_published FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.seq IN (SELECT value FROM json_each(?))`);
  /** The rows of these annotations, in this order. */
  const rowsOf = (seqs: number[]): AnnotationListItem[] => {
    if (seqs.length === 0) return [];
    const bySeq = new Map((rowsStmt.all(JSON.stringify(seqs)) as Array<ListRow & { seq: number }>).map((r) => [r.seq, r]));
    return seqs.flatMap((q) => { const r = bySeq.get(q); return r ? [toItem(r)] : []; });
  };

  function count(filter: AnnotationFilter = {}): number {
    const where = whereOf(filter);
    if (!where) return 0;
    // without a filter, answered from annotations_live_by_source alone (migration 0013)
    return prepared(`SELECT count(*) FROM annotations a
      WHERE a.source_id IN (SELECT id FROM sources INDEXED BY sources_live_ids WHERE deleted_at IS NULL) AND ${where.sql}`)
      .pluck().get(where.params) as number;
  }

  function page(query: AnnotationQuery = {}): AnnotationPage {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? DEFAULT_ANNOTATION_PAGE, MAX_ANNOTATION_PAGE);
    const where = whereOf(query);
    if (!where) return { total: 0, offset, items: [] };
    const seqs = prepared(orderSql(where.sql, query.sort ?? 'source')).pluck().all({ ...where.params, limit, offset }) as number[];
    // (a row deleted between the two reads is left out of the page: rowsOf reads live and trashed rows alike, so only a purge can)
    return { total: count(query), offset, items: rowsOf(seqs) };
  }

  return {
    count,
    page,
    /** Every annotation a filter takes, in its order (the order read once, the rows a page at a time). */
    *all(query: Omit<AnnotationQuery, 'offset' | 'limit'> = {}): Generator<AnnotationListItem> {
      const where = whereOf(query);
      if (!where) return;
      const seqs = prepared(orderSql(where.sql, query.sort ?? 'source')).pluck().all({ ...where.params, limit: -1, offset: 0 }) as number[];
      for (let i = 0; i < seqs.length; i += MAX_ANNOTATION_PAGE) yield* rowsOf(seqs.slice(i, i + MAX_ANNOTATION_PAGE));
    },
  };
}
