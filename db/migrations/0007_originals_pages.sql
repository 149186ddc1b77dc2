-- Formats beyond plain text (issue 13): the original file of each source
-- imported from now on, and the page map of a PDF.
--
-- source_originals: the bytes of the file as imported (sources.sha256 is their
-- hash), gzip-compressed unless that does not make them smaller (a PDF or a
-- DOCX is compressed already): codec 'gzip' (one gzip member, RFC 1952) or
-- 'identity'. `format` is what the bytes were read as (sniffed: an HTML page
-- saved as .txt is 'html'). "Reopen with encoding…" decodes these bytes again.
-- Sources imported before this migration have no row (their text is all there
-- is). Kept beside sources, not in it: listing and searching sources never
-- reads the blobs, and a sync can attach them to a source's document as they
-- are (see db/sync-tables.ts).
CREATE TABLE source_originals (
  seq INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'docx', 'pdf')),
  codec TEXT NOT NULL CHECK (codec IN ('gzip', 'identity')),
  size INTEGER NOT NULL CHECK (size > 0),
  bytes BLOB NOT NULL
);

-- Where each page of a PDF source begins in its text (a code point), so a
-- paragraph's page ("p. 3") is the last page starting at or before it. label:
-- the PDF's own page label when it has one ("iv", "A-3"), else null.
CREATE TABLE source_pages (
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  page INTEGER NOT NULL CHECK (page >= 1),
  label TEXT,
  start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
  PRIMARY KEY (source_id, page)
) WITHOUT ROWID;
