// The batch import: files and folders from disk, or named bytes from a drop.
//
// Each batch of files is read asynchronously (the next batch's reads are
// already under way while the current one is stored), then stored in one
// transaction with a savepoint per file, so a file that fails leaves no row
// and the others still import. Between batches the service yields to the
// event loop, so other calls (a search, a list) are served during a long
// import.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileBytes, ImportResult, ProgressEvent } from '../../common/types.ts';
import { codePointLength } from '../../common/offsets.ts';
import type { Store } from '../../db/store.ts';
import { collectPaths, fsReason, unsupportedReason } from './collect.ts';
import { DecodeError, decodeBytes } from './decode.ts';
import { extractMetadata } from './metadata.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const BATCH_SIZE = 50;
/** Bytes per batch, roughly (a batch closes before it would pass this): keeps each
 * synchronous store step short (~0.1 s of indexing) so other calls wait little. */
export const BATCH_BYTES = 4 * 1024 * 1024;

export interface ImportService {
  importPaths(paths: string[]): Promise<ImportResult>;
  importFiles(files: FileBytes[]): Promise<ImportResult>;
}

export interface ImportOptions {
  /** Files per transaction (default 50). */
  batchSize?: number;
  /** Largest accepted file in bytes (default 50 MB). */
  maxBytes?: number;
}

/** One file ready to store: its bytes, or the reason it could not be read. */
type Loaded =
  | { path: string; name: string; originalPath: string | null; bytes: Uint8Array }
  | { path: string; name: string; originalPath: string | null; error: string };

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

  /** Store one file (runs inside a savepoint). Returns what the result lists. */
  const storeOne = (file: Loaded & { bytes: Uint8Array }, result: ImportResult): void => {
    const { bytes } = file;
    if (bytes.length === 0) throw new ImportFailure('empty file');
    if (bytes.length > maxBytes) throw new ImportFailure(tooLarge(bytes.length, maxBytes));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // The library (including rows stored earlier in this transaction) is the one
    // place to look, so copies within one import are caught as well.
    const existing = store.sources.findIdBySha256(sha256);
    if (existing) {
      result.duplicates.push({ path: file.path, id: existing });
      return;
    }
    const { text, encoding } = decodeBytes(bytes);
    if (text.length === 0) throw new ImportFailure('empty file');
    if (text.trim() === '') throw new ImportFailure('file contains only whitespace');
    const meta = extractMetadata(text, file.name);
    const chars = codePointLength(text);
    const source = store.sources.insert({
      ...meta,
      originalPath: file.originalPath,
      originalName: file.name,
      sha256,
      encoding,
      text,
      chars,
    });
    result.imported.push({
      id: source.id, title: source.title, path: file.path, sha256, chars, published: source.published, encoding,
    });
  };

  // better-sqlite3: a transaction function called inside another runs as a SAVEPOINT.
  const storeOneTx = store.db.transaction(storeOne);
  // One transaction a batch; its new sources are full-text indexed together at the end (store.sources.batch).
  const storeBatchTx = (batch: Loaded[], result: ImportResult, progress: (current: string) => void) => store.sources.batch(
    () => {
      for (const file of batch) {
        if ('error' in file) {
          result.failed.push({ path: file.path, error: file.error });
        } else {
          // Partial results of a failed file are dropped along with its savepoint.
          const mark = { imported: result.imported.length, duplicates: result.duplicates.length };
          try {
            storeOneTx(file, result);
          } catch (err) {
            result.imported.length = mark.imported;
            result.duplicates.length = mark.duplicates;
            result.failed.push({ path: file.path, error: reasonOf(err) });
          }
        }
        progress(file.path);
      }
    },
  );

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
    sizes: readonly number[],
    load: (index: number) => Promise<Loaded>,
    result: ImportResult,
  ): Promise<ImportResult> => {
    const total = sizes.length;
    let done = 0;
    const progress = (current: string) => {
      done++;
      onProgress?.({ task: 'import', done, total, current });
    };
    onProgress?.({ task: 'import', done: 0, total, current: '' });
    const batches = batchesOf(sizes);
    const loadBatch = ([from, to]: [number, number]) =>
      Promise.all(Array.from({ length: to - from }, (_, k) => load(from + k)));
    let next = batches.length > 0 ? loadBatch(batches[0]!) : null;
    for (let b = 0; next; b++) {
      const batch = await next;
      // Start reading the following batch before storing this one.
      next = b + 1 < batches.length ? loadBatch(batches[b + 1]!) : null;
      storeBatchTx(batch, result, progress);
      // Let other calls in between batches.
      await new Promise((r) => setImmediate(r));
    }
    return result;
  };

  return {
    async importPaths(paths: string[]): Promise<ImportResult> {
      const collected = await collectPaths(paths);
      const result: ImportResult = { imported: [], duplicates: [], failed: [...collected.failed] };
      const files = collected.files;
      // Sizes first: too-large files are refused unread, and batches are sized by bytes.
      const infos = await Promise.all(files.map((path) => stat(path).then((i) => i.size, (err: unknown) => err)));
      return run(infos.map((i) => (typeof i === 'number' ? i : 0)), async (i) => {
        const path = files[i]!;
        const name = basename(path);
        const info = infos[i];
        if (typeof info !== 'number') return { path, name, originalPath: path, error: fsReason(info) };
        if (info > maxBytes) return { path, name, originalPath: path, error: tooLarge(info, maxBytes) };
        try {
          return { path, name, originalPath: path, bytes: await readFile(path) };
        } catch (err) {
          return { path, name, originalPath: path, error: fsReason(err) };
        }
      }, result);
    },

    async importFiles(files: FileBytes[]): Promise<ImportResult> {
      const result: ImportResult = { imported: [], duplicates: [], failed: [] };
      const accepted: FileBytes[] = [];
      for (const file of files) {
        const reason = unsupportedReason(file.name);
        if (reason) result.failed.push({ path: file.name, error: reason });
        else accepted.push(file);
      }
      return run(accepted.map((f) => f.bytes.length), async (i) => {
        const { name, bytes } = accepted[i]!;
        return { path: name, name: basename(name), originalPath: null, bytes };
      }, result);
    },
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportFailure || err instanceof DecodeError) return err.message;
  return `import failed: ${err instanceof Error ? err.message : String(err)}`;
}
