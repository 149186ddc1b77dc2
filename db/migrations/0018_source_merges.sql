-- Sync (issue 15): the same file imported on two machines before they first
-- synced is two sources with one sha256. Every machine keeps the one with the
-- smaller id and moves the other's annotations, collection memberships and
-- notes' citations to it (electron/sync/twins.ts). A record from another
-- machine that still names the merged-away source is pointed at the one kept,
-- through this table. Local bookkeeping: every machine makes the same entry
-- from the same two source documents.
CREATE TABLE source_merges (
  from_id TEXT PRIMARY KEY,
  into_id TEXT NOT NULL,
  merged_at TEXT NOT NULL
) WITHOUT ROWID;
