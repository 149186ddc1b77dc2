-- The codebook (issue 14.2): tags get a description, and deleting a tag moves
-- it to the trash like every other row (deleted_at; restore clears it, a purge
-- removes it and its uses for good). A deleted tag's uses (annotation_tags)
-- stay, so a restore brings each passage's tag back; the store shows only live
-- tags. Both columns are part of the synced tag document (db/sync-rows.ts).
ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN deleted_at TEXT;
CREATE INDEX tags_deleted ON tags(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIEW live_tags AS SELECT * FROM tags WHERE deleted_at IS NULL;

-- The Annotations view walks the whole library's annotations by date, and
-- counts the live ones from an index alone.
CREATE INDEX annotations_by_created ON annotations(created);
CREATE INDEX annotations_live_by_source ON annotations(source_id) WHERE deleted_at IS NULL;
