-- Sync (issue 15.1): a source's original file and a PDF's page map travel to
-- other machines, in a document of their own, 'original:' || source id, the
-- stored (compressed) bytes as its attachment and the page map in its body
-- (electron/sync/kinds.ts). source_originals and source_pages stay local
-- tables: they never change after import, and go out with their source (its
-- outbox entry), as the text does; a purge of the source purges them
-- (ON DELETE CASCADE) and the next push sends the original's tombstone.
--
-- Libraries that synced before this migration have sent their sources
-- without originals: each source with an original goes out once more (its
-- source and text documents are unchanged, so only the original is sent).
DELETE FROM sync_outbox WHERE doc_id IN (SELECT 'source:' || source_id FROM source_originals);
INSERT INTO sync_outbox (doc_id) SELECT 'source:' || source_id FROM source_originals ORDER BY seq;

-- Sources whose original this library is still to fetch: a source that
-- arrived here, or an original that changed on the server. Fetched after the
-- batch that named them, so a big original never holds back the source; kept
-- across a cut-off pull until fetched, found missing or refused.
CREATE TABLE sync_originals_wanted (
  source_id TEXT PRIMARY KEY
) WITHOUT ROWID;
