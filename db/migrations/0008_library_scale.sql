-- A library of 100,000 sources: listing from indexes, prefix search that stays
-- bounded, a title index, and collections.
--
-- Listing. Every column after `text` (length, imported_at, deleted_at, and
-- sort_title added here) sits behind a long text's overflow pages, so a list
-- never reads the table: the sort orders are partial indexes over live rows
-- (their rowid, seq, breaks ties), and a covering index holds what a list row
-- shows. sort_title (db/sort-title.ts: folded, leading punctuation dropped,
-- numbers in numeric order) is written by the store with each source; rows
-- from before this migration get theirs when the store opens
-- (sources_unsorted finds them without a scan).
ALTER TABLE sources ADD COLUMN sort_title TEXT;
-- deleted_at leads each index: a query's `deleted_at IS NULL` is then answered
-- from the index (a partial index's WHERE alone does not cover the column)
CREATE INDEX sources_by_title ON sources(deleted_at, sort_title) WHERE deleted_at IS NULL;
-- DESC: undated sources (NULL) come last, newest first
CREATE INDEX sources_by_date ON sources(deleted_at, published DESC, sort_title) WHERE deleted_at IS NULL;
CREATE INDEX sources_by_imported ON sources(deleted_at, imported_at) WHERE deleted_at IS NULL;
CREATE INDEX sources_summary ON sources(deleted_at, seq, id, title, published, publisher, length, imported_at) WHERE deleted_at IS NULL;
CREATE INDEX sources_live_ids ON sources(id, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX sources_unsorted ON sources(seq) WHERE sort_title IS NULL;

-- Collections: named groups of sources; a source can be in several. Deleting
-- a collection moves it to the trash (its members stay where they are);
-- deleting a source keeps its memberships for its restore.
CREATE TABLE collections (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX collections_live_name ON collections(name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE TABLE collection_sources (
  collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  added_at TEXT NOT NULL,
  PRIMARY KEY (collection_id, source_id)
) WITHOUT ROWID;
CREATE INDEX collection_sources_by_source ON collection_sources(source_id);
CREATE VIEW live_collections AS SELECT * FROM collections WHERE deleted_at IS NULL;

-- The trash and its tombstones know collections too. `purged` is rebuilt for
-- its CHECK; the triggers that write it are dropped first (a rename re-reads
-- every trigger naming the table) and made again as they were.
DROP TRIGGER sources_purged;
DROP TRIGGER annotations_purged;
DROP TRIGGER notes_purged;
CREATE TABLE purged_new (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('source', 'annotation', 'note', 'collection')),
  deleted_at TEXT NOT NULL,
  purged_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO purged_new SELECT id, kind, deleted_at, purged_at FROM purged;
DROP TABLE purged;
ALTER TABLE purged_new RENAME TO purged;
CREATE TRIGGER sources_purged AFTER DELETE ON sources BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'source', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER annotations_purged AFTER DELETE ON annotations BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'annotation', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER notes_purged AFTER DELETE ON notes BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'note', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER collections_purged AFTER DELETE ON collections BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'collection', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- Prefix search. Without a prefix index FTS5 answers "s*" by merging the
-- doclist of every term that starts with s: about 1 s at 100,000 sources,
-- whatever the LIMIT. Prefixes of 1 to 3 characters are indexed now (the
-- index grows by about half); longer ones are merged, as they cover few
-- terms. The triggers of 0004 name the table and keep working.
DROP TABLE sources_fts;
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, text, content='live_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');

-- Titles alone, for the searches that match a large share of the library:
-- every source whose title matches is ranked, quickly, before the rest are
-- sampled (db/search.ts). Kept with the live rows like sources_fts (new
-- sources are indexed by the store with their batch).
CREATE VIRTUAL TABLE source_titles_fts USING fts5(
  title, content='live_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO source_titles_fts(source_titles_fts) VALUES ('rebuild');
CREATE TRIGGER source_titles_fts_au AFTER UPDATE OF title ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, old.title);
  INSERT INTO source_titles_fts(rowid, title) VALUES (new.seq, new.title);
END;
CREATE TRIGGER source_titles_fts_trash AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, old.title);
END;
CREATE TRIGGER source_titles_fts_restore AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(rowid, title) VALUES (new.seq, new.title);
END;
CREATE TRIGGER source_titles_fts_bd BEFORE DELETE ON sources WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, old.title);
END;
