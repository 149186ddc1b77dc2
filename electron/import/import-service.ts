// The batch import: files and folders from disk, or named bytes from a drop.
//
// A batch of files is read asynchronously (the next batch's reads are already
// under way while the current one is stored), then prepared outside any
// transaction (hashed, decoded, described), then stored in one IMMEDIATE
// write transaction with a savepoint per file, so a file that fails leaves no
// row and the others still import, and the write lock is held only while rows
// are written. The result is filled in only after a batch commits, so it lists
// exactly what is stored. A failure of the whole library (disk full, locked,
// damaged, read-only) stops the import and the result says what was stored,
// what was not and why. Between batches the service yields to the event loop,
// so other calls (a search, a list) are served during a long import.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fsPath } from '../fs-path.ts';
import {
  ApiError, type FileBytes, type FoundRelation, type Id, type ImportedItem, type ImportedRevision, type ImportResult, type ProgressEvent,
} from '../../common/types.ts';
import { codePointLength } from '../../common/offsets.ts';
import type { Store } from '../../db/store.ts';
import type { NewSourceRow } from '../../db/sources.ts';
import type { ImportFormat } from '../../common/import-formats.ts';
import { collectPaths, fsReason, unsupportedReason } from './collect.ts';
import { DecodeError } from './decode.ts';
import { readFormat } from './formats/read.ts';
import { FormatError } from './formats/types.ts';
import { compressOriginal } from './original-bytes.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const BATCH_SIZE = 50;
/** Bytes per batch, roughly (a batch closes before it would pass this): keeps each
 * synchronous store step short (~0.1 s of indexing) so other calls wait little. */
export const BATCH_BYTES = 4 * 1024 * 1024;

export interface ImportService {
  importPaths(paths: string[]): Promise<ImportResult>;
  importFiles(files: FileBytes[]): Promise<ImportResult>;
}

/** A source just stored, with its text (so finding its versions need not read it back). */
export interface StoredText {
  id: Id;
  title: string;
  text: string;
}

/** Finding the versions of what one import stores (electron/versions/finder.ts). */
export interface VersionFinder {
  /** The import is about to store up to this many files (a large one may get ready meanwhile). */
  starting?(files: number): void;
  /** These sources were just stored (their batch committed). */
  stored(sources: StoredText[]): void;
  /** Every batch was told: the versions and shared passages found. */
  finish(): Promise<FoundRelation[]>;
  /** Sources told that are not compared with the library (too large to align), with why. */
  notLookedFor?(): { id: Id; reason: string }[];
}

export interface ImportOptions {
  /** Files per transaction (default 50). */
  batchSize?: number;
  /** Largest accepted file in bytes (default 50 MB). */
  maxBytes?: number;
  /** Finds versions of the imported sources, one finder per import; none: versions are not looked for. */
  findVersions?: () => VersionFinder;
}

/** One file read: its bytes, or the reason it could not be read. */
type Loaded =
  | { path: string; name: string; originalPath: string | null; bytes: Uint8Array }
  | { path: string; name: string; originalPath: string | null; error: string };

/** A file after the work that needs no lock: a row to store, a known duplicate, or the reason it fails. */
type Prepared =
  | { path: string; row: NewSourceRow & { format: ImportFormat }; summary: string }
  | { path: string; sha256: string; duplicateOf: Id; redo: () => Promise<Prepared> }
  | { path: string; error: string };

/** What storing one file did (or, for a known duplicate deleted meanwhile, that it must be read after all). */
type Stored =
  | { path: string; imported: ImportedItem; revision: ImportedRevision | null; text: string }
  | { path: string; duplicateOf: Id }
  | { path: string; error: string }
  | { path: string; redo: () => Promise<Prepared> };

/** A failure whose message is a plain reason for the user. */
class ImportFailure extends Error {}

const tooLarge = (size: number, max: number) =>
  `file too large (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(max / 1024 / 1024)} MB)`;

export function createImportService(
  store: Store,
  onProgress?: (e: ProgressEvent) => void,
  options: ImportOptions = {},
): ImportService {
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;

  /** Hash, read (in its format) and describe one file, and compress its bytes: all outside the write lock. */
  const prepare = async (file: Loaded, checkDuplicate = true): Promise<Prepared> => {
    const { path } = file;
    if ('error' in file) return { path, error: file.error };
    try {
      const { bytes } = file;
      if (bytes.length === 0) throw new ImportFailure('empty file');
      if (bytes.length > maxBytes) throw new ImportFailure(tooLarge(bytes.length, maxBytes));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Known already: skip the reading (storing re-checks under the lock).
      const known = checkDuplicate ? store.sources.findIdBySha256(sha256) : undefined;
      if (known) return { path, sha256, duplicateOf: known, redo: () => prepare(file, false) };
      const { text, encoding, meta, format, pages, summary } = await readFormat(bytes, file.name);
      return {
        path,
        summary,
        row: {
          ...meta, originalPath: file.originalPath, originalName: file.name, sha256, encoding, text, chars: codePointLength(text),
          format, pages, original: await compressOriginal(bytes),
        },
      };
    } catch (err) {
      return { path, error: reasonOf(err) };
    }
  };

  /** Stores one prepared file, inside the batch's transaction. Returns what it did; changes nothing shared. */
  const storeOne = (file: Prepared): Stored => {
    if ('error' in file) return file;
    const sha256 = 'row' in file ? file.row.sha256 : file.sha256;
    // Under the write lock this decides duplicates race-free: rows committed by another
    // process, or stored earlier in this transaction, are all visible here.
    const existing = store.sources.findIdBySha256(sha256);
    if (existing) return { path: file.path, duplicateOf: existing };
    // A known duplicate deleted since it was prepared: read after all, outside the lock (rare).
    if (!('row' in file)) return { path: file.path, redo: file.redo };
    // a changed file (same original path, other bytes) is the next revision of the newest live import of that path
    const previous = file.row.originalPath ? store.relations.previousRevision(file.row.originalPath, sha256) : undefined;
    const source = store.sources.insert(file.row);
    if (previous) store.relations.insertRevision(previous.id, source.id);
    const { chars, encoding, format } = file.row;
    return {
      path: file.path,
      imported: { id: source.id, title: source.title, path: file.path, sha256, chars, published: source.published, encoding, format, summary: file.summary },
      revision: previous ? { id: source.id, path: file.path, revisionOf: previous.id, revisionOfTitle: previous.title } : null,
      text: file.row.text,
    };
  };

  /**
   * One transaction for the batch (its new sources full-text indexed together at
   * the end, store.sources.batch), one savepoint per file. When SQLite itself
   * rolled the whole transaction back (it may, on some errors), nothing of the
   * batch is stored, so the error goes up instead of being counted as one file's.
   */
  const storeBatch = (files: Prepared[]): Stored[] => store.sources.batch(() => files.map((file) => {
    if ('error' in file) return file;
    try {
      return store.write(() => storeOne(file));
    } catch (err) {
      if (!store.db.inTransaction || store.libraryFailure(err)) throw err;
      return { path: file.path, error: reasonOf(err) };
    }
  }));

  /**
   * Stores a batch; if the batch as a whole fails for a reason of its own, each
   * file again in its own transaction, so one bad file never stops the others.
   * A failure of the whole library stops it: `stop` says why, and the files
   * after the last one in `stored` were not stored.
   */
  const storeOrIsolate = (files: Prepared[]): { stored: Stored[]; stop: ApiError | null } => {
    try {
      return { stored: storeBatch(files), stop: null };
    } catch (err) {
      const stop = store.libraryFailure(err);
      if (stop) return { stored: [], stop };
      if (files.length === 1) return { stored: [{ path: files[0]!.path, error: reasonOf(err) }], stop: null };
      const stored: Stored[] = [];
      for (const file of files) {
        const one = storeOrIsolate([file]);
        stored.push(...one.stored);
        if (one.stop) return { stored, stop: one.stop };
      }
      return { stored, stop: null };
    }
  };

  /** Stores a batch; known duplicates deleted meanwhile are read again and stored after it. */
  const storeWithRedo = async (files: Prepared[]): Promise<{ stored: Stored[]; stop: ApiError | null }> => {
    const first = storeOrIsolate(files);
    const redo = first.stored.filter((s): s is Extract<Stored, { redo: unknown }> => 'redo' in s);
    const stored = first.stored.filter((s) => !('redo' in s));
    if (redo.length === 0 || first.stop) return { stored, stop: first.stop };
    const again = storeOrIsolate(await Promise.all(redo.map((s) => s.redo())));
    return { stored: [...stored, ...again.stored.filter((s) => !('redo' in s))], stop: again.stop };
  };

  /**
   * Batches of at most `batchSize` files and about BATCH_BYTES (a bigger file
   * goes alone), so at most two batches' bytes are in memory at once.
   */
  const batchesOf = (sizes: readonly number[]): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < sizes.length; i++) {
      const size = sizes[i]!;
      if (i > start && (i - start >= batchSize || bytes + size > BATCH_BYTES)) {
        out.push([start, i]);
        start = i;
        bytes = 0;
      }
      bytes += size;
    }
    if (start < sizes.length) out.push([start, sizes.length]);
    return out;
  };

  const run = async (
    paths: readonly string[],
    sizes: readonly number[],
    load: (index: number) => Promise<Loaded>,
    result: ImportResult,
  ): Promise<ImportResult> => {
    const refused = store.status().readOnly;
    if (refused) throw new ApiError(refused.code, refused.message); // before reading a single file
    onProgress?.({ task: 'import', done: 0, total: sizes.length, current: '' });
    const finder = options.findVersions?.();
    finder?.starting?.(sizes.length);
    try {
      return await storeAll(paths, sizes, load, result, finder);
    } finally {
      if (finder) {
        try {
          result.versions = await finder.finish();
          const skipped = finder.notLookedFor?.() ?? [];
          const pathOf = new Map(result.imported.map((i) => [i.id, i.path]));
          if (skipped.length > 0) result.versionsNotLookedFor = skipped.map((s) => ({ id: s.id, path: pathOf.get(s.id) ?? '', reason: s.reason }));
        } catch (err) {
          result.versionsError = `versions were not looked for: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
    }
  };

  const storeAll = async (
    paths: readonly string[],
    sizes: readonly number[],
    load: (index: number) => Promise<Loaded>,
    result: ImportResult,
    finder: VersionFinder | undefined,
  ): Promise<ImportResult> => {
    const total = sizes.length;
    let done = 0;
    const batches = batchesOf(sizes);
    const loadBatch = ([from, to]: [number, number]) =>
      Promise.all(Array.from({ length: to - from }, (_, k) => load(from + k)));
    let next = batches.length > 0 ? loadBatch(batches[0]!) : null;
    for (let b = 0; next; b++) {
      const loaded = await next;
      // Start reading the following batch before storing this one.
      next = b + 1 < batches.length ? loadBatch(batches[b + 1]!) : null;
      const prepared: Prepared[] = [];
      for (const file of loaded) prepared.push(await prepare(file));
      const { stored, stop } = await storeWithRedo(prepared);
      finder?.stored(stored.flatMap((s) => ('imported' in s ? [{ id: s.imported.id, title: s.imported.title, text: s.text }] : [])));
      for (const s of stored) {
        if ('imported' in s) {
          result.imported.push(s.imported);
          if (s.revision) result.revisions.push(s.revision);
        }
        else if ('duplicateOf' in s) result.duplicates.push({ path: s.path, id: s.duplicateOf });
        else if ('error' in s) result.failed.push({ path: s.path, error: s.error });
        done++;
        onProgress?.({ task: 'import', done, total, current: s.path });
      }
      if (stop) {
        // Nothing but the files above was stored: say so, file by file.
        await next?.catch(() => undefined);
        result.aborted = stop.message;
        const [from] = batches[b]!;
        for (const path of [...without(loaded.map((f) => f.path), stored.map((s) => s.path)), ...paths.slice(from + loaded.length)]) {
          result.failed.push({ path, error: `not imported: the import stopped (${stop.message})` });
        }
        return result;
      }
      // Let other calls in between batches.
      await new Promise((r) => setImmediate(r));
    }
    return result;
  };

  return {
    async importPaths(paths: string[]): Promise<ImportResult> {
      const collected = await collectPaths(paths);
      const result: ImportResult = { imported: [], duplicates: [], failed: [...collected.failed], revisions: [], versions: [] };
      const files = collected.files;
      // Sizes first: too-large files are refused unread, and batches are sized by bytes.
      const infos = await Promise.all(files.map((path) => stat(fsPath(path)).then((i) => i.size, (err: unknown) => err)));
      return run(files, infos.map((i) => (typeof i === 'number' ? i : 0)), async (i) => {
        const path = files[i]!;
        const name = basename(path);
        const info = infos[i];
        if (typeof info !== 'number') return { path, name, originalPath: path, error: fsReason(info) };
        if (info > maxBytes) return { path, name, originalPath: path, error: tooLarge(info, maxBytes) };
        try {
          return { path, name, originalPath: path, bytes: await readFile(fsPath(path)) };
        } catch (err) {
          return { path, name, originalPath: path, error: fsReason(err) };
        }
      }, result);
    },

    async importFiles(files: FileBytes[]): Promise<ImportResult> {
      const result: ImportResult = { imported: [], duplicates: [], failed: [], revisions: [], versions: [] };
      const accepted: FileBytes[] = [];
      for (const file of files) {
        const reason = unsupportedReason(file.name);
        if (reason) result.failed.push({ path: file.name, error: reason });
        else accepted.push(file);
      }
      return run(accepted.map((f) => f.name), accepted.map((f) => f.bytes.length), async (i) => {
        const { name, bytes } = accepted[i]!;
        return { path: name, name: basename(name), originalPath: null, bytes };
      }, result);
    },
  };
}

/** `all` less one occurrence of each of `taken` (a file named twice is two entries). */
function without(all: readonly string[], taken: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const t of taken) left.set(t, (left.get(t) ?? 0) + 1);
  return all.filter((p) => {
    const n = left.get(p) ?? 0;
    if (n > 0) left.set(p, n - 1);
    return n === 0;
  });
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportFailure || err instanceof DecodeError || err instanceof FormatError) return err.message;
  return `import failed: ${err instanceof Error ? err.message : String(err)}`;
}
