import { createWriter, type Db, type Write } from './write.ts';
import { MAX_SOURCE_PAGE, type Source, type SourceCount, type SourceFilter, type SourceListQuery, type SourceMeta, type SourcePage, type SourceSort, type SourceSummary } from '../common/types.ts';
import { importFormat, type ImportFormat } from '../common/import-formats.ts';
import { createRevisionPlaces } from './revision-places.ts';
import { newId, now } from './ids.ts';
import { sortTitle, sortTitlePrefix } from './sort-title.ts';
import { TAG_OR_CHILD } from './tags.ts';
import { STORY_REACH } from './version-groups.ts';

/** The original file's bytes as stored (migration 0007): gzip-compressed, or as they are when that does not help. */
export interface StoredOriginal {
  codec: 'gzip' | 'identity';
  /** Size of the original file in bytes. */
  size: number;
  bytes: Uint8Array;
}

export interface NewSourceRow extends SourceMeta {
  originalPath: string | null;
  originalName: string;
  sha256: string;
  encoding: string;
  text: string;
  chars: number;
  /** What the bytes were read as; stored with the original. */
  format?: ImportFormat;
  /** The original bytes (every import since migration 0007 keeps them). */
  original?: StoredOriginal | null;
  /** A PDF's page starts. */
  pages?: readonly SourcePage[] | null;
}

interface SourceRow {
  id: string; title: string; published: string | null; publisher: string | null; url: string | null;
  byline: string | null; original_path: string | null; original_name: string; sha256: string;
  encoding: string; text: string; length: number; imported_at: string; updated_at: string;
  format: ImportFormat | null; has_original: 0 | 1;
}

/** A source imported before originals were kept: its format is what its name says. */
const formatByName = (name: string): ImportFormat => {
  const dot = name.lastIndexOf('.');
  return (dot > 0 && importFormat(name.slice(dot))) || 'text';
};

const toSource = (r: SourceRow, pages: SourcePage[]): Source => ({
  id: r.id, title: r.title, published: r.published, publisher: r.publisher, url: r.url, byline: r.byline,
  originalPath: r.original_path, originalName: r.original_name, sha256: r.sha256, encoding: r.encoding,
  text: r.text, chars: r.length, importedAt: r.imported_at, updatedAt: r.updated_at,
  format: r.format ?? formatByName(r.original_name), hasOriginal: r.has_original === 1, pages,
});

const META_COLUMNS = { title: 'title', published: 'published', publisher: 'publisher', url: 'url', byline: 'byline' } as const;

// Listing reads indexes only (migration 0008): every column after `text` lies
// behind a long text's overflow pages. Each order is one partial index over the
// live rows; seq breaks ties.
const ORDER_BY: Record<SourceSort, string> = {
  title: 'sort_title, seq',
  date: 'published DESC, sort_title, seq', // undated (NULL) last
  imported: 'imported_at DESC, seq DESC',
};
/** Rows that come before the row @p (published), @t (sort_title), @i (imported_at), @seq in each order. */
const BEFORE: Record<SourceSort, string> = {
  title: '(sort_title, seq) < (@t, @seq)',
  date: `CASE WHEN @p IS NULL THEN published IS NOT NULL OR (sort_title, seq) < (@t, @seq)
         ELSE published > @p OR (published = @p AND (sort_title, seq) < (@t, @seq)) END`,
  imported: '(imported_at, seq) > (@i, @seq)',
};
/** The live sources in a collection, or whose annotations carry a tag or one of its children (a filter on "a" takes "a/b"). */
const FILTERS = {
  collection: `seq IN (SELECT s2.seq FROM collection_sources cs JOIN sources s2 INDEXED BY sources_live_ids ON s2.id = cs.source_id
    WHERE cs.collection_id = @collectionId AND s2.deleted_at IS NULL)`,
  tag: `seq IN (SELECT s2.seq FROM tags t JOIN annotation_tags at ON at.tag_id = t.id JOIN annotations a ON a.id = at.annotation_id
    JOIN sources s2 INDEXED BY sources_live_ids ON s2.id = a.source_id
    WHERE a.deleted_at IS NULL AND s2.deleted_at IS NULL AND t.deleted_at IS NULL AND ${TAG_OR_CHILD})`,
  ids: `seq IN (SELECT s2.seq FROM sources s2 INDEXED BY sources_live_ids WHERE s2.id IN (SELECT value FROM json_each(@ids)) AND s2.deleted_at IS NULL)`,
  versions: `seq IN (SELECT s2.seq FROM (${versionPairs()}) v JOIN sources s2 INDEXED BY sources_live_ids ON s2.id = v.id AND s2.deleted_at IS NULL)`,
};

/**
 * (id, other) for each relation that makes two live sources versions of one
 * story (as search groups them, db/version-groups.ts: version or revision, not
 * dismissed), both ways.
 */
function versionPairs(): string {
  const side = (id: string, other: string) => `SELECT r.${id} AS id, r.${other} AS other FROM source_relations r
    JOIN sources o INDEXED BY sources_live_ids ON o.id = r.${other} AND o.deleted_at IS NULL
    WHERE r.dismissed = 0 AND r.kind IN ('version', 'revision')`;
  return `${side('a_id', 'b_id')} UNION ALL ${side('b_id', 'a_id')}`;
}

type Params = Record<string, unknown>;

function whereOf(filter: SourceFilter): { sql: string; params: Params } {
  const parts = ['deleted_at IS NULL'];
  const params: Params = {};
  if (filter.collectionId) { parts.push(FILTERS.collection); params.collectionId = filter.collectionId; }
  if (filter.tag) { parts.push(FILTERS.tag); params.tag = filter.tag; }
  if (filter.ids) { parts.push(FILTERS.ids); params.ids = JSON.stringify(filter.ids); }
  if (filter.withVersions) parts.push(FILTERS.versions);
  return { sql: parts.join(' AND '), params };
}

export type SourceRepo = ReturnType<typeof createSourceRepo>;

export function createSourceRepo(db: Db, write: Write = createWriter(db)) {
  const insertStmt = db.prepare(`INSERT INTO sources
    (id, title, published, publisher, url, byline, original_path, original_name, sha256, encoding, text, length, imported_at, updated_at, sort_title)
    VALUES (@id, @title, @published, @publisher, @url, @byline, @originalPath, @originalName, @sha256, @encoding, @text, @chars, @at, coalesce(@updatedAt, @at), @sortTitle)`);
  const getStmt = db.prepare(`SELECT s.*, o.format, o.seq IS NOT NULL AS has_original
    FROM live_sources s LEFT JOIN source_originals o ON o.source_id = s.id WHERE s.id = ?`);
  const pagesStmt = db.prepare('SELECT page, label, start_cp AS start FROM source_pages WHERE source_id = ? ORDER BY page');
  const insertOriginalStmt = db.prepare(`INSERT INTO source_originals (source_id, format, codec, size, bytes)
    VALUES (@sourceId, @format, @codec, @size, @bytes)`);
  const insertPageStmt = db.prepare('INSERT INTO source_pages (source_id, page, label, start_cp) VALUES (?, ?, ?, ?)');
  const originalStmt = db.prepare('SELECT format, codec, size, bytes FROM source_originals WHERE source_id = ?');
  const byShaStmt = db.prepare('SELECT id FROM live_sources WHERE sha256 = ?');
  const existsStmt = db.prepare('SELECT 1 FROM sources INDEXED BY sources_live_ids WHERE id = ? AND deleted_at IS NULL').pluck();
  const summaryStmt = db.prepare(`SELECT seq, id, title, published, publisher, length, imported_at FROM sources INDEXED BY sources_summary
    WHERE deleted_at IS NULL AND seq IN (SELECT value FROM json_each(@seqs))`);
  const annotationCountStmt = db.prepare(`SELECT source_id AS id, count(*) AS n FROM annotations
    WHERE source_id IN (SELECT value FROM json_each(@ids)) AND deleted_at IS NULL GROUP BY source_id`);
  // the other versions of each source's story, walked as search groups a story
  const versionCountStmt = db.prepare(`${STORY_REACH} SELECT root AS id, count(*) - 1 AS n FROM reach GROUP BY root`);
  const revisionPlaces = createRevisionPlaces(db);
  const sourceTagsStmt = db.prepare(`SELECT DISTINCT a.source_id AS id, t.name FROM annotations a
    JOIN annotation_tags at ON at.annotation_id = a.id JOIN tags t ON t.id = at.tag_id
    WHERE a.source_id IN (SELECT value FROM json_each(@ids)) AND a.deleted_at IS NULL AND t.deleted_at IS NULL`);
  // Counting the live rows of an index reads every one of them (3-10 ms at 100,000, on the library's
  // first frame); all rows less the trash is two b-tree counts (0.02 ms), the undated an index range.
  const liveCountStmt = db.prepare(`SELECT (SELECT count(*) FROM sources)
    - (SELECT count(*) FROM sources INDEXED BY sources_deleted WHERE deleted_at IS NOT NULL)`).pluck();
  const undatedCountStmt = db.prepare('SELECT count(*) FROM sources INDEXED BY sources_by_date WHERE deleted_at IS NULL AND published IS NULL').pluck();
  const keysStmt = db.prepare('SELECT seq, published, sort_title AS t, imported_at AS i FROM sources WHERE id = ? AND deleted_at IS NULL');
  const trashStmt = db.prepare('UPDATE sources SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const replaceTextStmt = db.prepare(`UPDATE sources SET text = @text, encoding = @encoding, length = @chars, updated_at = @at
    WHERE id = @id AND deleted_at IS NULL`);
  const maxSeqStmt = db.prepare('SELECT coalesce(max(seq), 0) FROM sources').pluck();
  const indexSinceStmts = [
    db.prepare('INSERT INTO sources_fts (rowid, title, text) SELECT seq, lectern_fts_text(title), lectern_fts_text(text) FROM sources WHERE seq > ?'),
    db.prepare('INSERT INTO source_titles_fts (rowid, title) SELECT seq, lectern_fts_text(title) FROM sources WHERE seq > ?'),
  ];
  const indexSince = (seq: number) => { for (const s of indexSinceStmts) s.run(seq); };
  const unsortedStmt = db.prepare('SELECT seq, title FROM sources INDEXED BY sources_unsorted WHERE sort_title IS NULL LIMIT 1000');
  const setSortStmt = db.prepare('UPDATE sources SET sort_title = ? WHERE seq = ?');
  /** Open batches: rows inserted inside one are indexed when the outermost ends. */
  let batchDepth = 0;
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };

  /** Summaries of these rows, in this order. */
  const summaries = (seqs: number[]): SourceSummary[] => {
    if (seqs.length === 0) return [];
    const rows = summaryStmt.all({ seqs: JSON.stringify(seqs) }) as Array<{ seq: number; id: string; title: string;
      published: string | null; publisher: string | null; length: number; imported_at: string }>;
    const ids = JSON.stringify(rows.map((r) => r.id));
    const counts = new Map((annotationCountStmt.all({ ids }) as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
    const versions = new Map((versionCountStmt.all({ ids }) as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
    const places = revisionPlaces(rows.map((r) => r.id));
    const tags = new Map<string, string[]>();
    for (const { id, name } of sourceTagsStmt.all({ ids }) as Array<{ id: string; name: string }>) {
      const list = tags.get(id);
      if (list) list.push(name);
      else tags.set(id, [name]);
    }
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    return seqs.flatMap((seq) => {
      const r = bySeq.get(seq);
      return r ? [{
        id: r.id, title: r.title, published: r.published, publisher: r.publisher, chars: r.length,
        annotationCount: counts.get(r.id) ?? 0, importedAt: r.imported_at, tags: (tags.get(r.id) ?? []).sort(),
        versions: versions.get(r.id) ?? 0, ...(places.has(r.id) ? { revision: places.get(r.id)! } : {}),
      }] : [];
    });
  };

  return {
    /** Inserts a source; it is searchable at once, or at the end of the enclosing batch. */
    insert(row: NewSourceRow, keep?: { id: string; importedAt: string; updatedAt: string }): Source {
      return write(() => {
        const id = keep?.id ?? newId();
        const { lastInsertRowid } = insertStmt.run({
          ...row, id, at: keep?.importedAt ?? now(), updatedAt: keep?.updatedAt ?? null, sortTitle: sortTitle(row.title),
        });
        if (row.original) {
          const { codec, size, bytes } = row.original;
          insertOriginalStmt.run({ sourceId: id, format: row.format ?? formatByName(row.originalName), codec, size, bytes });
        }
        for (const p of row.pages ?? []) insertPageStmt.run(id, p.page, p.label, p.start);
        if (batchDepth === 0) indexSince(Number(lastInsertRowid) - 1);
        return this.get(id)!;
      });
    },
    /**
     * Runs fn in a write transaction (a savepoint when nested) and full-text indexes
     * every source it inserted in one statement at the end. Rows undone by an
     * inner savepoint are simply not there to index.
     */
    batch<T>(fn: () => T): T {
      return write(() => {
        const before = maxSeqStmt.get() as number;
        batchDepth++;
        let result: T;
        try {
          result = fn();
        } finally {
          batchDepth--;
        }
        if (batchDepth === 0) indexSince(before);
        return result;
      });
    },
    get(id: string): Source | undefined {
      const r = getStmt.get(id) as SourceRow | undefined;
      return r && toSource(r, pagesStmt.all(id) as SourcePage[]);
    },
    /** The original file's bytes as stored (still compressed), or undefined when they were not kept. */
    original(id: string): (StoredOriginal & { format: ImportFormat }) | undefined {
      return originalStmt.get(id) as (StoredOriginal & { format: ImportFormat }) | undefined;
    },
    /** Whether a live source has this id (without reading its text). */
    exists(id: string): boolean {
      return existsStmt.get(id) !== undefined;
    },
    findIdBySha256(sha256: string): string | undefined {
      return (byShaStmt.get(sha256) as { id: string } | undefined)?.id;
    },
    /**
     * Live sources, filtered, in one of the library's orders (default: newest
     * import first), sorted by the database; a page of them with offset/limit.
     */
    list(query: SourceListQuery = {}): SourceSummary[] {
      const { sql, params } = whereOf(query);
      // LIMIT -1: no limit
      const seqs = prepared(`SELECT seq FROM sources WHERE ${sql} ORDER BY ${ORDER_BY[query.sort ?? 'imported']} LIMIT @limit OFFSET @offset`).pluck()
        .all({ ...params, limit: query.limit ?? -1, offset: query.offset ?? 0 }) as number[];
      const out: SourceSummary[] = [];
      for (let i = 0; i < seqs.length; i += MAX_SOURCE_PAGE) out.push(...summaries(seqs.slice(i, i + MAX_SOURCE_PAGE)));
      return out;
    },
    /** How many sources a filter takes (and how many of those are undated), and how many the library holds. */
    count(filter: SourceFilter = {}): SourceCount {
      const library = liveCountStmt.get() as number;
      if (!(filter.collectionId || filter.tag || filter.ids || filter.withVersions)) {
        return { total: library, undated: undatedCountStmt.get() as number, library };
      }
      const { sql, params } = whereOf(filter);
      const r = prepared(`SELECT count(*) AS total, coalesce(sum(published IS NULL), 0) AS undated FROM sources INDEXED BY sources_by_date WHERE ${sql}`)
        .get(params) as { total: number; undated: number };
      return { total: r.total, undated: r.undated, library };
    },
    /**
     * Where a source is in a listing (its offset), or, given typed text, the
     * first source whose title starts with it (in title order: the first at or
     * after it). Null when there is none.
     */
    locate(query: SourceListQuery, target: { id: string } | { titlePrefix: string }): number | null {
      const { sql, params } = whereOf(query);
      const sort = query.sort ?? 'imported';
      let id: string;
      if ('id' in target) id = target.id;
      else {
        const key = sortTitlePrefix(target.titlePrefix);
        if (sort === 'title') {
          const n = prepared(`SELECT count(*) FROM sources WHERE ${sql} AND sort_title < @key`).pluck().get({ ...params, key }) as number;
          const total = this.count(query).total;
          return n < total ? n : null;
        }
        const first = prepared(`SELECT id FROM sources WHERE ${sql} AND sort_title >= @key AND sort_title < @key || char(1114111)
          ORDER BY ${ORDER_BY[sort]} LIMIT 1`).pluck().get({ ...params, key }) as string | undefined;
        if (first === undefined) return null;
        id = first;
      }
      const keys = keysStmt.get(id) as { seq: number; published: string | null; t: string; i: string } | undefined;
      if (!keys) return null;
      const inFilter = prepared(`SELECT 1 FROM sources WHERE ${sql} AND seq = @seq`).get({ ...params, seq: keys.seq });
      if (!inFilter) return null;
      return prepared(`SELECT count(*) FROM sources WHERE ${sql} AND (${BEFORE[sort]})`).pluck()
        .get({ ...params, p: keys.published, t: keys.t, i: keys.i, seq: keys.seq }) as number;
    },
    /** Gives sources from before migration 0008 their sort key, a thousand rows per write. Returns how many. */
    fillSortTitles(writer: Write = write): number {
      let done = 0;
      for (;;) {
        const rows = unsortedStmt.all() as Array<{ seq: number; title: string }>;
        if (rows.length === 0) return done;
        writer(() => { for (const r of rows) setSortStmt.run(sortTitle(r.title), r.seq); });
        done += rows.length;
      }
    },
    /** Updates descriptive fields only (the text changes only through replaceText). Returns undefined for an unknown id. */
    updateMeta(id: string, patch: Partial<SourceMeta>): Source | undefined {
      const sets: string[] = [];
      const params: Record<string, unknown> = { id, at: now() };
      for (const [key, column] of Object.entries(META_COLUMNS)) {
        if (key in patch) {
          sets.push(`${column} = @${key}`);
          params[key] = patch[key as keyof SourceMeta];
        }
      }
      if (patch.title !== undefined) {
        sets.push('sort_title = @sortTitle');
        params.sortTitle = sortTitle(patch.title);
      }
      return write(() => {
        if (sets.length > 0) {
          db.prepare(`UPDATE sources SET ${sets.join(', ')}, updated_at = @at WHERE id = @id AND deleted_at IS NULL`).run(params);
        }
        return this.get(id);
      });
    },
    /**
     * Replaces a live source's text with the same original bytes decoded again
     * ("Reopen with encoding…"), with the descriptive fields read from it. The
     * full-text indexes follow through their triggers (sources_fts_au,
     * source_titles_fts_au), the sync outbox through sync_sources_au. False for an unknown id.
     */
    replaceText(id: string, next: { text: string; encoding: string; chars: number; meta: Partial<SourceMeta> }): boolean {
      return write(() => {
        if (!existsStmt.get(id)) return false;
        replaceTextStmt.run({ id, text: next.text, encoding: next.encoding, chars: next.chars, at: now() });
        if (Object.keys(next.meta).length > 0) this.updateMeta(id, next.meta);
        return true;
      });
    },
    /** Moves a source, and with it its annotations, to the trash (restore with the trash repo). */
    delete(id: string): boolean {
      return write(() => trashStmt.run(now(), id).changes > 0);
    },
  };
}
