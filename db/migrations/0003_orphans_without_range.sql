-- lectern: foreign_keys=off
-- An orphaned annotation (its passage was not found when re-anchored, e.g. a
-- W3C import with only a quote) may have no range: end_cp = start_cp. SQLite
-- cannot change a CHECK in place, so the table is rebuilt (SQLite's documented
-- 12-step procedure: foreign keys off, copy, drop, rename, checked afterwards).
CREATE TABLE annotations_new (
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
  CHECK (end_cp > start_cp OR (status = 'orphaned' AND end_cp = start_cp))
);
INSERT INTO annotations_new
  SELECT seq, id, source_id, start_cp, end_cp, exact, prefix, suffix, color, comment, status, score, created, modified
  FROM annotations;
DROP TABLE annotations;
ALTER TABLE annotations_new RENAME TO annotations;
CREATE INDEX annotations_by_source ON annotations(source_id, start_cp);

-- The full-text triggers went with the old table; the index itself is keyed by seq, which the copy kept.
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
