-- lectern: foreign_keys=off
-- Soft delete, the one undo model: deleting a source, an annotation or a note
-- stamps deleted_at and keeps the row (the trash; also the tombstone a sync
-- reads), restoring clears it, and a purge later removes rows deleted long
-- ago, leaving a line in `purged`. An annotation is live when it and its source
-- are; the live_* views say so once for every query. Deleted rows leave the
-- full-text indexes at once and return to them on restore (triggers below), so
-- search never sees them.
--
-- sha256 stays unique among live sources only (a file deleted and imported
-- again is a new source, as before). SQLite cannot drop a column's UNIQUE, so
-- sources is rebuilt (the 12-step procedure, as in 0003); seq is kept, so the
-- full-text index keyed by it stays valid.
CREATE TABLE sources_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  published TEXT,
  publisher TEXT,
  url TEXT,
  byline TEXT,
  original_path TEXT,
  original_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  encoding TEXT NOT NULL,
  text TEXT NOT NULL,
  length INTEGER NOT NULL CHECK (length >= 0),
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
INSERT INTO sources_new
  SELECT seq, id, title, published, publisher, url, byline, original_path, original_name, sha256, encoding, text,
         length, imported_at, updated_at, NULL
  FROM sources;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
CREATE UNIQUE INDEX sources_live_sha256 ON sources(sha256) WHERE deleted_at IS NULL;
CREATE INDEX sources_deleted ON sources(deleted_at) WHERE deleted_at IS NOT NULL;

ALTER TABLE annotations ADD COLUMN deleted_at TEXT;
CREATE INDEX annotations_deleted ON annotations(deleted_at) WHERE deleted_at IS NOT NULL;
ALTER TABLE notes ADD COLUMN deleted_at TEXT;
CREATE INDEX notes_deleted ON notes(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIEW live_sources AS SELECT * FROM sources WHERE deleted_at IS NULL;
CREATE VIEW live_annotations AS
  SELECT a.* FROM annotations a JOIN sources s ON s.id = a.source_id
  WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL;
CREATE VIEW live_notes AS SELECT * FROM notes WHERE deleted_at IS NULL;

-- Rows purged from the trash: enough for a sync to pass the deletion on.
CREATE TABLE purged (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('source', 'annotation', 'note')),
  deleted_at TEXT NOT NULL,
  purged_at TEXT NOT NULL
) WITHOUT ROWID;

-- The full-text indexes hold live sources, live notes, and live annotations of
-- live sources, and say so: their content tables are now the live_* views, so
-- FTS5's own check ('integrity-check' with rank 1) compares each index with the
-- live rows. Rebuilding them re-reads every live text once. The triggers below
-- keep them equal. (New sources are indexed by the store at the end of their
-- import batch, see 0002.)
DROP TRIGGER annotations_fts_ai;
DROP TRIGGER annotations_fts_ad;
DROP TRIGGER annotations_fts_au;
DROP TRIGGER notes_fts_ai;
DROP TRIGGER notes_fts_ad;
DROP TRIGGER notes_fts_au;
DROP TABLE sources_fts;
DROP TABLE annotations_fts;
DROP TABLE notes_fts;
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, text, content='live_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE annotations_fts USING fts5(
  exact, comment, content='live_annotations', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE notes_fts USING fts5(
  title, text, content='live_notes', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
INSERT INTO annotations_fts(annotations_fts) VALUES ('rebuild');
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');

-- sources (its triggers went with the old table)
CREATE TRIGGER sources_fts_au AFTER UPDATE OF title, text ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER sources_trash AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment)
    SELECT 'delete', seq, exact, comment FROM annotations WHERE source_id = old.id AND deleted_at IS NULL;
END;
CREATE TRIGGER sources_restore AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
  INSERT INTO annotations_fts(rowid, exact, comment)
    SELECT seq, exact, comment FROM annotations WHERE source_id = new.id AND deleted_at IS NULL;
END;
-- A live source removed outright (the API never does; purges take deleted rows):
-- its and its annotations' index entries go first, while its annotations are
-- still there to name them (the cascade runs after the row is gone).
CREATE TRIGGER sources_fts_bd BEFORE DELETE ON sources WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment)
    SELECT 'delete', seq, exact, comment FROM annotations WHERE source_id = old.id AND deleted_at IS NULL;
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER sources_purged AFTER DELETE ON sources BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'source', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- annotations
CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations
  WHEN new.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, new.exact, new.comment);
END;
CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations
  WHEN old.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = old.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, old.exact, old.comment);
END;
CREATE TRIGGER annotations_fts_au AFTER UPDATE OF exact, comment ON annotations
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, old.exact, old.comment);
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, new.exact, new.comment);
END;
CREATE TRIGGER annotations_trash AFTER UPDATE OF deleted_at ON annotations
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = old.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, old.exact, old.comment);
END;
CREATE TRIGGER annotations_restore AFTER UPDATE OF deleted_at ON annotations
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, new.exact, new.comment);
END;
CREATE TRIGGER annotations_purged AFTER DELETE ON annotations BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'annotation', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- notes
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, text ON notes
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER notes_trash AFTER UPDATE OF deleted_at ON notes
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER notes_restore AFTER UPDATE OF deleted_at ON notes
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER notes_purged AFTER DELETE ON notes BEGIN
  INSERT OR REPLACE INTO purged (id, kind, deleted_at, purged_at)
    VALUES (old.id, 'note', coalesce(old.deleted_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
