-- Search in scripts written without spaces (Chinese, Japanese, Thai, Lao,
-- Khmer, Myanmar). FTS5's unicode61 tokenizer made a whole clause of Han
-- characters one token, so 干旱 was found only as a clause of its own. The
-- full-text indexes now hold each text's spaced form, lectern_fts_text()
-- (db/fts-text.ts: ICU's words with a space between them; a text with no such
-- letter is itself). The function is registered on every connection Lectern
-- opens (db/open.ts, db/migrate.ts); a connection without it cannot write
-- sources, annotations or notes ("no such function: lectern_fts_text").
--
-- Each index reads its content through a view of that form (fts_*), so FTS5's
-- own checks (`lectern check --full`) and any later rebuild see what the
-- triggers wrote. The indexes are rebuilt whole (in chunks, with progress):
-- their content option cannot change in place and their shadow tables cannot
-- be copied (SQLite's defensive mode), and re-indexing only the rows with such
-- letters would leave the others' content named by the old views.
CREATE VIEW fts_sources AS
  SELECT seq, lectern_fts_text(title) AS title, lectern_fts_text(text) AS text FROM live_sources;
CREATE VIEW fts_annotations AS
  SELECT seq, lectern_fts_text(exact) AS exact, lectern_fts_text(comment) AS comment FROM live_annotations;
CREATE VIEW fts_notes AS
  SELECT seq, lectern_fts_text(title) AS title, lectern_fts_text(text) AS text FROM live_notes;

DROP TRIGGER annotations_fts_ad;
DROP TRIGGER annotations_fts_ai;
DROP TRIGGER annotations_fts_au;
DROP TRIGGER annotations_restore;
DROP TRIGGER annotations_trash;
DROP TRIGGER notes_fts_ad;
DROP TRIGGER notes_fts_ai;
DROP TRIGGER notes_fts_au;
DROP TRIGGER notes_restore;
DROP TRIGGER notes_trash;
DROP TRIGGER source_titles_fts_au;
DROP TRIGGER source_titles_fts_bd;
DROP TRIGGER source_titles_fts_restore;
DROP TRIGGER source_titles_fts_trash;
DROP TRIGGER sources_fts_au;
DROP TRIGGER sources_fts_bd;
DROP TRIGGER sources_restore;
DROP TRIGGER sources_trash;

DROP TABLE sources_fts;
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, text, content='fts_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4'
);
DROP TABLE source_titles_fts;
CREATE VIRTUAL TABLE source_titles_fts USING fts5(
  title, content='fts_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
DROP TABLE annotations_fts;
CREATE VIRTUAL TABLE annotations_fts USING fts5(
  exact, comment, content='fts_annotations', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);
DROP TABLE notes_fts;
CREATE VIRTUAL TABLE notes_fts USING fts5(
  title, text, content='fts_notes', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations
  WHEN old.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = old.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, lectern_fts_text(old.exact), lectern_fts_text(old.comment));
END;
CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations
  WHEN new.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, lectern_fts_text(new.exact), lectern_fts_text(new.comment));
END;
CREATE TRIGGER annotations_fts_au AFTER UPDATE OF exact, comment ON annotations
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, lectern_fts_text(old.exact), lectern_fts_text(old.comment));
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, lectern_fts_text(new.exact), lectern_fts_text(new.comment));
END;
CREATE TRIGGER annotations_restore AFTER UPDATE OF deleted_at ON annotations
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(rowid, exact, comment) VALUES (new.seq, lectern_fts_text(new.exact), lectern_fts_text(new.comment));
END;
CREATE TRIGGER annotations_trash AFTER UPDATE OF deleted_at ON annotations
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
   AND EXISTS (SELECT 1 FROM sources s WHERE s.id = old.source_id AND s.deleted_at IS NULL) BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment) VALUES ('delete', old.seq, lectern_fts_text(old.exact), lectern_fts_text(old.comment));
END;
CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
END;
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, lectern_fts_text(new.title), lectern_fts_text(new.text));
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, text ON notes
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, lectern_fts_text(new.title), lectern_fts_text(new.text));
END;
CREATE TRIGGER notes_restore AFTER UPDATE OF deleted_at ON notes
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO notes_fts(rowid, title, text) VALUES (new.seq, lectern_fts_text(new.title), lectern_fts_text(new.text));
END;
CREATE TRIGGER notes_trash AFTER UPDATE OF deleted_at ON notes
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
END;
CREATE TRIGGER source_titles_fts_au AFTER UPDATE OF title ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, lectern_fts_text(old.title));
  INSERT INTO source_titles_fts(rowid, title) VALUES (new.seq, lectern_fts_text(new.title));
END;
CREATE TRIGGER source_titles_fts_bd BEFORE DELETE ON sources WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, lectern_fts_text(old.title));
END;
CREATE TRIGGER source_titles_fts_restore AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO source_titles_fts(rowid, title) VALUES (new.seq, lectern_fts_text(new.title));
END;
CREATE TRIGGER source_titles_fts_trash AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO source_titles_fts(source_titles_fts, rowid, title) VALUES ('delete', old.seq, lectern_fts_text(old.title));
END;
CREATE TRIGGER sources_fts_au AFTER UPDATE OF title, text ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, lectern_fts_text(new.title), lectern_fts_text(new.text));
END;
CREATE TRIGGER sources_fts_bd BEFORE DELETE ON sources WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment)
    SELECT 'delete', seq, lectern_fts_text(exact), lectern_fts_text(comment) FROM annotations WHERE source_id = old.id AND deleted_at IS NULL;
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
END;
CREATE TRIGGER sources_restore AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT INTO sources_fts(rowid, title, text) VALUES (new.seq, lectern_fts_text(new.title), lectern_fts_text(new.text));
  INSERT INTO annotations_fts(rowid, exact, comment)
    SELECT seq, lectern_fts_text(exact), lectern_fts_text(comment) FROM annotations WHERE source_id = new.id AND deleted_at IS NULL;
END;
CREATE TRIGGER sources_trash AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.seq, lectern_fts_text(old.title), lectern_fts_text(old.text));
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, comment)
    SELECT 'delete', seq, lectern_fts_text(exact), lectern_fts_text(comment) FROM annotations WHERE source_id = old.id AND deleted_at IS NULL;
END;

INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
INSERT INTO source_titles_fts(source_titles_fts) VALUES ('rebuild');
INSERT INTO annotations_fts(annotations_fts) VALUES ('rebuild');
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');
