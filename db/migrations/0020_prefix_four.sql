-- Prefix search of four characters ("comp*", "with*", "year*") read every
-- doclist of the terms starting with them and merged them, whatever the LIMIT:
-- 4-8 ms a query at 100,000 sources, the slowest of the searches measured
-- (db/search.ts). Prefixes of 1 to 4 characters are indexed now (the index
-- grows by about a quarter: 408 -> 513 MB at 100,000 generated sources;
-- the rebuild took 34 s there); a 4-character prefix reads one doclist,
-- 0.2-0.3 ms. Longer prefixes cover fewer terms and stay merged. The triggers
-- of 0004 name the table and keep working.
DROP TABLE sources_fts;
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, text, content='live_sources', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4'
);
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
