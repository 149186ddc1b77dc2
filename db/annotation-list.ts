// The library's annotations in one listing (the Annotations view, `lectern
// annotations`, the passage exports): filtered, sorted and paged in SQL, every
// order walking indexes so a page near the top costs the same at 1,000
// annotations as at 50,000 and the whole set is never sorted. Source order:
// sources by title, then each source's annotations by position. Date orders:
// annotations by date. Tag order: tags by name (their NOCASE unique index),
// then each tag's uses whose tag is the annotation's first live one; only the
// uses of one tag at a time are sorted into source order; the untagged follow,
// in source order.
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
  sourceIds: 'a.source_id IN (SELECT value FROM json_each(@sourceIds))',
  collectionId: 'a.source_id IN (SELECT source_id FROM collection_sources WHERE collection_id = @collectionId)',
  text: 'a.seq IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH @match)',
};

/** A live tag of `a` whose name comes before tag `t`'s (names compare without case, as the unique index does). */
const EARLIER_TAG = `EXISTS (SELECT 1 FROM annotation_tags o JOIN tags ot ON ot.id = o.tag_id
  WHERE o.annotation_id = a.id AND ot.deleted_at IS NULL AND ot.name < t.name)`;
const ANY_TAG = `EXISTS (SELECT 1 FROM annotation_tags o JOIN tags ot ON ot.id = o.tag_id
  WHERE o.annotation_id = a.id AND ot.deleted_at IS NULL)`;

// (CROSS JOIN fixes which table is the outer loop: the one whose index gives the order)
const SOURCE_WALK = `sources s INDEXED BY sources_by_title CROSS JOIN annotations a INDEXED BY annotations_by_source ON a.source_id = s.id`;
const DATE_WALK = `annotations a INDEXED BY annotations_by_created CROSS JOIN sources s INDEXED BY sources_live_ids ON s.id = a.source_id`;
// (sqlite_autoindex_tags_2: tags.name's UNIQUE COLLATE NOCASE; sources_live_sort_keys: migration 0012)
const TAG_WALK = `tags t INDEXED BY sqlite_autoindex_tags_2 CROSS JOIN annotation_tags at INDEXED BY annotation_tags_by_tag ON at.tag_id = t.id
  CROSS JOIN annotations a ON a.id = at.annotation_id CROSS JOIN sources s INDEXED BY sources_live_sort_keys ON s.id = a.source_id`;
const SOURCE_ORDER = 's.sort_title, s.seq, a.start_cp, a.seq';
/** Each order: the tables walked, what else a row must be, and the ORDER BY its walk gives (or, for tags, nearly). */
type Walk = Exclude<AnnotationSort, 'tag'> | 'tagged' | 'untagged';
const ORDER: Record<Walk, { from: string; also?: string; by: string }> = {
  source: { from: SOURCE_WALK, by: SOURCE_ORDER },
  newest: { from: DATE_WALK, by: 'a.created DESC, a.seq DESC' },
  oldest: { from: DATE_WALK, by: 'a.created, a.seq' },
  // the tag order in two parts (orderedSeqs): annotations under their first live tag, then the untagged
  tagged: { from: TAG_WALK, also: `t.deleted_at IS NULL AND NOT ${EARLIER_TAG}`, by: `t.name, ${SOURCE_ORDER}` },
  untagged: { from: SOURCE_WALK, also: `NOT ${ANY_TAG}`, by: SOURCE_ORDER },
};

type Params = Record<string, string | number>;

interface Where { sql: string; params: Params }

/** The WHERE clause of a filter, or null when it can match nothing (a text with no words). */
function whereOf(filter: AnnotationFilter): Where | null {
  const parts = ['a.deleted_at IS NULL'];
  const params: Params = {};
  const tag = filter.tag === undefined ? '' : normaliseTag(filter.tag);
  if (tag) { parts.push(FILTERS.tag); params.tag = tag; }
  if (filter.colors && filter.colors.length > 0) { parts.push(FILTERS.colors); params.colors = JSON.stringify(filter.colors); }
  const sourceIds = [...(filter.sourceId ? [filter.sourceId] : []), ...(filter.sourceIds ?? [])];
  if (sourceIds.length > 0) { parts.push(FILTERS.sourceIds); params.sourceIds = JSON.stringify(sourceIds); }
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
  const walkSql = (where: string, w: Walk) => `SELECT a.seq FROM ${ORDER[w].from}
    WHERE s.deleted_at IS NULL AND ${where}${ORDER[w].also ? ` AND ${ORDER[w].also}` : ''} ORDER BY ${ORDER[w].by} LIMIT @limit OFFSET @offset`;
  const walk = (where: Where, w: Walk, offset: number, limit: number) =>
    prepared(walkSql(where.sql, w)).pluck().all({ ...where.params, limit, offset }) as number[];
  // without a filter, answered from annotations_live_by_source alone (migration 0013)
  const countOf = (where: Where, also = '') => prepared(`SELECT count(*) FROM annotations a
      WHERE a.source_id IN (SELECT id FROM sources INDEXED BY sources_live_ids WHERE deleted_at IS NULL) AND ${where.sql}${also}`)
    .pluck().get(where.params) as number;

  /** The annotations at [offset, offset + limit) of an order (limit -1: all from offset). */
  function orderedSeqs(where: Where, sort: AnnotationSort, offset: number, limit: number): number[] {
    if (sort !== 'tag') return walk(where, sort, offset, limit);
    const tagged = walk(where, 'tagged', offset, limit);
    if (tagged.length === limit) return tagged;
    // the page reaches past the tagged ones: the untagged from where they start
    const taggedTotal = tagged.length > 0 || offset === 0 ? offset + tagged.length : countOf(where, ` AND ${ANY_TAG}`);
    const rest = walk(where, 'untagged', Math.max(0, offset - taggedTotal), limit < 0 ? -1 : limit - tagged.length);
    return [...tagged, ...rest];
  }
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
    return where ? countOf(where) : 0;
  }

  function page(query: AnnotationQuery = {}): AnnotationPage {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? DEFAULT_ANNOTATION_PAGE, MAX_ANNOTATION_PAGE);
    const where = whereOf(query);
    if (!where) return { total: 0, offset, items: [] };
    const seqs = orderedSeqs(where, query.sort ?? 'source', offset, limit);
    // (a row deleted between the two reads is left out of the page: rowsOf reads live and trashed rows alike, so only a purge can)
    return { total: countOf(where), offset, items: rowsOf(seqs) };
  }

  return {
    count,
    page,
    /** Every annotation a filter takes, in its order (the order read once, the rows a page at a time). */
    *all(query: Omit<AnnotationQuery, 'offset' | 'limit'> = {}): Generator<AnnotationListItem> {
      const where = whereOf(query);
      if (!where) return;
      const seqs = orderedSeqs(where, query.sort ?? 'source', 0, -1);
      for (let i = 0; i < seqs.length; i += MAX_ANNOTATION_PAGE) yield* rowsOf(seqs.slice(i, i + MAX_ANNOTATION_PAGE));
    },
  };
}
