import type { Alignment } from './align/types.ts';
import type { ImportFormat } from './import-formats.ts';

// Domain types shared by every layer. Offsets are Unicode code points unless a
// name says otherwise (see common/offsets.ts for the UTF-16 boundary).

export type Id = string;

/** The editable descriptive fields of a source. */
export interface SourceMeta {
  title: string;
  published: string | null; // ISO date YYYY-MM-DD
  publisher: string | null;
  url: string | null;
  byline: string | null;
}

export interface Source extends SourceMeta {
  id: Id;
  originalPath: string | null;
  originalName: string;
  sha256: string;
  encoding: string;
  /** The whole decoded file: NFC, LF line ends, nothing removed. Replaced only by "Reopen with encoding…" (the same bytes decoded again). */
  text: string;
  /** Length of text in code points. */
  chars: number;
  importedAt: string;
  updatedAt: string;
  /** What the file was read as (sniffed from its bytes; for sources imported before Lectern kept originals, from its name). */
  format: ImportFormat;
  /** Whether the original file's bytes are kept (sources imported since they are; "Reopen with encoding…" needs them). */
  hasOriginal: boolean;
  /** A PDF's pages: where each begins in the text, in page order; empty for other formats. */
  pages: SourcePage[];
}

/** Where one page of a PDF source begins in its text. */
export interface SourcePage {
  /** 1-based page number in the PDF. */
  page: number;
  /** The PDF's own label for the page ("iv", "A-3"), when it has one. */
  label: string | null;
  /** Code point where the page's text starts. */
  start: number;
}

export type TrashKind = 'source' | 'annotation' | 'note' | 'collection' | 'tag';

/**
 * A deleted source, annotation or note: kept in the trash until purged, put
 * back as it was by restore([id]). Also the tombstone a sync reads.
 */
export interface TrashItem {
  kind: TrashKind;
  id: Id;
  /** A source's or note's title, a collection's name; an annotation's quote (at most 200 characters). */
  title: string;
  /** The source an annotation belongs to; null for sources and notes. */
  sourceId: Id | null;
  deletedAt: string;
  /** A source: how many of its annotations went with it (and come back with it). */
  annotations: number;
}

/** How many rows a purge removed for good. */
export interface PurgeResult {
  sources: number;
  annotations: number;
  notes: number;
  collections: number;
  tags: number;
}

/** A source's place among the live files of one revision chain (the same file imported again, changed): revision n of `of` (of ≥ 2). */
export interface RevisionPlace {
  n: number;
  of: number;
}

export interface SourceSummary {
  id: Id;
  title: string;
  published: string | null;
  publisher: string | null;
  chars: number;
  annotationCount: number;
  importedAt: string;
  /** Distinct tags used on this source's annotations (for the library filter). */
  tags: string[];
  /** How many other live sources are versions (or revisions) of this one's story, by undismissed relations taken transitively (as search groups them): the library's mark. */
  versions: number;
  /** Set when it is one of two or more files of a revision chain (they share a title). */
  revision?: RevisionPlace;
}

/** The library's orders: date (newest first, undated last), title, or import (newest first). */
export type SourceSort = 'date' | 'title' | 'imported';
export const SOURCE_SORTS: readonly SourceSort[] = ['date', 'title', 'imported'];

/** Which sources a listing or count takes: those in a collection, those with annotations tagged (a tag takes its children), those named. */
export interface SourceFilter {
  collectionId?: Id;
  tag?: string;
  /** Only these sources (at most MAX_SOURCE_PAGE ids). */
  ids?: Id[];
  /** Only sources that have a version or revision (SourceSummary.versions > 0). */
  withVersions?: boolean;
}

/** The most sources one page of listSources holds (without a limit a listing returns them all). */
export const MAX_SOURCE_PAGE = 5000;

/** A listing of sources, sorted by the store, optionally one page of it. */
export interface SourceListQuery extends SourceFilter {
  /** Default 'imported'. */
  sort?: SourceSort;
  offset?: number;
  /** Without a limit, every source from offset on. */
  limit?: number;
}

export interface SourceCount {
  /** Sources the filter takes. */
  total: number;
  /** Of those, without a publication date (the date order puts them last). */
  undated: number;
  /** Sources in the library. */
  library: number;
}

/** Where to look in a listing: a source, or the first whose title starts with typed text. */
export type SourceLocation = { id: Id } | { titlePrefix: string };

/** The longest collection name, and the most sources one call adds to or removes from a collection. */
export const MAX_COLLECTION_NAME = 200;
export const MAX_COLLECTION_CHANGE = 100_000;

/** A named group of sources; a source can be in several. */
export interface Collection {
  id: Id;
  name: string;
  /** Live sources in it. */
  sourceCount: number;
  created: string;
  modified: string;
}

/** What adding sources to (or removing them from) a collection did. */
export interface CollectionChange {
  collection: Collection;
  /** Sources added (or removed); those already in it (or not in it) are not counted. */
  changed: number;
}

export type AnnotationStatus = 'anchored' | 'moved' | 'orphaned';

export const ANNOTATION_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];
export const isAnnotationColor = (name: string): name is AnnotationColor => (ANNOTATION_COLORS as readonly string[]).includes(name);

export interface Annotation {
  id: Id;
  sourceId: Id;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  color: AnnotationColor;
  comment: string;
  tags: string[];
  status: AnnotationStatus;
  /** Re-anchoring score (0..1) when status is 'moved'; null otherwise. */
  score: number | null;
  /** The annotation this one was carried from (a copy onto a version), or null. */
  carriedFrom: Id | null;
  /** Who made it (Settings › author name at the time; what a shared library shows). */
  author: string;
  created: string;
  modified: string;
}

/** Where an annotation stands and its verdict (a carried copy's review is written in status and score: common/carry-review.ts). */
export type AnnotationPlace = Pick<Annotation, 'start' | 'end' | 'exact' | 'prefix' | 'suffix' | 'status' | 'score'>;

/** A code of the codebook: a tag, nestable as `parent/child`. */
export interface CodebookTag {
  /** Null for a parent that exists only through its children (no passage tagged with it, no description). */
  id: Id | null;
  /** The whole path: `parent/child`. */
  name: string;
  description: string;
  /** Live annotations tagged with exactly this tag. */
  count: number;
  /** Live annotations tagged with it or one of its children (each once). */
  total: number;
}

/** What a rename, move or merge changed: tags renamed or merged away, and the live annotations they carry. */
export interface TagChange {
  tags: number;
  annotations: number;
}

/** An undone tag merge: the merged tag's name, and what changed since the merge and so was not put back (sentences; empty when all was). */
export interface TagMergeUndone extends TagChange {
  name: string;
  notRestored: string[];
}

export type AnnotationSort = 'source' | 'newest' | 'oldest' | 'tag';
export const ANNOTATION_SORTS: readonly AnnotationSort[] = ['source', 'newest', 'oldest', 'tag'];
/** The most annotations one page of queryAnnotations holds. */
export const MAX_ANNOTATION_PAGE = 1000;
/** The most sources one annotation filter names. */
export const MAX_FILTER_SOURCES = 100;
/** The longest tag name (and description) the store takes. */
export const MAX_TAG_NAME = 200;
export const MAX_TAG_DESCRIPTION = 10_000;

/** Which annotations of the whole library (live ones only): every filter given must hold. */
export interface AnnotationFilter {
  /** Tagged with this tag or one of its children ("a" takes "a/b"). */
  tag?: string;
  colors?: AnnotationColor[];
  sourceId?: Id;
  /** On any of these sources (with sourceId: on it or any of these), at most MAX_FILTER_SOURCES. */
  sourceIds?: Id[];
  collectionId?: Id;
  /** Words in the passage or its comment (full-text search: every word, "phrases", prefix*). */
  text?: string;
}

/** A source found by its title (the Annotations view's source picker). */
export interface SourceTitleMatch {
  id: Id;
  title: string;
  published: string | null;
  /** When it was imported: what tells apart sources of one title (a file and its revision) when no date does. */
  importedAt: string;
}

export interface SourceTitleMatches {
  items: SourceTitleMatch[];
  /** More sources match than were returned: type more to narrow. */
  more: boolean;
}

/** A listing of the library's annotations, filtered and sorted by the store, one page of it. */
export interface AnnotationQuery extends AnnotationFilter {
  /** Default 'source': by source title, then position in the source. 'tag': by first tag (untagged last). */
  sort?: AnnotationSort;
  offset?: number;
  /** Default 100, at most MAX_ANNOTATION_PAGE. */
  limit?: number;
  /** The rows after this one in the order (a page's `next`): a seek instead of counting offset rows (offset is then only echoed). */
  after?: AnnotationCursor;
}

/** A row's place in every order of the listing (its keys in db/migrations/0019): where the next page starts. */
export interface AnnotationCursor {
  tag: string | null;
  title: string;
  sourceSeq: number;
  start: number;
  created: string;
  seq: number;
}

/** An annotation with what a listing across sources shows of its source. */
export interface AnnotationListItem extends Annotation {
  sourceTitle: string;
  sourceSha256: string;
  sourcePublished: string | null;
  /** Set (in a page of the listing) when the source is one of two or more files of a revision chain. */
  sourceRevision?: RevisionPlace;
}

export interface AnnotationPage {
  /** How many annotations the filter takes (all pages). */
  total: number;
  offset: number;
  items: AnnotationListItem[];
  /** The last row's place (pass as `after` for the page that follows); null for an empty page. */
  next: AnnotationCursor | null;
}

/** How exportPassages writes the filtered passages. */
export type PassagesFormat = 'csv' | 'markdown';

export interface NewAnnotation {
  sourceId: Id;
  start: number;
  end: number;
  color?: AnnotationColor;
  comment?: string;
  tags?: string[];
}

export interface AnnotationPatch {
  color?: AnnotationColor;
  comment?: string;
  tags?: string[];
}

export interface Note {
  id: Id;
  title: string;
  /** ProseMirror document JSON (schema in common/note-schema.ts). */
  doc: unknown;
  text: string;
  /** Who made it (Settings › author name at the time). */
  author: string;
  /** The note schema version the doc is written in (common/note-version.ts). */
  schemaVersion: number;
  created: string;
  modified: string;
}

export interface NoteSummary {
  id: Id;
  title: string;
  modified: string;
  citationCount: number;
}

export interface NewNote {
  title: string;
  doc?: unknown;
}

export interface NotePatch {
  title?: string;
  doc?: unknown;
}

/** One citation extracted from a note doc (the citations table). */
export interface CitationRef {
  annotationId: Id | null;
  sourceId: Id;
  start: number;
  end: number;
  exact: string;
}

export interface Backlink {
  noteId: Id;
  title: string;
}

export type SearchKind = 'source' | 'annotation' | 'note';

/** Matched words in a snippet are wrapped in these two characters. */
export const SNIPPET_OPEN = '\u27E6'; // ⟦
export const SNIPPET_CLOSE = '\u27E7'; // ⟧

/** How many rows of each kind match a search (all of them, not only those a limit returns). */
export type SearchCounts = Record<SearchKind, number>;

export interface SearchHit {
  kind: SearchKind;
  id: Id;
  sourceId: Id | null;
  title: string;
  snippet: string;
  /** A source hit: where the snippet's first match lies in the text (code points), or null when only the title matched. */
  at?: { start: number; end: number } | null;
  /**
   * A source hit standing for several versions of one story (sources linked as
   * versions or revisions, and exact repeats among the hits): how many, and
   * their ids, this one first.
   */
  versions?: { count: number; ids: Id[] };
}

/** Search results one call returns by default, and at most. */
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;

export interface SearchOptions {
  /** Results wanted (default 50, at most MAX_SEARCH_LIMIT). */
  limit?: number;
  /** Only sources in this collection, and their annotations (no notes). */
  collectionId?: Id;
}

/** How many rows of one kind match: exact, or estimated ("about N") when a search matches a large share of the library. */
export interface SearchTotal {
  count: number;
  exact: boolean;
}

/** A page of search results and how many match in all. */
export interface SearchPage {
  hits: SearchHit[];
  totals: Record<SearchKind, SearchTotal>;
}

export interface ImportedItem {
  id: Id;
  title: string;
  path: string;
  sha256: string;
  chars: number;
  published: string | null;
  encoding: string;
  /** What the file was read as (sniffed: an HTML page saved as .txt is 'html'). */
  format: ImportFormat;
  /** What was extracted, in words ("HTML article: 1,240 words; 18 other blocks dropped (navigation, ads, comments)"). */
  summary: string;
}

export interface ImportResult {
  /** Exactly the files now stored (committed), in import order. */
  imported: ImportedItem[];
  duplicates: { path: string; id: Id }[];
  /** Every file not stored, with the reason (also each file an aborted import did not reach). */
  failed: { path: string; error: string }[];
  /** Imported files that changed since an earlier import from the same path: each linked as its next revision. */
  revisions: ImportedRevision[];
  /** Versions and shared passages found between the imported sources and the library. */
  versions: FoundRelation[];
  /** Present when versions could not be looked for (the import itself is complete): why. */
  versionsError?: string;
  /** Present when some imported sources were not compared with the library for versions (too large to align): which, and why. */
  versionsNotLookedFor?: { id: Id; path: string; reason: string }[];
  /** Present when the import stopped part-way (disk full, library locked or damaged): why. */
  aborted?: string;
}

/** A file handed over as bytes (a drop with no path on disk). */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export interface ProgressEvent {
  /** versions: finding versions of imported sources (after each imported batch), or of the whole library. */
  task: 'import' | 'export' | 'versions';
  done: number;
  total: number;
  current: string;
}

/** A file written by an export. */
export interface ExportResult {
  /** Absolute path of the written file. */
  path: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** PDFs: number of pages. */
  pages?: number;
  /** PDFs: characters the embedded fonts lack (shown as a missing-glyph box, never dropped). */
  missingGlyphs?: string[];
  /** Notes: number of distinct cited passages. */
  citations?: number;
  /** W3C and passage exports: number of annotations. */
  annotations?: number;
  /** Codebook export: number of codes. */
  tags?: number;
}

/** What importing W3C annotation JSON onto a source did. */
export interface AnnotationImportResult {
  sourceId: Id;
  imported: { id: Id; status: AnnotationStatus; score: number | null; start: number; end: number; exact: string }[];
  anchored: number;
  moved: number;
  orphaned: number;
  /** Annotations in the file not imported: no text passage named, or already imported onto this source. */
  skipped: { index: number; id: string | null; reason: string }[];
}

export type PageSize = 'A4' | 'Letter';
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  authorName: string;
  pageSize: PageSize;
  theme: Theme;
  lastSourceId: Id | null;
  /** Scroll position of the reader for lastSourceId, as a code-point offset of the top visible text. */
  lastScrollOffset: number;
}

export const DEFAULT_SETTINGS: Settings = {
  authorName: '',
  pageSize: 'A4',
  theme: 'system',
  lastSourceId: null,
  lastScrollOffset: 0,
};

/** Why a library refuses writes (reads still work). */
export interface WriteRefusal {
  code: 'read-only' | 'newer-schema' | 'damaged';
  message: string;
}

/** What an integrity check (SQLite's quick_check, or integrity_check with the full-text indexes) found. */
export interface IntegrityReport {
  ok: boolean;
  /** SQLite's own lines, at most 100; empty when ok. */
  problems: string[];
  full: boolean;
  checkedAt: string;
}

export interface LibraryStatus {
  /** The database file. */
  path: string;
  /** Null while the library accepts writes. */
  readOnly: WriteRefusal | null;
  /** The schema version in the file, and the newest this Lectern knows. */
  schemaVersion: number;
  appSchemaVersion: number;
  /** Read from a copy in memory (a read-only folder or an older read-only file). */
  inMemory: boolean;
  /** The last integrity check of this file known here, or null. */
  lastCheck: IntegrityReport | null;
}

/** A backup written through SQLite's online backup API, then checked. */
export interface BackupResult {
  path: string;
  bytes: number;
  check: IntegrityReport;
}

/** Where this library syncs (per machine; the password is kept apart, in the OS keychain or an env var). */
export interface SyncConfig {
  /** CouchDB server URL, e.g. https://couch.example.org:6984 */
  server: string;
  database: string;
  user: string;
  /** Plain http to another machine (the password and texts travel unencrypted). */
  allowInsecure: boolean;
  /** Sync continuously while the app is open. */
  continuous: boolean;
  /** Whether a password is stored for it (never the password itself). */
  hasPassword: boolean;
}

export interface SyncConfigInput {
  server: string;
  database: string;
  user: string;
  allowInsecure?: boolean;
  continuous?: boolean;
  /** Stored in the OS keychain (app) or not at all (CLI: $LECTERN_SYNC_PASSWORD); undefined keeps the stored one. */
  password?: string;
}

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Changes made here and not yet sent. */
  pending: number;
  /** Records edited on two machines, waiting for the researcher. */
  conflicts: number;
  /** Received records waiting for another (an annotation before its source). */
  waiting: number;
  lastSyncAt: string | null;
  /** The last error, progress line or warning. */
  message: string | null;
  continuous: boolean;
}

/** What one sync did. */
export interface SyncReport {
  /** Revisions sent. */
  pushed: number;
  /** Changed documents the server named. */
  received: number;
  applied: number;
  /** Records edited on two machines whose edits were merged field by field. */
  merged: number;
  /** Records edited on two machines now waiting for the researcher (all of them, after this sync). */
  conflicts: number;
  /** Records received that wait for another (all of them, after this sync). */
  parked: number;
  /** Documents refused (too large, not valid), named in the notices. */
  refused: number;
  /** 'created': this library was put in an empty database; 'joined': this (empty) library joined the one the database holds. */
  joined: 'created' | 'joined' | null;
  /** The database had lost this library's documents; everything was sent again. */
  resent: boolean;
  /** The database was restored from an older backup: what showed it, and that what it lacked went again (nothing deleted here). */
  restored: string | null;
  /** Plain http to another machine. */
  warning: string | null;
  /** Some changes were left for the next round (continuous sync). */
  more: boolean;
}

/** One source copied (or moved) into another library (electron/transfer/copy-sources.ts). */
export interface TransferredSource {
  id: Id;
  /** Its id there: its own, or the source already there with the same file and text. */
  targetId: Id;
  title: string;
  status: 'copied' | 'already-there' | 'same-file-there';
  /** Annotations added there (those already there by id are not added again). */
  annotations: number;
}

export interface TransferResult {
  /** The other library's path. */
  to: string;
  sources: TransferredSource[];
  /** Ids not copied, each with why. */
  failed: { id: Id; reason: string }[];
  /** With move: how many sources went to this library's trash (after the copy committed). */
  moved: number;
}

/** The kinds of synced documents, each '<kind>:<id>' on the server (db/sync-tables.ts maps tables to them). */
export const SYNC_KINDS = ['source', 'tag', 'annotation', 'note', 'collection', 'relation'] as const;
export type SyncKindName = (typeof SYNC_KINDS)[number];

/** A record edited on two machines whose edits touch the same fields. */
export interface SyncConflict {
  docId: string;
  kind: SyncKindName;
  id: Id;
  /** Title, tag name or quote. */
  label: string;
  /** The fields both machines changed. */
  fields: string[];
  /** This library's version (the record's fields). */
  ours: Record<string, unknown>;
  /** The other machines' versions, each by revision. */
  theirs: { rev: string; record: Record<string, unknown> }[];
  foundAt: string;
}

export type SyncResolution = { keep: 'ours' } | { keep: 'theirs'; rev: string } | { merged: Record<string, unknown> };

/** Something a sync decided on its own and says so. */
export interface SyncNotice {
  docId: string;
  kind: string;
  message: string;
  at: string;
}

export interface SyncTestResult {
  /** What the server calls itself (CouchDB, PouchDB Server...) and its version. */
  server: string;
  database: string;
  /** Whether the database exists yet (a first sync creates it when the user may). */
  databaseExists: boolean;
  /** The library the database holds, or null when it holds none yet. */
  libraryId: string | null;
  /** Whether it is this library. */
  sameLibrary: boolean;
  warning: string | null;
}

/** The one error shape every transport returns. */
export interface ApiErrorShape {
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiError';
  }
}

// Versions of a story (electron/versions/): relations between sources, comparing
// two sources, carrying annotations across.

export type RelationKind = 'version' | 'shares' | 'revision';
export type RelationOrigin = 'detected' | 'manual';
/** What a direction estimate rests on: b is a's next revision, published dates, or containment asymmetry. */
export type DirectionBasis = 'revision' | 'dates' | 'containment';

/** Two related sources with the figures of their alignment (null: not measured, a text too large to align). */
export interface SourceRelation {
  /** For a revision: the earlier import of the file. */
  a: Id;
  /** For a revision: the changed file. */
  b: Id;
  kind: RelationKind;
  similarity: number | null;
  /** Share of a's sentence text aligned in b, 0..1. */
  aInB: number | null;
  /** Share of b's sentence text aligned in a, 0..1. */
  bInA: number | null;
  /** Aligned passages (same, changed or moved) that read alike. */
  passages: number | null;
  origin: RelationOrigin;
  /** Dismissed by the researcher: kept so detection never proposes the pair again; not in any group. */
  dismissed: boolean;
  /** An estimate: which of the two is likely derived from the other (null: no estimate). */
  derived: Id | null;
  derivedBy: DirectionBasis | null;
  created: string;
  updated: string;
}

/** Sources connected by undismissed version or revision relations. */
export interface VersionGroup {
  sources: Id[];
}

export interface VersionsOverview {
  groups: VersionGroup[];
  relations: SourceRelation[];
}

/** One relation seen from one of its sources. */
export interface RelatedSource {
  /** The other source. */
  id: Id;
  title: string;
  published: string | null;
  kind: RelationKind;
  similarity: number | null;
  /** Share of this source aligned in the other. */
  aInB: number | null;
  /** Share of the other source aligned in this one. */
  bInA: number | null;
  passages: number | null;
  origin: RelationOrigin;
  dismissed: boolean;
  /** An estimate: 'this' when this source is likely derived from the other, 'other' the reverse. */
  derived: 'this' | 'other' | null;
  derivedBy: DirectionBasis | null;
  /** For a revision: whether the other source is the earlier or the later file. */
  revision: 'earlier' | 'later' | null;
}

export interface SourceRelations {
  id: Id;
  relations: RelatedSource[];
}

/** A relation an import found for one of the imported sources (figures seen from it). */
export interface FoundRelation {
  /** The imported source. */
  id: Id;
  /** The source it relates to. */
  other: Id;
  otherTitle: string;
  kind: 'version' | 'shares';
  similarity: number;
  /** Share of the imported source aligned in the other. */
  aInB: number;
  /** Share of the other aligned in the imported source. */
  bInA: number;
}

/** An imported file that changed since its earlier import (same path, other bytes): linked as its next revision. */
export interface ImportedRevision {
  id: Id;
  path: string;
  revisionOf: Id;
  revisionOfTitle: string;
}

/** What `versions --rebuild` did. */
export interface VersionsRebuild {
  sources: number;
  /** Pairs the candidate index proposed that were aligned. */
  compared: number;
  /** Version and shares relations found (kept or new). */
  found: number;
  /** Detected relations no longer found, removed (dismissed, manual and revision ones stay). */
  removed: number;
  /** Live sources too large to align (over MAX_ALIGN_CHARS): not compared with any other. */
  tooLarge: number;
}

/** Two sources aligned passage by passage: a and b are their ids, ranges are code points of each. */
export interface SourceComparison extends Alignment {
  a: Id;
  b: Id;
}

/** One annotation copied onto a version (id null in a dry run). */
export interface CarriedAnnotation {
  /** The annotation copied. */
  from: Id;
  /** Its copy. */
  id: Id | null;
  status: AnnotationStatus;
  /** 1 anchored, the word similarity when moved, 0 orphaned. */
  score: number;
  start: number;
  end: number;
  exact: string;
}

export interface CarryResult {
  from: Id;
  to: Id;
  dryRun: boolean;
  carried: CarriedAnnotation[];
  anchored: number;
  moved: number;
  orphaned: number;
  /** Annotations not copied: carried before (id: the copy), themselves carried from the target, or already there (id: the target's annotation). */
  skipped: { from: Id; id: Id; reason: string }[];
  /** Of the skipped, those the target already had: an annotation on the same range with the same colour, comment and tags. */
  alreadyThere: number;
}

/**
 * A cited passage as it stands in another version of its source (a citation's
 * "also in"): anchored, it reads the same there; moved, it reads differently
 * (exact is the other wording); orphaned, the version does not have it.
 */
export interface PassageInVersion {
  /** The other source. */
  id: Id;
  title: string;
  sha256: string;
  kind: RelationKind;
  /** null when the two texts are too large to align (`unavailable` says why). */
  status: AnnotationStatus | null;
  /** Code points of the other source; start === end when orphaned. */
  start: number;
  end: number;
  exact: string;
  /** 1 same, the word similarity when reworded, 0 absent. */
  score: number;
  /** A live annotation there: the copy carried from the cited annotation, or one on exactly this range. */
  annotationId: Id | null;
  unavailable?: string;
}


// "Reopen with encoding…" (issue 13.3): the same original bytes decoded with
// another encoding, the text replaced, annotations and citations re-anchored.

/** An encoding a source can be reopened with. */
export interface EncodingChoice {
  /** The label stored with a source ('windows-1251'). */
  encoding: string;
  family: string;
  /** The language its decoding reads as (likely candidates only), e.g. 'ru'; null when none fits. */
  language: string | null;
}

export interface ReencodeOptions {
  sourceId: Id;
  /** What the text is decoded with now. */
  encoding: string;
  /** Why this source cannot be reopened (no original bytes kept, or its text is not decoded bytes), or null. */
  refused: string | null;
  /** The most plausible encodings for the original bytes, best first (the decoder's own ranking). */
  likely: EncodingChoice[];
  /** Every encoding Lectern reads, by family. */
  all: EncodingChoice[];
  /** The last re-encoding, which undoReencode takes back; null when there is none. */
  undo: { from: string; to: string; at: string } | null;
}

export type ReencodeField = keyof SourceMeta;

export interface ReencodedAnnotation {
  id: Id;
  status: AnnotationStatus;
  /** 1 anchored; the match score when moved; 0 orphaned. */
  score: number;
  /** Code points in the new text (start === end for an orphan). */
  start: number;
  end: number;
  /** The new text at [start, end); an orphan keeps its quote. */
  exact: string;
  before: { start: number; end: number; exact: string; status: AnnotationStatus };
  /** In the trash (re-anchored too, so a restore finds its passage). */
  deleted: boolean;
}

export interface ReencodeResult {
  sourceId: Id;
  from: string;
  to: string;
  /** Nothing was written (a preview). */
  preview: boolean;
  /** The new text's length in code points. */
  chars: number;
  /** Invalid byte sequences in the new decoding (shown as U+FFFD); a replacement is refused while there are any. */
  invalid: number;
  /** The start of the new text (at most PREVIEW_CHARS code points). */
  head: string;
  /** The first lines that read differently, before and after (1-based line numbers). */
  changedLines: { line: number; before: string; after: string }[];
  /** Every annotation of the source (live and in the trash) with its verdict. */
  annotations: ReencodedAnnotation[];
  /** Verdict counts over live annotations. */
  anchored: number;
  moved: number;
  orphaned: number;
  /** Citations in notes into this source that follow their passage, and the notes they are in. */
  citations: number;
  notes: Id[];
  /** Notes citing the source that are not changed (written by a newer Lectern). */
  notesSkipped: Id[];
  /** Descriptive fields read from the garbled text and read again from the new one. */
  meta: { field: ReencodeField; before: string | null; after: string | null }[];
}

export interface UndoReencodeResult {
  sourceId: Id;
  /** The encoding the text is decoded with again. */
  encoding: string;
  /** Annotations put back where they were; kept: moved by hand since, left where they are. */
  restored: number;
  kept: number;
  citations: number;
}
