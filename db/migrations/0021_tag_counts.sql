-- The codebook's counts as stored numbers (issue 14.2): the codebook counted
-- every tag use on each read (1.2 ms at 1,000 annotations, 198 ms at 50,000,
-- holding the back end while the Annotations view's first page waited). One
-- row per tag path — a tag's name and each parent above it, so a parent
-- without a tag of its own is counted too — kept true by the triggers below,
-- so every write path (the app, the CLI, a sync pull, trash, restore, purge,
-- a rename, move or merge) keeps it without code of its own.
--
--   uses:  live annotations (of live sources) carrying the live tag named `path`
--   total: live annotations carrying that tag or one under it, each once
--
-- A path's casing is the one it was first counted under (paths compare
-- NOCASE, as tag names do); a row may stay at 0 after its tags have gone.
CREATE TABLE tag_counts (
  path TEXT PRIMARY KEY COLLATE NOCASE,
  uses INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Each live tag's paths: 'a/b/c' gives 'a', 'a/b' and 'a/b/c' (own = 1 for
-- the last). The name is split on '/' as a JSON array (json_quote escapes
-- what JSON needs, never a '/'); each path is the name up to a segment's end.
CREATE VIEW live_tag_paths AS
  SELECT t.id AS tag_id,
    substr(t.name, 1, (SELECT sum(length(k.value) + 1) FROM json_each('[' || replace(json_quote(t.name), '/', '","') || ']') k
      WHERE k.key <= j.key) - 1) COLLATE NOCASE AS path,
    j.key = json_array_length('[' || replace(json_quote(t.name), '/', '","') || ']') - 1 AS own
  FROM tags t, json_each('[' || replace(json_quote(t.name), '/', '","') || ']') j
  WHERE t.deleted_at IS NULL;

-- What one annotation counts towards, whether or not it is live itself: each
-- path of its live tags once (own = 1 where it carries the tag itself).
CREATE VIEW annotation_tag_paths AS
  SELECT at.annotation_id, p.path, max(p.own) AS own
  FROM annotation_tags at JOIN live_tag_paths p ON p.tag_id = at.tag_id
  GROUP BY at.annotation_id, p.path;

-- A live annotation: not in the trash, and its source neither.
CREATE VIEW live_annotation_ids AS
  SELECT a.id FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL;

-- Each use of a live tag by a live annotation, by the tag's name (read from
-- the tags, which are few, to their uses: CROSS JOIN keeps that order).
CREATE VIEW live_tag_uses AS
  SELECT t.name, at.annotation_id FROM tags t CROSS JOIN annotation_tags at ON at.tag_id = t.id
  WHERE t.deleted_at IS NULL AND EXISTS (SELECT 1 FROM live_annotation_ids l WHERE l.id = at.annotation_id);

INSERT INTO tag_counts (path, uses, total)
  SELECT p.path, sum(p.own), count(*) FROM annotation_tag_paths p
  WHERE p.annotation_id IN (SELECT id FROM live_annotation_ids)
  GROUP BY p.path;

-- A live tag put on or taken from a live annotation (a merge moves uses so, a
-- purged tag's uses go by cascade after the tag, when nothing is counted any
-- more): ±1 on each of the tag's paths no other live tag of the annotation
-- counts it towards.
CREATE TRIGGER tag_counts_link_ai AFTER INSERT ON annotation_tags
  WHEN EXISTS (SELECT 1 FROM live_annotation_ids WHERE id = new.annotation_id) BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT p.path, p.own, NOT EXISTS (SELECT 1 FROM annotation_tags o JOIN live_tag_paths q ON q.tag_id = o.tag_id
      WHERE o.annotation_id = new.annotation_id AND o.tag_id <> new.tag_id AND q.path = p.path)
    FROM live_tag_paths p WHERE p.tag_id = new.tag_id
    ON CONFLICT(path) DO UPDATE SET uses = uses + excluded.uses, total = total + excluded.total;
END;
CREATE TRIGGER tag_counts_link_ad AFTER DELETE ON annotation_tags
  WHEN EXISTS (SELECT 1 FROM live_annotation_ids WHERE id = old.annotation_id) BEGIN
  UPDATE tag_counts SET uses = uses - (SELECT p.own FROM live_tag_paths p WHERE p.tag_id = old.tag_id AND p.path = tag_counts.path),
    total = total - NOT EXISTS (SELECT 1 FROM annotation_tags o JOIN live_tag_paths q ON q.tag_id = o.tag_id
      WHERE o.annotation_id = old.annotation_id AND q.path = tag_counts.path)
    WHERE path IN (SELECT path FROM live_tag_paths WHERE tag_id = old.tag_id);
END;
-- (a sync pull's retag: both tags' paths counted afresh)
CREATE TRIGGER tag_counts_link_au AFTER UPDATE ON annotation_tags BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT p.path, (SELECT count(*) FROM live_tag_uses u WHERE u.name = p.path),
      (SELECT count(DISTINCT u.annotation_id) FROM live_tag_uses u
        WHERE u.name = p.path OR substr(u.name, 1, length(p.path) + 1) = p.path || '/' COLLATE NOCASE)
    FROM (SELECT path FROM live_tag_paths WHERE tag_id IN (old.tag_id, new.tag_id)) p WHERE true
    ON CONFLICT(path) DO UPDATE SET uses = excluded.uses, total = excluded.total;
END;

-- An annotation trashed, restored or moved to another source (a sync pull's
-- upsert included), or deleted while live: its whole count added or taken
-- away. A delete is counted before it happens: by then its tags go by
-- cascade, when the annotation is gone and nothing is counted twice.
CREATE TRIGGER tag_counts_annotation_au AFTER UPDATE OF deleted_at, source_id ON annotations
  WHEN (old.deleted_at IS NULL AND EXISTS (SELECT 1 FROM live_sources WHERE id = old.source_id))
    IS NOT (new.deleted_at IS NULL AND EXISTS (SELECT 1 FROM live_sources WHERE id = new.source_id)) BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT path, iif(new.deleted_at IS NULL, own, -own), iif(new.deleted_at IS NULL, 1, -1)
    FROM annotation_tag_paths WHERE annotation_id = new.id
    ON CONFLICT(path) DO UPDATE SET uses = uses + excluded.uses, total = total + excluded.total;
END;
CREATE TRIGGER tag_counts_annotation_bd BEFORE DELETE ON annotations
  WHEN EXISTS (SELECT 1 FROM live_annotation_ids WHERE id = old.id) BEGIN
  UPDATE tag_counts SET uses = uses - (SELECT p.own FROM annotation_tag_paths p WHERE p.annotation_id = old.id AND p.path = tag_counts.path),
    total = total - 1
    WHERE path IN (SELECT path FROM annotation_tag_paths WHERE annotation_id = old.id);
END;

-- A source trashed, restored, or deleted while live: its live annotations' counts.
CREATE TRIGGER tag_counts_source_au AFTER UPDATE OF deleted_at ON sources
  WHEN (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT q.path, iif(new.deleted_at IS NULL, 1, -1) * sum(q.own), iif(new.deleted_at IS NULL, 1, -1) * count(DISTINCT a.id)
    FROM annotations a CROSS JOIN annotation_tags at ON at.annotation_id = a.id CROSS JOIN live_tag_paths q ON q.tag_id = at.tag_id
    WHERE a.source_id = new.id AND a.deleted_at IS NULL
    GROUP BY q.path
    ON CONFLICT(path) DO UPDATE SET uses = uses + excluded.uses, total = total + excluded.total;
END;
CREATE TRIGGER tag_counts_source_bd BEFORE DELETE ON sources WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT q.path, -sum(q.own), -count(DISTINCT a.id)
    FROM annotations a CROSS JOIN annotation_tags at ON at.annotation_id = a.id CROSS JOIN live_tag_paths q ON q.tag_id = at.tag_id
    WHERE a.source_id = old.id AND a.deleted_at IS NULL
    GROUP BY q.path
    ON CONFLICT(path) DO UPDATE SET uses = uses + excluded.uses, total = total + excluded.total;
END;

-- A tag renamed or moved (its children are renamed one by one, each firing
-- this), trashed, restored or purged (a merge purges the tag it moved the
-- uses off): every path it had and has now is counted afresh. The paths it
-- had are those of its old name with a row here (a path never counted is 0).
CREATE TRIGGER tag_counts_tag_au AFTER UPDATE OF name, deleted_at ON tags
  WHEN old.name <> new.name OR (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT p.path, (SELECT count(*) FROM live_tag_uses u WHERE u.name = p.path),
      (SELECT count(DISTINCT u.annotation_id) FROM live_tag_uses u
        WHERE u.name = p.path OR substr(u.name, 1, length(p.path) + 1) = p.path || '/' COLLATE NOCASE)
    FROM (SELECT path FROM tag_counts WHERE old.name = path OR substr(old.name, 1, length(path) + 1) = path || '/' COLLATE NOCASE
          UNION SELECT path FROM live_tag_paths WHERE tag_id = new.id) p WHERE true
    ON CONFLICT(path) DO UPDATE SET uses = excluded.uses, total = excluded.total;
END;
CREATE TRIGGER tag_counts_tag_ad AFTER DELETE ON tags WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO tag_counts (path, uses, total)
    SELECT p.path, (SELECT count(*) FROM live_tag_uses u WHERE u.name = p.path),
      (SELECT count(DISTINCT u.annotation_id) FROM live_tag_uses u
        WHERE u.name = p.path OR substr(u.name, 1, length(p.path) + 1) = p.path || '/' COLLATE NOCASE)
    FROM (SELECT path FROM tag_counts WHERE old.name = path OR substr(old.name, 1, length(path) + 1) = path || '/' COLLATE NOCASE) p WHERE true
    ON CONFLICT(path) DO UPDATE SET uses = excluded.uses, total = excluded.total;
END;
