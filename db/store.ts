import { openDatabase, type Db } from './open.ts';
import { createSourceRepo } from './sources.ts';
import { createAnnotationRepo } from './annotations.ts';
import { createNoteRepo } from './notes.ts';
import { createSettingsRepo } from './settings.ts';
import { createSearch } from './search.ts';

/** The whole store: one database, one repository per table group. */
export function openStore(file: string) {
  const db: Db = openDatabase(file);
  return {
    db,
    sources: createSourceRepo(db),
    annotations: createAnnotationRepo(db),
    notes: createNoteRepo(db),
    settings: createSettingsRepo(db),
    search: createSearch(db),
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof openStore>;
