import type { IntegrityReport, LibraryStatus, SearchOptions, WriteRefusal } from '../common/types.ts';
import { openDatabase, type OpenOptions } from './open.ts';
import { migrate } from './migrate.ts';
import { createWriter, libraryFailure } from './write.ts';
import { checkIntegrity, clearDamageMarker, damagedMessage, quickCheckInWorker, readDamageMarker, writeDamageMarker } from './integrity.ts';
import { createSourceRepo } from './sources.ts';
import { createAnnotationRepo } from './annotations.ts';
import { createNoteRepo } from './notes.ts';
import { createSettingsRepo } from './settings.ts';
import { createTrashRepo } from './trash.ts';
import { createSearch } from './search.ts';
import { createRelationRepo } from './relations.ts';
import { createCarriedRepo } from './carried.ts';
import { createChanges } from './changes.ts';
import { createSyncRows } from './sync-rows.ts';
import { createVersionIndex } from './version-index.ts';
import { createCollectionRepo } from './collections.ts';
import { createReencodeRepo } from './reencodes.ts';
import { createTagRepo } from './tags.ts';
import { createAnnotationList } from './annotation-list.ts';
import { createSourcePicker } from './source-picker.ts';

/**
 * The whole store: one database, one repository per table group, and one way
 * to write (`write`, IMMEDIATE transactions, refused while the library is
 * read-only, newer than this Lectern, or known to be damaged).
 */
export function openStore(file: string, options: OpenOptions = {}) {
  const opened = openDatabase(file, options);
  const { db } = opened;
  let refusal: WriteRefusal | null = opened.refusal;
  let lastCheck: IntegrityReport | null = readDamageMarker(file);

  /** Remembers a check's verdict: a failure refuses writes here and, through the marker, in every process. */
  const recordCheck = (found: IntegrityReport): IntegrityReport => {
    lastCheck = found;
    if (!found.ok) {
      if (!opened.inMemory) writeDamageMarker(file, found);
      refusal = { code: 'damaged', message: damagedMessage(file, found) };
    } else if (refusal?.code === 'damaged' && !opened.inMemory) {
      clearDamageMarker(file);
      refusal = null;
      migrate(db, options.migrations, file); // skipped while the file was marked damaged
    }
    return found;
  };

  const write = createWriter(db, {
    refusal: () => refusal,
    busyTimeoutMs: opened.busyTimeoutMs,
    onCorruption: (message) => recordCheck({ ok: false, problems: [message], full: false, checkedAt: new Date().toISOString() }),
  });

  const repo = {
    sources: createSourceRepo(db, write),
    annotations: createAnnotationRepo(db, write),
    notes: createNoteRepo(db, write),
    relations: createRelationRepo(db, write),
    carried: createCarriedRepo(db),
    versionIndex: createVersionIndex(db, write),
    collections: createCollectionRepo(db, write),
    reencodes: createReencodeRepo(db),
    /** The codebook: tags with counts, rename, merge, move, describe, delete. */
    tags: createTagRepo(db, write),
    /** The whole library's annotations, filtered, sorted and paged. */
    annotationList: createAnnotationList(db),
    /** Sources by the words of their title, for a picker. */
    findSourcesByTitle: createSourcePicker(db),
  };
  // Sources from before migration 0008 get their sort key (once; in memory for a read-only copy).
  if (!refusal || opened.inMemory) repo.sources.fillSortTitles(refusal ? createWriter(db) : write);
  const search = createSearch(db);
  const idTakenStmt = db.prepare(`SELECT 1 FROM sources WHERE id = @id UNION ALL SELECT 1 FROM annotations WHERE id = @id
    UNION ALL SELECT 1 FROM notes WHERE id = @id UNION ALL SELECT 1 FROM collections WHERE id = @id LIMIT 1`).pluck();

  return {
    db,
    file,
    write,
    ...repo,
    settings: createSettingsRepo(db, write),
    trash: createTrashRepo(db, write),
    /** Search hits, best first (searchPage also says how many match). */
    search: (query: string, limit?: number, options: SearchOptions = {}) => search.page(query, { ...options, limit: limit ?? options.limit }).hits,
    searchPage: search.page,
    searchCounts: search.counts,
    /** Sync's change tracking (the outbox, revisions) and its record reader/writer. */
    changes: createChanges(db, write),
    syncRows: createSyncRows(db),
    /** An ApiError when err is a failure of the whole library (locked, read-only, full, damaged), else null. */
    libraryFailure: (err: unknown) => libraryFailure(err, opened.busyTimeoutMs),
    /** Whether any row, live or in the trash, has this id (ids are unique across tables). */
    idTaken: (id: string): boolean => idTakenStmt.get({ id }) !== undefined,
    status: (): LibraryStatus => ({
      path: file, readOnly: refusal, schemaVersion: opened.schemaVersion, appSchemaVersion: opened.appSchemaVersion,
      inMemory: opened.inMemory, lastCheck,
    }),
    /** quick_check (full: integrity_check and the full-text indexes) here, now. */
    check: (full = false): IntegrityReport => recordCheck(checkIntegrity(db, full)),
    /** quick_check in a worker thread, so this thread keeps serving calls meanwhile. */
    checkInBackground: async (): Promise<IntegrityReport> =>
      recordCheck(opened.inMemory ? checkIntegrity(db) : await quickCheckInWorker(file, opened.busyTimeoutMs)),
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof openStore>;
