// Turning a drop (or a file input) into an import: paths where the shell gives
// them (Electron's pathForFile; the back end walks folders), otherwise the
// files' bytes, with folders read through the entries API.
import type { FileBytes, ImportResult } from '../../common/types.ts';
import { isHiddenName } from '../../common/import-formats.ts';

export interface DroppedFile { name: string; file: File }
export type Progress = { done: number; total: number; current: string };

/** Must be called synchronously inside the drop handler: DataTransfer items die after it. */
export function captureDrop(dt: DataTransfer): { entries: (FileSystemEntry | null)[]; files: File[] } {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  return {
    entries: items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null)),
    files: items.map((i) => i.getAsFile()).filter((f): f is File => f !== null),
  };
}

const readAll = (reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> => new Promise((resolve, reject) => {
  const out: FileSystemEntry[] = [];
  const next = () => reader.readEntries((batch) => {
    if (batch.length === 0) resolve(out);
    else { out.push(...batch); next(); }
  }, reject);
  next();
});

const entryFile = (e: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => e.file(resolve, reject));

async function walk(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({ name: prefix + entry.name, file: await entryFile(entry as FileSystemFileEntry) });
  } else if (entry.isDirectory) {
    const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
    // hidden entries inside a dropped folder are skipped, as the back end's folder walk skips them
    for (const c of children) if (!isHiddenName(c.name)) await walk(c, `${prefix}${entry.name}/`, out);
  }
}

/** The dropped files, folders expanded (names carry the folder path). */
export async function expandDrop(captured: { entries: (FileSystemEntry | null)[]; files: File[] }): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (let i = 0; i < captured.files.length; i++) {
    const entry = captured.entries[i];
    if (entry?.isDirectory) await walk(entry, '', out);
    else out.push({ name: captured.files[i]!.name, file: captured.files[i]! });
  }
  return out;
}

const empty = (): ImportResult => ({ imported: [], duplicates: [], failed: [], revisions: [], versions: [] });
export const mergeResults = (a: ImportResult, b: ImportResult): ImportResult => ({
  imported: [...a.imported, ...b.imported], duplicates: [...a.duplicates, ...b.duplicates], failed: [...a.failed, ...b.failed],
  revisions: [...a.revisions, ...b.revisions], versions: [...a.versions, ...b.versions],
  ...((a.versionsError ?? b.versionsError) !== undefined && { versionsError: a.versionsError ?? b.versionsError }),
  ...((a.versionsNotLookedFor ?? b.versionsNotLookedFor) && { versionsNotLookedFor: [...a.versionsNotLookedFor ?? [], ...b.versionsNotLookedFor ?? []] }),
});

const BATCH_FILES = 40;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Sends files in batches (bounded messages, progress between them), merging the
 * results. Progress combines the back end's events within a batch with the
 * batches already done.
 */
export async function importDropped(files: DroppedFile[], onProgress: (p: Progress) => void): Promise<ImportResult> {
  const total = files.length;
  let result = empty();
  let done = 0;
  const off = window.lectern.onProgress((e) => {
    if (e.task === 'import') onProgress({ done: Math.min(total, done + e.done), total, current: e.current });
  });
  try {
    onProgress({ done: 0, total, current: files[0]?.name ?? '' });
    let i = 0;
    while (i < files.length) {
      const batch: FileBytes[] = [];
      let bytes = 0;
      while (i < files.length && batch.length < BATCH_FILES && (batch.length === 0 || bytes + files[i]!.file.size <= BATCH_BYTES)) {
        const f = files[i++]!;
        batch.push({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) });
        bytes += f.file.size;
      }
      result = mergeResults(result, await window.lectern.importFiles(batch));
      done += batch.length;
      onProgress({ done, total, current: batch[batch.length - 1]!.name });
    }
  } finally {
    off();
  }
  return result;
}

/** Paths from the shell (Electron), or null when any file has none. */
export function pathsFor(files: File[]): string[] | null {
  if (window.lectern.shell !== 'electron' || files.length === 0) return null;
  const paths = files.map((f) => window.lectern.pathForFile(f));
  return paths.every((p) => p) ? paths : null;
}

export async function importPaths(paths: string[], onProgress: (p: Progress) => void): Promise<ImportResult> {
  const off = window.lectern.onProgress((e) => { if (e.task === 'import') onProgress(e); });
  try {
    onProgress({ done: 0, total: paths.length, current: paths[0] ?? '' });
    return await window.lectern.importPaths(paths);
  } finally {
    off();
  }
}
