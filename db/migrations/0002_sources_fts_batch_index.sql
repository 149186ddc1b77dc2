-- New sources are full-text indexed by the store once per import batch
-- (db/sources.ts, indexSince) instead of by an AFTER INSERT trigger. FTS5
-- flushes its pending index at every savepoint, and a trigger runs inside a
-- statement savepoint, so the trigger wrote one tiny index segment per file and
-- spent half of a corpus import merging them. Updates and deletes stay in sync
-- through the remaining triggers.
DROP TRIGGER sources_fts_ai;
