// The API contract without its validation: every call the UI can make and the
// list of their names. Kept free of zod so the sandboxed preload stays small;
// common/api.ts adds one argument schema per method.
import type {
  Annotation, AnnotationImportResult, AnnotationPatch, BackupResult, Collection, CollectionChange, ExportResult, Backlink, FileBytes, Id,
  ImportResult, IntegrityReport, LibraryStatus, NewAnnotation, NewNote, Note, NotePatch, NoteSummary, PurgeResult, SearchCounts, SearchHit,
  SearchOptions, SearchPage, Settings, Source, SourceCount, SourceFilter, SourceListQuery, SourceLocation, SourceMeta, SourceSummary,
  SyncConfig, SyncConfigInput, SyncConflict, SyncNotice, SyncReport, SyncResolution, SyncStatus, SyncTestResult, TrashItem, TransferResult,
  CarryResult, PassageInVersion, SourceComparison, SourceRelation, SourceRelations, VersionsOverview, VersionsRebuild,
  ReencodeOptions, ReencodeResult, UndoReencodeResult, AnnotationPlace,
  AnnotationFilter, AnnotationPage, AnnotationQuery, CodebookTag, PassagesFormat, TagChange, TagMergeUndone, SourceTitleMatches,
} from './types.ts';
import type { ComparisonPage, ComparisonPageRequest } from './comparison-page.ts';

export interface LecternApi {
  /** Sources, filtered and sorted by the store; a page of them with offset/limit (default: all, newest import first). */
  listSources(query?: SourceListQuery): Promise<SourceSummary[]>;
  /** How many sources a filter takes (and how many of those are undated), and how many the library holds. */
  countSources(filter?: SourceFilter): Promise<SourceCount>;
  /** Where a source is in a listing (its offset), or the first source whose title starts with typed text; null when none. */
  locateSource(query: SourceListQuery, target: SourceLocation): Promise<number | null>;
  getSource(id: Id): Promise<Source>;
  updateSource(id: Id, patch: Partial<SourceMeta>): Promise<Source>;
  /** Moves a source, with its annotations, to the trash; undo with restore([id]). */
  deleteSource(id: Id): Promise<TrashItem>;

  importPaths(paths: string[]): Promise<ImportResult>;
  importFiles(files: FileBytes[]): Promise<ImportResult>;

  listAnnotations(sourceId: Id): Promise<Annotation[]>;
  getAnnotation(id: Id): Promise<Annotation>;
  createAnnotation(input: NewAnnotation): Promise<Annotation>;
  updateAnnotation(id: Id, patch: AnnotationPatch): Promise<Annotation>;
  /** Moves an annotation to the trash; undo with restore([id]). */
  deleteAnnotation(id: Id): Promise<TrashItem>;
  listTags(): Promise<string[]>;
  /** The whole library's annotations, filtered, sorted and paged by the store (the Annotations view), with how many the filter takes. */
  queryAnnotations(query?: AnnotationQuery): Promise<AnnotationPage>;
  /** Sources whose title has every word typed (the last as a prefix), titles that start with it first; at most `limit` (default 20). */
  findSourcesByTitle(text: string, limit?: number): Promise<SourceTitleMatches>;
  /** The codebook: every tag (parents included) with its description and how many passages carry it. */
  listCodebook(): Promise<CodebookTag[]>;
  /** Renames a tag; its children follow (`a/x` becomes `new/x`). Refused when a name is taken (merge instead). */
  renameTag(name: string, newName: string): Promise<TagChange>;
  /** Moves every use of `from` (and of its children) onto `into`; `from` is gone afterwards; undo with undoMergeTags(from, into). */
  mergeTags(from: string, into: string): Promise<TagChange>;
  /** Takes back the library's latest merge of `from` into `into` (kept across restarts and processes): the merged tag (and its children) again, with exactly their uses, descriptions and parent; `name` is its name; what changed since the merge stays, said in notRestored. */
  undoMergeTags(from: string, into: string): Promise<TagMergeUndone>;
  /** Puts a tag (with its children) under another parent, or at the top level when parent is null. */
  moveTag(name: string, parent: string | null): Promise<TagChange>;
  /** Sets a tag's description (a tag not used yet is made: a code before its first passage). */
  describeTag(name: string, description: string): Promise<CodebookTag>;
  /** Moves a tag and its children to the trash (their passages stay, untagged); undo with restore(ids). */
  deleteTag(name: string): Promise<TrashItem[]>;

  search(query: string, limit?: number, options?: Pick<SearchOptions, 'collectionId'>): Promise<SearchHit[]>;
  /** How many sources, annotations and notes match (search returns at most its limit): exact, or an estimate when a search matches much of the library (searchPage says which). */
  searchCounts(query: string): Promise<SearchCounts>;
  /** Search hits and how many of each kind match (exactly, or "about N" when a search matches much of the library). */
  searchPage(query: string, options?: SearchOptions): Promise<SearchPage>;

  /** Collections by name, each with how many sources it holds. */
  listCollections(): Promise<Collection[]>;
  createCollection(name: string): Promise<Collection>;
  renameCollection(id: Id, name: string): Promise<Collection>;
  /** Moves a collection to the trash (its sources stay); undo with restore([id]). */
  deleteCollection(id: Id): Promise<TrashItem>;
  /** Adds sources to a collection: all or none (an unknown or deleted source adds nothing). */
  addToCollection(id: Id, sourceIds: Id[]): Promise<CollectionChange>;
  removeFromCollection(id: Id, sourceIds: Id[]): Promise<CollectionChange>;
  /** The collections a source is in. */
  sourceCollections(sourceId: Id): Promise<Collection[]>;

  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;

  listNotes(): Promise<NoteSummary[]>;
  getNote(id: Id): Promise<Note>;
  createNote(input: NewNote): Promise<Note>;
  updateNote(id: Id, patch: NotePatch): Promise<Note>;
  /** Moves a note to the trash; undo with restore([id]). */
  deleteNote(id: Id): Promise<TrashItem>;
  backlinks(id: Id): Promise<Backlink[]>;

  /** Puts deleted sources (with their annotations), annotations and notes back as they were; all or none. */
  restore(ids: Id[]): Promise<TrashItem[]>;
  /** The trash, most recently deleted first (rows stay there 30 days, then are purged). */
  listDeleted(): Promise<TrashItem[]>;
  /** Removes the named rows from the trash for good, or, without ids, empties it. */
  purgeDeleted(ids?: Id[]): Promise<PurgeResult>;

  /** The library file, whether it accepts writes (and why not), its schema version, its last check. */
  libraryStatus(): Promise<LibraryStatus>;
  /** SQLite's quick_check (full: integrity_check and the full-text indexes); a failure refuses writes from then on. */
  checkLibrary(options?: { full?: boolean }): Promise<IntegrityReport>;
  /** A checked copy of the library through SQLite's online backup API, at a path from chooseSavePath. */
  backupLibrary(path: string): Promise<BackupResult>;

  /**
   * Asks where to save an export (Electron: a save dialog; elsewhere: a file in a
   * temporary export folder). Returns null when the user cancels. The export
   * methods below only write to paths this method returned.
   */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Annotated PDF of a source (page size and author from settings). */
  exportSourcePdf(sourceId: Id, path: string): Promise<ExportResult>;
  /** PDF of a note; withSources appends the cited sources, annotated, and links citations there. */
  exportNotePdf(noteId: Id, path: string, options?: { withSources?: boolean }): Promise<ExportResult>;
  /** Markdown of a note, citations as footnotes. */
  exportNoteMarkdown(noteId: Id, path: string): Promise<ExportResult>;
  /** A source's annotations as a W3C Web Annotation collection (JSON-LD). */
  exportAnnotations(sourceId: Id, path: string): Promise<ExportResult>;
  /** The passages a filter takes as CSV (one row per passage) or Markdown grouped by tag, each with a citation back to its source. */
  exportPassages(filter: AnnotationFilter & Pick<AnnotationQuery, 'sort'>, path: string, format: PassagesFormat): Promise<ExportResult>;
  /** The codebook as a REFI-QDA codebook exchange file (QDC XML), for NVivo, ATLAS.ti, MAXQDA. */
  exportCodebook(path: string): Promise<ExportResult>;
  /** The text of a W3C annotation JSON(-LD) file, onto a source; every passage is re-anchored and kept. */
  importAnnotations(sourceId: Id, json: string): Promise<AnnotationImportResult>;

  /** Aligns two sources passage by passage (segments same/changed/moved/onlyA/onlyB, word changes). */
  compareSources(a: Id, b: Id): Promise<SourceComparison>;
  /** A page of the compare view's rows of a with b, without their text (common/comparison-page.ts); withText: the texts up to where the page reaches. */
  comparisonRows(a: Id, b: Id, page: ComparisonPageRequest): Promise<ComparisonPage>;
  /** Copies (never moves) the annotations of `from` onto its version `to`; dryRun: the verdicts only, nothing written. */
  carryAnnotations(from: Id, to: Id, options?: { dryRun?: boolean }): Promise<CarryResult>;
  /** The versions, shared-passage sources and revisions of one source, with figures and a direction estimate. */
  sourceRelations(id: Id): Promise<SourceRelations>;
  /** Every relation between live sources, and the version groups (connected components). */
  listVersions(): Promise<VersionsOverview>;
  /** Finds versions across the whole library again (dismissed pairs stay dismissed, links and revisions stay). */
  rebuildVersions(): Promise<VersionsRebuild>;
  /** Links two sources as versions by hand, or confirms a detected relation. */
  linkSources(a: Id, b: Id): Promise<SourceRelation>;
  /** Dismisses the relation of two sources: it is kept as dismissed, out of every group, never detected again. */
  unlinkSources(a: Id, b: Id): Promise<SourceRelation>;
  /** Where a passage of a source stands in each of its versions (and sources sharing passages with it): the same, reworded, or absent. */
  passageInVersions(sourceId: Id, start: number, end: number, annotationId?: Id | null): Promise<PassageInVersion[]>;
  /** Confirms an annotation where it is (a carried copy accepted), or moves it to [start, end) of its source (adjusted): anchored there from then on. */
  placeAnnotation(id: Id, range?: { start: number; end: number }): Promise<Annotation>;
  /** Puts an annotation back at a place and verdict it had (the undo of placeAnnotation); an orphan's start equals its end. */
  restoreAnnotationPlace(id: Id, before: AnnotationPlace): Promise<Annotation>;
  /** The comparison report of two sources: PDF or Markdown by the path's extension (.pdf / .md). */
  exportComparison(a: Id, b: Id, path: string): Promise<ExportResult>;
  /** Whether a source can be reopened with another encoding, the likely encodings for its original bytes, every encoding, and its undo. */
  reencodeOptions(sourceId: Id): Promise<ReencodeOptions>;
  /**
   * Decodes a source's original bytes with another encoding and puts that text in
   * place of its text, annotations and citations re-anchored (the sha256 stays);
   * preview: the same verdicts and the new text's start, nothing written.
   */
  reencodeSource(sourceId: Id, encoding: string, options?: { preview?: boolean }): Promise<ReencodeResult>;
  /** Takes back the source's last re-encoding: its previous text, fields, and annotations' and citations' places. */
  undoReencode(sourceId: Id): Promise<UndoReencodeResult>;
  /** Where this library syncs (CouchDB replication), or null when it does not. */
  getSyncConfig(): Promise<SyncConfig | null>;
  /** Sets the server, database and user (the password goes to the OS keychain, never the library); null stops syncing. */
  setSyncConfig(config: SyncConfigInput | null): Promise<SyncConfig | null>;
  /** Reaches the server and database with these settings (or the stored ones), writing nothing. */
  testSyncConnection(config?: SyncConfigInput): Promise<SyncTestResult>;
  /** Syncs now: push, pull, until both are done. join: merge this (non-empty) library into the one the database holds. */
  syncNow(options?: { join?: boolean }): Promise<SyncReport>;
  /** synced / syncing n changes / offline / n conflicts. */
  syncStatus(): Promise<SyncStatus>;
  /** A number that changes whenever another process (the CLI, the versions worker) commits to the library: the app re-reads what it shows. */
  libraryVersion(): Promise<number>;
  /** Records edited on two machines, both versions kept, waiting for the researcher. */
  listSyncConflicts(): Promise<SyncConflict[]>;
  /** Keeps one version, or a merge of them, on every machine; returns the conflicts left. */
  resolveSyncConflict(docId: string, resolution: SyncResolution): Promise<SyncConflict[]>;
  /** What sync decided on its own (merges, a delete against an edit), newest first. */
  listSyncNotices(): Promise<SyncNotice[]>;
  /** Copies sources (text, original, annotations with tags) into another library file; move: then to this library's trash. */
  copySources(ids: Id[], toPath: string, options?: { move?: boolean }): Promise<TransferResult>;
}

export type ApiMethod = keyof LecternApi;

/** The longest annotation JSON text importAnnotations takes (UTF-16 code units; a file of this many bytes never decodes to more). */
export const MAX_ANNOTATION_JSON = 50_000_000;

/** Every method, once: a Record over ApiMethod, so the compiler rejects a missing or unknown name. */
const METHOD_NAMES: Record<ApiMethod, true> = {
  listSources: true,
  countSources: true,
  locateSource: true,
  getSource: true,
  updateSource: true,
  deleteSource: true,
  importPaths: true,
  importFiles: true,
  listAnnotations: true,
  getAnnotation: true,
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  listTags: true,
  queryAnnotations: true,
  findSourcesByTitle: true,
  listCodebook: true,
  renameTag: true,
  mergeTags: true,
  undoMergeTags: true,
  moveTag: true,
  describeTag: true,
  deleteTag: true,
  search: true,
  searchCounts: true,
  searchPage: true,
  listCollections: true,
  createCollection: true,
  renameCollection: true,
  deleteCollection: true,
  addToCollection: true,
  removeFromCollection: true,
  sourceCollections: true,
  getSettings: true,
  updateSettings: true,
  listNotes: true,
  getNote: true,
  createNote: true,
  updateNote: true,
  deleteNote: true,
  backlinks: true,
  restore: true,
  listDeleted: true,
  purgeDeleted: true,
  libraryStatus: true,
  checkLibrary: true,
  backupLibrary: true,
  chooseSavePath: true,
  exportSourcePdf: true,
  exportNotePdf: true,
  exportNoteMarkdown: true,
  exportAnnotations: true,
  importAnnotations: true,
  exportPassages: true,
  exportCodebook: true,
  compareSources: true,
  comparisonRows: true,
  carryAnnotations: true,
  sourceRelations: true,
  listVersions: true,
  rebuildVersions: true,
  linkSources: true,
  unlinkSources: true,
  passageInVersions: true,
  placeAnnotation: true,
  restoreAnnotationPlace: true,
  exportComparison: true,
  reencodeOptions: true,
  reencodeSource: true,
  undoReencode: true,
  getSyncConfig: true,
  setSyncConfig: true,
  testSyncConnection: true,
  syncNow: true,
  syncStatus: true,
  libraryVersion: true,
  listSyncConflicts: true,
  resolveSyncConflict: true,
  listSyncNotices: true,
  copySources: true,
};

export const API_METHODS = Object.keys(METHOD_NAMES) as ApiMethod[];

