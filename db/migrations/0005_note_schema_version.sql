-- Every note stores the version of the note schema its doc was written in
-- (common/note-version.ts). Notes written before this column existed are
-- version 1, the only version there was. A build opens a note newer than it
-- reads read-only, and the store refuses to write over one (db/notes.ts).
ALTER TABLE notes ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 1 CHECK (schema_version >= 1);
