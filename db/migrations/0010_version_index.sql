-- The candidate index that proposes versions (electron/versions/features.ts):
-- a bounded, consistent sample of each source's word shingles as 32-bit
-- hashes with their word positions (its signature). version_features holds
-- the postings, looked up by hash; version_signatures each indexed source's
-- signature (JSON arrays, hashes ascending and their positions), read to
-- confirm a candidate and to remove its postings. A hash found in more than
-- a few dozen sources is a stock phrase: it is listed in version_common,
-- proposes nothing and gets no more postings. Postings are of live sources
-- only: deleting a source removes them, restoring puts them back (triggers
-- below, from its signature), so a lookup never reads the sources table; a
-- purge removes the signature too.
CREATE TABLE version_signatures (
  source_seq INTEGER PRIMARY KEY REFERENCES sources(seq) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  feature_count INTEGER NOT NULL CHECK (feature_count >= 0),
  hashes TEXT NOT NULL,
  positions TEXT NOT NULL
);
CREATE TABLE version_features (
  hash INTEGER NOT NULL,
  source_seq INTEGER NOT NULL,
  PRIMARY KEY (hash, source_seq)
) WITHOUT ROWID;
CREATE TABLE version_common (
  hash INTEGER PRIMARY KEY
);
CREATE TRIGGER version_signatures_ad AFTER DELETE ON version_signatures BEGIN
  DELETE FROM version_features
   WHERE source_seq = old.source_seq AND hash IN (SELECT value FROM json_each(old.hashes));
END;
CREATE TRIGGER sources_version_signature_ad AFTER DELETE ON sources BEGIN
  DELETE FROM version_signatures WHERE source_seq = old.seq;
END;
CREATE TRIGGER sources_version_trash AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
  DELETE FROM version_features WHERE source_seq = old.seq
    AND hash IN (SELECT value FROM json_each((SELECT hashes FROM version_signatures WHERE source_seq = old.seq)));
END;
CREATE TRIGGER sources_version_restore AFTER UPDATE OF deleted_at ON sources
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO version_features (hash, source_seq)
    SELECT value, new.seq FROM json_each((SELECT hashes FROM version_signatures WHERE source_seq = new.seq))
     WHERE value NOT IN (SELECT hash FROM version_common);
END;
