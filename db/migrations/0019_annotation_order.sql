-- The Annotations view's orders as indexes (issue 14.2): one row per live
-- annotation of a live source, holding every key its orders sort by, kept true
-- by the triggers below so every write path (the app, the CLI, a sync pull, a
-- trash or restore, a tag rename, merge, move or delete) keeps it without
-- code of its own. A page at any offset is then a walk of one index, and the
-- view's sequential scroll a keyset seek from the last row's keys
-- (db/annotation-list.ts). A table of its own, not columns of annotations, so
-- writing a key is not a change of the synced annotation (its sync trigger
-- fires on any update) and the walks need no look-up of trashed rows.
--
--   tag:        the annotation's first live tag in the codebook's name order
--               (tags.name, case ignored), NULL when it has none
--   title, source_seq: its source's place in source order (sources.sort_title, seq)
--   start_cp, created: its own place in its source and in date order
CREATE TABLE annotation_order (
  seq INTEGER PRIMARY KEY,
  tag TEXT COLLATE NOCASE,
  title TEXT NOT NULL,
  source_seq INTEGER NOT NULL,
  start_cp INTEGER NOT NULL,
  created TEXT NOT NULL
);
-- (each index ends in seq, the rowid, so every order is total)
CREATE INDEX annotation_order_by_tag ON annotation_order(tag, title, source_seq, start_cp);
CREATE INDEX annotation_order_by_source ON annotation_order(title, source_seq, start_cp);
CREATE INDEX annotation_order_by_created ON annotation_order(created);

-- Every live annotation's keys as they are now: the one definition the
-- backfill and every trigger below take them from.
CREATE VIEW annotation_order_keys AS
  SELECT a.seq,
    (SELECT t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.annotation_id = a.id AND t.deleted_at IS NULL ORDER BY t.name LIMIT 1) AS tag,
    coalesce(s.sort_title, '') AS title, s.seq AS source_seq, a.start_cp, a.created
  FROM annotations a JOIN sources s ON s.id = a.source_id
  WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL;

INSERT INTO annotation_order (seq, tag, title, source_seq, start_cp, created) SELECT * FROM annotation_order_keys;

-- An annotation made, moved, re-dated, trashed or restored (a sync pull's upsert included).
CREATE TRIGGER annotation_order_ai AFTER INSERT ON annotations WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO annotation_order (seq, tag, title, source_seq, start_cp, created) SELECT * FROM annotation_order_keys WHERE seq = new.seq;
END;
CREATE TRIGGER annotation_order_au AFTER UPDATE OF source_id, start_cp, created, deleted_at ON annotations
  WHEN old.source_id IS NOT new.source_id OR old.start_cp IS NOT new.start_cp OR old.created IS NOT new.created
    OR old.deleted_at IS NOT new.deleted_at BEGIN
  DELETE FROM annotation_order WHERE seq = old.seq;
  INSERT INTO annotation_order (seq, tag, title, source_seq, start_cp, created) SELECT * FROM annotation_order_keys WHERE seq = new.seq;
END;
CREATE TRIGGER annotation_order_ad AFTER DELETE ON annotations BEGIN
  DELETE FROM annotation_order WHERE seq = old.seq;
END;

-- A source retitled (its sort key), trashed or restored: its annotations follow.
CREATE TRIGGER annotation_order_source_au AFTER UPDATE OF sort_title, deleted_at ON sources
  WHEN old.sort_title IS NOT new.sort_title OR old.deleted_at IS NOT new.deleted_at BEGIN
  DELETE FROM annotation_order WHERE seq IN (SELECT seq FROM annotations WHERE source_id = new.id);
  INSERT INTO annotation_order (seq, tag, title, source_seq, start_cp, created)
    SELECT * FROM annotation_order_keys WHERE seq IN (SELECT seq FROM annotations WHERE source_id = new.id);
END;

-- A tag added to or taken from an annotation (a merge moves uses; a purged
-- tag's uses go by cascade), or a tag renamed (moved under another parent is a
-- rename; BINARY: a change of case is one too), trashed or restored: each
-- annotation concerned takes its first live tag again.
CREATE TRIGGER annotation_order_tags_ai AFTER INSERT ON annotation_tags BEGIN
  UPDATE annotation_order SET tag = (SELECT k.tag FROM annotation_order_keys k WHERE k.seq = annotation_order.seq)
    WHERE seq = (SELECT seq FROM annotations WHERE id = new.annotation_id);
END;
CREATE TRIGGER annotation_order_tags_ad AFTER DELETE ON annotation_tags BEGIN
  UPDATE annotation_order SET tag = (SELECT k.tag FROM annotation_order_keys k WHERE k.seq = annotation_order.seq)
    WHERE seq = (SELECT seq FROM annotations WHERE id = old.annotation_id);
END;
CREATE TRIGGER annotation_order_tags_au AFTER UPDATE ON annotation_tags BEGIN
  UPDATE annotation_order SET tag = (SELECT k.tag FROM annotation_order_keys k WHERE k.seq = annotation_order.seq)
    WHERE seq IN (SELECT seq FROM annotations WHERE id IN (old.annotation_id, new.annotation_id));
END;
CREATE TRIGGER annotation_order_tag_au AFTER UPDATE OF name, deleted_at ON tags
  WHEN old.name IS NOT new.name COLLATE BINARY OR old.deleted_at IS NOT new.deleted_at BEGIN
  UPDATE annotation_order SET tag = (SELECT k.tag FROM annotation_order_keys k WHERE k.seq = annotation_order.seq)
    WHERE seq IN (SELECT a.seq FROM annotation_tags at JOIN annotations a ON a.id = at.annotation_id WHERE at.tag_id = new.id);
END;
