-- "Reopen with encoding…" (issue 13.3): the undo of each source's last
-- re-encoding. Replacing a source's text re-anchors its annotations and the
-- citations of notes into it; `before` (JSON) keeps what was replaced (the
-- previous text, the descriptive fields that changed, each annotation's and
-- citation's previous place), `after_text_sha256` the hash of the text put in
-- its place, so an undo is refused once that text has been replaced again.
-- One row per source (the newest re-encoding replaces the row); it goes with
-- its source when the source is purged. Local: a sync does not carry it.
CREATE TABLE source_reencodes (
  source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  from_encoding TEXT NOT NULL,
  to_encoding TEXT NOT NULL,
  after_text_sha256 TEXT NOT NULL,
  created TEXT NOT NULL,
  before TEXT NOT NULL CHECK (json_valid(before))
) WITHOUT ROWID;
