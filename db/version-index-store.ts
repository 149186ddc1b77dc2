// The versions worker's own connection to a library (electron/versions/detect-worker.ts):
// only what finding versions reads and writes (the candidate index, relations,
// the sources' texts), without the rest of the store. Loading the whole store's
// modules and preparing all its statements was most of the worker's start-up,
// paid by every large import. The import that starts the worker has opened
// (and migrated) the library already; this opens it the same way (openDatabase:
// WAL, busy timeout, writes refused for a read-only, newer or damaged file).
import type { Id, Source } from '../common/types.ts';
import { openDatabase } from './open.ts';
import { createRelationRepo } from './relations.ts';
import { createVersionIndex } from './version-index.ts';
import { createWriter, libraryFailure } from './write.ts';

export type VersionIndexStore = ReturnType<typeof openVersionIndexStore>;

export function openVersionIndexStore(file: string) {
  const opened = openDatabase(file);
  const { db } = opened;
  const write = createWriter(db, { refusal: () => opened.refusal, busyTimeoutMs: opened.busyTimeoutMs });
  const textStmt = db.prepare('SELECT id, title, text FROM live_sources WHERE id = ?');
  return {
    db,
    file,
    write,
    versionIndex: createVersionIndex(db, write),
    relations: createRelationRepo(db, write),
    /** A live source's title and text. */
    sources: { get: (id: Id) => textStmt.get(id) as Pick<Source, 'id' | 'title' | 'text'> | undefined },
    libraryFailure: (err: unknown) => libraryFailure(err, opened.busyTimeoutMs),
    close: () => db.close(),
  };
}
