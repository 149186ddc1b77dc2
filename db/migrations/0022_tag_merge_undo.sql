-- What a tag merge needs to be undone, kept in the library (issue 14.2): the
-- Undo of a merge survives a restart and works from the CLI (`lectern tag
-- unmerge FROM INTO`) as from the app. db/tag-merge-undo.ts writes and reads
-- them; only the latest merges are kept (it prunes the rest). Local: never
-- synced (db/sync-tables.ts), as an undo is offered where the merge was made.
--
-- One row per merge: the names it was asked with, lower-cased as tag names
-- compare (from_key, into_key: an undo finds the latest merge of the two), the
-- merged tag's own spelling, and its steps as JSON — each tag of the merged
-- subtree, renamed onto a free name ({kind: 'renamed', id, name, to}) or folded
-- into a tag that existed ({kind: 'folded', id, name, created, description,
-- target, targetName, describedTarget}).
CREATE TABLE tag_merges (
  seq INTEGER PRIMARY KEY,
  from_key TEXT NOT NULL,
  into_key TEXT NOT NULL,
  name TEXT NOT NULL,
  merged_at TEXT NOT NULL,
  steps TEXT NOT NULL CHECK (json_valid(steps))
);
CREATE INDEX tag_merges_by_names ON tag_merges(from_key, into_key, seq);

-- Every use a folded tag had (of live and trashed passages alike), and
-- whether the merge gave it to the target (added: the target did not have it).
CREATE TABLE tag_merge_uses (
  merge_seq INTEGER NOT NULL REFERENCES tag_merges(seq) ON DELETE CASCADE,
  tag_id TEXT NOT NULL,
  annotation_id TEXT NOT NULL,
  added INTEGER NOT NULL CHECK (added IN (0, 1)),
  PRIMARY KEY (merge_seq, tag_id, annotation_id)
) WITHOUT ROWID;
