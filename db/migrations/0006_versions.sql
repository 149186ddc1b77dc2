-- Versions of a story (electron/versions/): relations between sources, and
-- where a carried annotation came from.

-- Two sources that are versions of one text, share passages, or where b is the
-- next revision of a (the same file changed). Figures come from their
-- alignment (null when it was not measured: a text too large to align).
-- origin: 'detected' (found by the index and confirmed by alignment) or
-- 'manual' (linked or confirmed by the researcher). A dismissed relation stays
-- as a row, so detection never proposes the pair again. Relations of a deleted
-- source are hidden by the queries (they join live_sources) and come back with
-- it; a purge removes them (cascade).
CREATE TABLE source_relations (
  seq INTEGER PRIMARY KEY,
  a_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  b_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('version', 'shares', 'revision')),
  similarity REAL CHECK (similarity BETWEEN 0 AND 1),
  a_in_b REAL CHECK (a_in_b BETWEEN 0 AND 1),
  b_in_a REAL CHECK (b_in_a BETWEEN 0 AND 1),
  passages INTEGER CHECK (passages >= 0),
  origin TEXT NOT NULL CHECK (origin IN ('detected', 'manual')),
  dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  CHECK (a_id <> b_id)
);
-- one relation per pair, whichever way round it was stored
CREATE UNIQUE INDEX source_relations_pair ON source_relations(min(a_id, b_id), max(a_id, b_id));
CREATE INDEX source_relations_a ON source_relations(a_id);
CREATE INDEX source_relations_b ON source_relations(b_id);

-- The previous revision of a changed file is looked up by its original path.
CREATE INDEX sources_by_path ON sources(original_path, seq) WHERE original_path IS NOT NULL;

-- A copy carried onto a version remembers the annotation it came from (no
-- foreign key: the provenance stays when the original is purged).
ALTER TABLE annotations ADD COLUMN carried_from TEXT;
CREATE INDEX annotations_carried ON annotations(carried_from) WHERE carried_from IS NOT NULL;
