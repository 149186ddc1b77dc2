-- Sync (CouchDB replication, electron/sync/): change tracking in the store.
--
-- Every write to a synced table records the record's document id in
-- sync_outbox from a trigger, so the change is committed in the same
-- transaction as the write, by whichever process made it (the app or the CLI,
-- synced or not at the time). A document is in the outbox at most once, with
-- the seq of its latest change (AUTOINCREMENT: never reused), so a push that
-- read it at seq N removes it only if nothing changed it since. A purge
-- (DELETE) records the id too: the next push sends a CouchDB tombstone.
--
-- To sync a new table: three triggers like the ones below (insert, update,
-- delete; the document id is '<kind>:' || its id) and one line in
-- db/sync-tables.ts; test/unit/sync-tables.test.ts fails until every table is
-- either synced or named local there. A migration that rebuilds a synced
-- table must create its sync_ triggers again.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL UNIQUE
);

-- What this library knows of each synced document: the revision its rows are
-- (rev, with its ancestors newest first in revs, for CouchDB's _revisions), the
-- body at that revision (canonical JSON), and the bodies of the few revisions
-- before it (history: [{rev, body}], newest first), where the common ancestor
-- of a conflict is found for field-by-field merges.
CREATE TABLE sync_docs (
  doc_id TEXT PRIMARY KEY,
  rev TEXT NOT NULL,
  revs TEXT NOT NULL,
  body TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  history TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

-- Other machines' revisions of a document that conflict with ours and could
-- not be merged field by field: kept whole until the researcher merges.
CREATE TABLE sync_conflicts (
  doc_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  revs TEXT NOT NULL,
  body TEXT NOT NULL,
  base_body TEXT,
  fields TEXT NOT NULL,
  found_at TEXT NOT NULL,
  PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;

-- Revisions to send that are not the current state of a record: the
-- tombstones that close the losing branches of a resolved conflict.
CREATE TABLE sync_sends (
  doc_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  revs TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;

-- Documents received that cannot be applied yet (an annotation before its
-- source, a type or version this Lectern does not know): retried at every pull.
CREATE TABLE sync_parked (
  doc_id TEXT PRIMARY KEY,
  rev TEXT NOT NULL,
  revs TEXT NOT NULL,
  body TEXT NOT NULL,
  reason TEXT NOT NULL,
  parked_at TEXT NOT NULL
) WITHOUT ROWID;

-- What a sync decided on its own and says so: a delete against an edit (the
-- edit kept), edits merged field by field.
CREATE TABLE sync_notices (
  seq INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);

-- This library's identity and its binding to a server (per machine, never synced).
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO sync_state (key, value) VALUES ('library_id', lower(hex(randomblob(16))));

-- Every annotation and note carries its author (Settings › author name when made).
ALTER TABLE annotations ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';

-- What exists already goes out with the first sync.
INSERT INTO sync_outbox (doc_id)
  SELECT 'source:' || id FROM sources
  UNION ALL SELECT 'tag:' || id FROM tags
  UNION ALL SELECT 'annotation:' || id FROM annotations
  UNION ALL SELECT 'note:' || id FROM notes;

CREATE TRIGGER sync_sources_ai AFTER INSERT ON sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'source:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('source:' || new.id);
END;
CREATE TRIGGER sync_sources_au AFTER UPDATE ON sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'source:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('source:' || new.id);
END;
CREATE TRIGGER sync_sources_ad AFTER DELETE ON sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'source:' || old.id; INSERT INTO sync_outbox (doc_id) VALUES ('source:' || old.id);
END;

CREATE TRIGGER sync_annotations_ai AFTER INSERT ON annotations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || new.id);
END;
CREATE TRIGGER sync_annotations_au AFTER UPDATE ON annotations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || new.id);
END;
CREATE TRIGGER sync_annotations_ad AFTER DELETE ON annotations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || old.id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || old.id);
END;

-- an annotation's tags are part of its document
CREATE TRIGGER sync_annotation_tags_ai AFTER INSERT ON annotation_tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || new.annotation_id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || new.annotation_id);
END;
CREATE TRIGGER sync_annotation_tags_au AFTER UPDATE ON annotation_tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || new.annotation_id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || new.annotation_id);
END;
CREATE TRIGGER sync_annotation_tags_ad AFTER DELETE ON annotation_tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'annotation:' || old.annotation_id; INSERT INTO sync_outbox (doc_id) VALUES ('annotation:' || old.annotation_id);
END;

CREATE TRIGGER sync_tags_ai AFTER INSERT ON tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'tag:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('tag:' || new.id);
END;
CREATE TRIGGER sync_tags_au AFTER UPDATE ON tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'tag:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('tag:' || new.id);
END;
CREATE TRIGGER sync_tags_ad AFTER DELETE ON tags BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'tag:' || old.id; INSERT INTO sync_outbox (doc_id) VALUES ('tag:' || old.id);
END;

CREATE TRIGGER sync_notes_ai AFTER INSERT ON notes BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'note:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('note:' || new.id);
END;
CREATE TRIGGER sync_notes_au AFTER UPDATE ON notes BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'note:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('note:' || new.id);
END;
CREATE TRIGGER sync_notes_ad AFTER DELETE ON notes BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'note:' || old.id; INSERT INTO sync_outbox (doc_id) VALUES ('note:' || old.id);
END;
