-- The Annotations view's tag order walks tags, then each tag's uses, and
-- looks up each passage's source for its place in source order: sort_title
-- sits behind a long text's overflow pages, so the lookup reads the index
-- alone (halves a page in the middle of 50,000 annotations).
CREATE INDEX sources_live_sort_keys ON sources(id, deleted_at, sort_title) WHERE deleted_at IS NULL;
