// A source's original file and page map (migration 0007) as sync reads and
// writes them: the stored bytes exactly as kept (compressed or not), never
// decoded here. Which sources still wait for their original from the server
// is sync_originals_wanted (migration 0017).
import type { SourcePage } from '../common/types.ts';
import type { ImportFormat } from '../common/import-formats.ts';
import type { StoredOriginal } from './sources.ts';
import type { Db } from './write.ts';

/** What a synced original says of itself; its bytes travel beside it. */
export interface OriginalMeta {
  format: ImportFormat;
  codec: StoredOriginal['codec'];
  /** The original file's size, bytes (decompressed). */
  size: number;
  /** How many bytes are stored (what travels). */
  stored: number;
}

export type SyncOriginals = ReturnType<typeof createSyncOriginals>;

export function createSyncOriginals(db: Db) {
  const s = {
    meta: db.prepare('SELECT format, codec, size, length(bytes) AS stored FROM source_originals WHERE source_id = ?'),
    bytes: db.prepare('SELECT bytes FROM source_originals WHERE source_id = ?').pluck(),
    pages: db.prepare('SELECT page, label, start_cp AS start FROM source_pages WHERE source_id = ? ORDER BY page'),
    replaceOriginal: db.prepare(`INSERT INTO source_originals (source_id, format, codec, size, bytes)
      VALUES (@sourceId, @format, @codec, @size, @bytes)
      ON CONFLICT(source_id) DO UPDATE SET format = excluded.format, codec = excluded.codec, size = excluded.size, bytes = excluded.bytes`),
    clearPages: db.prepare('DELETE FROM source_pages WHERE source_id = ?'),
    insertPage: db.prepare('INSERT INTO source_pages (source_id, page, label, start_cp) VALUES (?, ?, ?, ?)'),
    want: db.prepare('INSERT OR IGNORE INTO sync_originals_wanted (source_id) VALUES (?)'),
    unwant: db.prepare('DELETE FROM sync_originals_wanted WHERE source_id = ?'),
    // only those whose source is here (an original is stored beside its source)
    wanted: db.prepare(`SELECT w.source_id FROM sync_originals_wanted w JOIN sources s ON s.id = w.source_id
      ORDER BY w.source_id LIMIT ?`).pluck(),
    dropPurged: db.prepare('DELETE FROM sync_originals_wanted WHERE source_id IN (SELECT id FROM purged)'),
  };
  return {
    meta: (sourceId: string) => s.meta.get(sourceId) as OriginalMeta | undefined,
    bytes: (sourceId: string) => s.bytes.get(sourceId) as Buffer | undefined,
    pages: (sourceId: string) => s.pages.all(sourceId) as SourcePage[],
    /** Stores an original (and its page map) that arrived, in place of any kept here. */
    write(sourceId: string, meta: Omit<OriginalMeta, 'stored'>, bytes: Uint8Array, pages: readonly SourcePage[]): void {
      s.replaceOriginal.run({ sourceId, ...meta, bytes });
      s.clearPages.run(sourceId);
      for (const p of pages) s.insertPage.run(sourceId, p.page, p.label, p.start);
    },
    want: (sourceId: string) => { s.want.run(sourceId); },
    unwant: (sourceId: string) => { s.unwant.run(sourceId); },
    /** Sources here still waiting for their original. */
    wanted: (limit: number) => s.wanted.all(limit) as string[],
    /** Forgets the wanted originals of sources purged meanwhile. */
    forgetPurged: () => { s.dropPurged.run(); },
  };
}
