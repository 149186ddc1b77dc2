import { createWriter, type Db, type Write } from './write.ts';
import type { Source, SourceMeta, SourcePage, SourceSummary } from '../common/types.ts';
import { importFormat, type ImportFormat } from '../common/import-formats.ts';
import { newId, now } from './ids.ts';

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

export type SourceRepo = ReturnType<typeof createSourceRepo>;

export function createSourceRepo(db: Db, write: Write = createWriter(db)) {
  const insertStmt = db.prepare(`INSERT INTO sources
    (id, title, published, publisher, url, byline, original_path, original_name, sha256, encoding, text, length, imported_at, updated_at)
    VALUES (@id, @title, @published, @publisher, @url, @byline, @originalPath, @originalName, @sha256, @encoding, @text, @chars, @at, coalesce(@updatedAt, @at))`);
  const getStmt = db.prepare(`SELECT s.*, o.format, o.seq IS NOT NULL AS has_original
    FROM live_sources s LEFT JOIN source_originals o ON o.source_id = s.id WHERE s.id = ?`);
  const pagesStmt = db.prepare('SELECT page, label, start_cp AS start FROM source_pages WHERE source_id = ? ORDER BY page');
  const insertOriginalStmt = db.prepare(`INSERT INTO source_originals (source_id, format, codec, size, bytes)
    VALUES (@sourceId, @format, @codec, @size, @bytes)`);
  const insertPageStmt = db.prepare('INSERT INTO source_pages (source_id, page, label, start_cp) VALUES (?, ?, ?, ?)');
  const originalStmt = db.prepare('SELECT format, codec, size, bytes FROM source_originals WHERE source_id = ?');
  const byShaStmt = db.prepare('SELECT id FROM live_sources WHERE sha256 = ?');
  const listStmt = db.prepare(`SELECT s.id, s.title, s.published, s.publisher, s.length, s.imported_at,
      (SELECT count(*) FROM annotations a WHERE a.source_id = s.id AND a.deleted_at IS NULL) AS annotation_count,
      (SELECT json_group_array(DISTINCT t.name) FROM annotations a
         JOIN annotation_tags at ON at.annotation_id = a.id JOIN tags t ON t.id = at.tag_id
        WHERE a.source_id = s.id AND a.deleted_at IS NULL) AS tags
    FROM live_sources s ORDER BY s.imported_at DESC, s.seq DESC`);
  const trashStmt = db.prepare('UPDATE sources SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const maxSeqStmt = db.prepare('SELECT coalesce(max(seq), 0) FROM sources').pluck();
  const indexSinceStmt = db.prepare(`INSERT INTO sources_fts (rowid, title, text)
    SELECT seq, title, text FROM sources WHERE seq > ?`);
  /** Open batches: rows inserted inside one are indexed when the outermost ends. */
  let batchDepth = 0;

  return {
    /** Inserts a source; it is searchable at once, or at the end of the enclosing batch. */
    insert(row: NewSourceRow, keep?: { id: string; importedAt: string; updatedAt: string }): Source {
      return write(() => {
        const id = keep?.id ?? newId();
        const { lastInsertRowid } = insertStmt.run({ ...row, id, at: keep?.importedAt ?? now(), updatedAt: keep?.updatedAt ?? null });
        if (row.original) {
          const { codec, size, bytes } = row.original;
          insertOriginalStmt.run({ sourceId: id, format: row.format ?? formatByName(row.originalName), codec, size, bytes });
        }
        for (const p of row.pages ?? []) insertPageStmt.run(id, p.page, p.label, p.start);
        if (batchDepth === 0) indexSinceStmt.run(Number(lastInsertRowid) - 1);
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
        if (batchDepth === 0) indexSinceStmt.run(before);
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
    findIdBySha256(sha256: string): string | undefined {
      return (byShaStmt.get(sha256) as { id: string } | undefined)?.id;
    },
    list(): SourceSummary[] {
      return (listStmt.all() as Array<{ id: string; title: string; published: string | null; publisher: string | null;
        length: number; imported_at: string; annotation_count: number; tags: string }>).map((r) => ({
        id: r.id, title: r.title, published: r.published, publisher: r.publisher, chars: r.length,
        annotationCount: r.annotation_count, importedAt: r.imported_at,
        tags: (JSON.parse(r.tags) as string[]).sort(),
      }));
    },
    /** Updates descriptive fields only; the text is immutable. Returns undefined for an unknown id. */
    updateMeta(id: string, patch: Partial<SourceMeta>): Source | undefined {
      const sets: string[] = [];
      const params: Record<string, unknown> = { id, at: now() };
      for (const [key, column] of Object.entries(META_COLUMNS)) {
        if (key in patch) {
          sets.push(`${column} = @${key}`);
          params[key] = patch[key as keyof SourceMeta];
        }
      }
      return write(() => {
        if (sets.length > 0) {
          db.prepare(`UPDATE sources SET ${sets.join(', ')}, updated_at = @at WHERE id = @id AND deleted_at IS NULL`).run(params);
        }
        return this.get(id);
      });
    },
    /** Moves a source, and with it its annotations, to the trash (restore with the trash repo). */
    delete(id: string): boolean {
      return write(() => trashStmt.run(now(), id).changes > 0);
    },
  };
}
