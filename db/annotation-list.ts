// The library's annotations in one listing (the Annotations view, `lectern
// annotations`, the passage exports): filtered, sorted and paged in SQL. Every
// order is one index of annotation_order (migration 0019: each live
// annotation's keys, kept by triggers), so a page at any offset is an index
// walk, never a sort, and a page after a known row (`after`, the previous
// page's `next`) is a seek. Source order: sources by title, then each source's
// annotations by position. Date orders: annotations by date. Tag order: by
// each annotation's first live tag (names without case, as the codebook sorts
// them), then source order; the untagged follow, in source order.
import {
  MAX_ANNOTATION_PAGE, type AnnotationCursor, type AnnotationFilter, type AnnotationListItem, type AnnotationPage, type AnnotationQuery,
  type AnnotationSort, type SourcePage,
} from '../common/types.ts';
import type { Db } from './write.ts';
import { buildFtsQuery } from './fts-query.ts';
import { TAGS_OF_A, toAnnotation, type AnnotationRow } from './annotations.ts';
import { TAG_OR_CHILD, normaliseTag } from './tags.ts';
import { createRevisionPlaces } from './revision-places.ts';

export const DEFAULT_ANNOTATION_PAGE = 100;

const FILTERS = {
  // (from the tags, which are few, to their uses: CROSS JOIN keeps that order; the planner read every use, 14 ms at 50,000)
  tag: `k.seq IN (SELECT ta.seq FROM tags t CROSS JOIN annotation_tags at ON at.tag_id = t.id JOIN annotations ta ON ta.id = at.annotation_id
    WHERE t.deleted_at IS NULL AND ${TAG_OR_CHILD})`,
  colors: 'a.color IN (SELECT value FROM json_each(@colors))',
  sourceIds: 'k.source_seq IN (SELECT seq FROM sources WHERE id IN (SELECT value FROM json_each(@sourceIds)))',
  collectionId: `k.source_seq IN (SELECT s.seq FROM collection_sources cs JOIN sources s ON s.id = cs.source_id
    WHERE cs.collection_id = @collectionId)`,
  text: 'k.seq IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH @match)',
};

const SOURCE_KEYS = 'k.title, k.source_seq, k.start_cp, k.seq';
const SOURCE_AFTER = '(@title, @sourceSeq, @start, @seq)';
/** The tag order is walked in two parts (orderedKeys): the tagged by their first tag, then the untagged. */
type Walk = Exclude<AnnotationSort, 'tag'> | 'tagged' | 'untagged';
/** Each walk: its index, what else a row must be, its ORDER BY (the index's order), and the rows after a cursor in it. */
const ORDER: Record<Walk, { index: string; also?: string; by: string; after: string }> = {
  source: { index: 'annotation_order_by_source', by: SOURCE_KEYS, after: `(${SOURCE_KEYS}) > ${SOURCE_AFTER}` },
  newest: { index: 'annotation_order_by_created', by: 'k.created DESC, k.seq DESC', after: '(k.created, k.seq) < (@created, @seq)' },
  oldest: { index: 'annotation_order_by_created', by: 'k.created, k.seq', after: '(k.created, k.seq) > (@created, @seq)' },
  // (tag > '': the non-NULL tags as an index range; a tag's name is never empty)
  tagged: { index: 'annotation_order_by_tag', also: "k.tag > ''", by: `k.tag, ${SOURCE_KEYS}`, after: `(k.tag, ${SOURCE_KEYS}) > (@tag, @title, @sourceSeq, @start, @seq)` },
  untagged: { index: 'annotation_order_by_tag', also: 'k.tag IS NULL', by: SOURCE_KEYS, after: `(${SOURCE_KEYS}) > ${SOURCE_AFTER}` },
};

type Params = Record<string, string | number | null>;

/**
 * A filter as SQL over annotation_order k (joined to annotations a only for a colour: the rest are k's own columns).
 * `tagOnly`: the filter is a tag and nothing else, so its count is the codebook's stored one (tag_counts, migration 0021).
 */
interface Where { join: boolean; sql: string[]; params: Params; tagOnly?: string }

/** The WHERE clause of a filter, or null when it can match nothing (a text with no words). */
function whereOf(filter: AnnotationFilter): Where | null {
  const parts: string[] = [];
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
  return { join: parts.some((p) => p.includes('a.')), sql: parts, params, ...(tag && parts.length === 1 ? { tagOnly: tag } : {}) };
}

const cursorParams = (c: AnnotationCursor): Params =>
  ({ tag: c.tag, title: c.title, sourceSeq: c.sourceSeq, start: c.start, created: c.created, seq: c.seq });

type ListRow = AnnotationRow & { source_title: string; source_sha256: string; source_published: string | null };
interface KeyRow { seq: number; tag: string | null; title: string; source_seq: number; start_cp: number; created: string }

/** A row's keys as the cursor that seeks past it. */
const cursorOf = (k: KeyRow | undefined): AnnotationCursor | null =>
  k ? { tag: k.tag, title: k.title, sourceSeq: k.source_seq, start: k.start_cp, created: k.created, seq: k.seq } : null;

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
  const from = (where: Where, index?: string) =>
    `annotation_order k${index ? ` INDEXED BY ${index}` : ''}${where.join ? ' CROSS JOIN annotations a ON a.seq = k.seq' : ''}`;
  const conditions = (...parts: Array<string | undefined>) => {
    const all = parts.filter((p): p is string => Boolean(p));
    return all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
  };
  /** Two steps: the order (only index entries pass), then the page's rows in full (rowsOf). */
  function walk(where: Where, w: Walk, offset: number, limit: number, after?: AnnotationCursor): KeyRow[] {
    const o = ORDER[w];
    // (with a cursor the tagged walk needs no `also`: after a tag is a tag, and the cursor's range alone is what the index seeks)
    const also = after && w === 'tagged' ? undefined : o.also;
    const sql = `SELECT k.seq, k.tag, k.title, k.source_seq, k.start_cp, k.created FROM ${from(where, o.index)}${conditions(...where.sql, also, after ? o.after : undefined)}
      ORDER BY ${o.by} LIMIT @limit OFFSET @offset`;
    return prepared(sql).all({ ...where.params, ...(after ? cursorParams(after) : {}), limit, offset }) as KeyRow[];
  }
  const countOf = (where: Where, also?: string) => {
    if (where.tagOnly !== undefined && also === undefined) {
      return (prepared('SELECT total FROM tag_counts WHERE path = ?').pluck().get(where.tagOnly) as number | undefined) ?? 0;
    }
    return prepared(`SELECT count(*) FROM ${from(where)}${conditions(...where.sql, also)}`).pluck().get(where.params) as number;
  };

  /**
   * The keys of the annotations at [offset, offset + limit) of an order, or
   * with a cursor of the `limit` after it (offset then unused).
   */
  function orderedKeys(where: Where, sort: AnnotationSort, offset: number, limit: number, after?: AnnotationCursor): KeyRow[] {
    if (sort !== 'tag') return after ? walk(where, sort, 0, limit, after) : walk(where, sort, offset, limit);
    if (after && after.tag === null) return walk(where, 'untagged', 0, limit, after);
    const tagged = after ? walk(where, 'tagged', 0, limit, after) : walk(where, 'tagged', offset, limit);
    if (tagged.length === limit) return tagged;
    // the page reaches past the tagged ones: the untagged from where they start
    const skip = after || tagged.length > 0 || offset === 0 ? 0 : offset - countOf(where, ORDER.tagged.also);
    const rest = walk(where, 'untagged', Math.max(0, skip), limit - tagged.length);
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

  const revisionPlaces = createRevisionPlaces(db);
  const pagesStmt = db.prepare('SELECT page, label, start_cp AS start FROM source_pages WHERE source_id = ? ORDER BY page');

  function count(filter: AnnotationFilter = {}): number {
    const where = whereOf(filter);
    return where ? countOf(where) : 0;
  }

  function page(query: AnnotationQuery = {}): AnnotationPage {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? DEFAULT_ANNOTATION_PAGE, MAX_ANNOTATION_PAGE);
    const where = whereOf(query);
    if (!where) return { total: 0, offset, items: [], next: null };
    const keys = orderedKeys(where, query.sort ?? 'source', offset, limit, query.after);
    // (a row deleted between the two reads is left out of the page: rowsOf reads live and trashed rows alike, so only a purge can)
    const items = rowsOf(keys.map((k) => k.seq));
    const places = revisionPlaces([...new Set(items.map((a) => a.sourceId))]);
    return {
      total: countOf(where), offset, next: cursorOf(keys.at(-1)),
      items: items.map((a) => places.has(a.sourceId) ? { ...a, sourceRevision: places.get(a.sourceId)! } : a),
    };
  }

  return {
    count,
    page,
    /** A listed passage's source's page map (a PDF's; empty for other sources), for citing its page (common/pages.ts). */
    pagesOf: (sourceId: string): SourcePage[] => pagesStmt.all(sourceId) as SourcePage[],
    /** Every annotation a filter takes, in its order, read a page at a time (each page a seek from the last). */
    *all(query: Omit<AnnotationQuery, 'offset' | 'limit' | 'after'> = {}): Generator<AnnotationListItem> {
      const where = whereOf(query);
      if (!where) return;
      const sort = query.sort ?? 'source';
      for (let after: AnnotationCursor | undefined; ;) {
        const keys = orderedKeys(where, sort, 0, MAX_ANNOTATION_PAGE, after);
        yield* rowsOf(keys.map((k) => k.seq));
        const last = cursorOf(keys.at(-1));
        if (keys.length < MAX_ANNOTATION_PAGE || !last) return;
        after = last;
      }
    },
  };
}
