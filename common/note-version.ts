// The note schema's version, stored with every note, and the migrations that
// bring an older stored doc up to it. A change to the schema that older docs
// do not fit adds a migration here, which is what raises the version.
import type { PmJson } from './note-doc.ts';

/** Turns a doc of one version into a doc of the next. */
export type NoteMigration = (doc: PmJson) => PmJson;

/** NOTE_MIGRATIONS[v - 1] migrates a doc of version v to v + 1. None yet: version 1 is the first schema. */
export const NOTE_MIGRATIONS: readonly NoteMigration[] = [];

/** The version this build writes, and the newest it can read. */
export const NOTE_SCHEMA_VERSION = NOTE_MIGRATIONS.length + 1;

/** A doc stored at `version` brought up to the current version (the input is not changed). */
export function migrateNoteJson(doc: PmJson, version: number, migrations: readonly NoteMigration[] = NOTE_MIGRATIONS): PmJson {
  let out = doc;
  for (let v = version; v <= migrations.length; v++) out = migrations[v - 1]!(out);
  return out;
}
