-- Lectern's first schema. Every table has an INTEGER PRIMARY KEY (seq) so the
-- FTS5 external-content tables can use a rowid that VACUUM never renumbers;
-- the public id is a random UUID, unique across all tables.

CREATE TABLE sources (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  published TEXT,
  publisher TEXT,
  url TEXT,
  byline TEXT,
  original_path TEXT,
  original_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  encoding TEXT NOT NULL,
  text TEXT NOT NULL,
  length INTEGER NOT NULL CHECK (length >= 0),
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE annotations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
  end_cp INTEGER NOT NULL,
  exact TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL DEFAULT 'yellow',
  comment TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'moved', 'orphaned')),
  score REAL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  CHECK (end_cp > start_cp)
);
CREATE INDEX annotations_by_source ON annotations(source_id, start_cp);

CREATE TABLE tags (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created TEXT NOT NULL
);

CREATE TABLE annotation_tags (
  annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (annotation_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX annotation_tags_by_tag ON annotation_tags(tag_id);

CREATE TABLE notes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  doc TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);

-- Derived from note docs on save. No foreign keys to annotations/sources: a
-- citation keeps its snapshot when what it cites is deleted.
CREATE TABLE citations (
  seq INTEGER PRIMARY KEY,
  note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  annotation_id TEXT,
  source_id TEXT NOT NULL,
  start_cp INTEGER NOT NULL,
  end_cp INTEGER NOT NULL,
  exact TEXT NOT NULL
);
CREATE INDEX citations_by_note ON citations(note_id, ord);
CREATE INDEX citations_by_annotation ON citations(annotation_id) WHERE annotation_id IS NOT NULL;
CREATE INDEX citations_by_source ON citations(source_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text search: external-content FTS5 tables kept in sync by triggers.
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, text, content='sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_ai AFTER INSERT ON sources BEGIN
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER sources_fts_ad AFTER DELETE ON sources BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER sources_fts_au AFTER UPDATE OF title, text ON sources BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE VIRTUAL TABLE annotations_fts USING fts5(
  exact, comment, content='annotations', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations BEGIN
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, new.exact, new.comment);
END;
CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, old.exact, old.comment);
END;
CREATE TRIGGER annotations_fts_au AFTER UPDATE OF exact, comment ON annotations BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, old.exact, old.comment);
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, new.exact, new.comment);
END;

CREATE VIRTUAL TABLE notes_fts USING fts5(
  title, text, content='notes', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, text ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
