// Paths -> the files to import. Folders are walked recursively; each folder is
// entered once by its real path, so symlink loops end. Only the accepted
// extensions are taken; every other file is reported, never guessed at.

import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { importFormat, isHiddenName } from '../../common/import-formats.ts';
import { decodeFsName, fsPath } from '../fs-path.ts';

export interface Collected {
  /** Absolute paths of accepted files, in walk order (folders sorted by name). */
  files: string[];
  failed: { path: string; error: string }[];
}

/** Null when the file name has an accepted extension, else the reason it is refused. */
export function unsupportedReason(name: string): string | null {
  const ext = extname(name);
  if (ext === '' || ext === name) return 'unsupported file type (no extension)';
  return importFormat(ext) ? null : `unsupported file type ${ext.toLowerCase()}`;
}

/** A plain reason for a file-system error. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'file not found';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EISDIR': return 'is a folder';
    case 'ENOTDIR': return 'not a folder';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return `cannot read: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Expand files and folders. Paths named explicitly are always reported when
 * refused; inside folders, hidden entries (names starting with '.', such as
 * .git or .DS_Store) are skipped silently.
 */
export async function collectPaths(paths: readonly string[]): Promise<Collected> {
  const out: Collected = { files: [], failed: [] };
  const seenDirs = new Set<string>();

  const addFile = (path: string): void => {
    const reason = unsupportedReason(path);
    if (reason) {
      out.failed.push({ path, error: reason });
      return;
    }
    // A file reached twice (named twice, or through a link) is listed twice
    // and reported as a duplicate by the import, not dropped here.
    out.files.push(path);
  };

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(fsPath(dir), 'buffer').then(decodeFsName);
    } catch (err) {
      out.failed.push({ path: dir, error: fsReason(err) });
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a folder named twice
    seenDirs.add(real);
    let entries;
    try {
      // names as bytes: one that is not UTF-8 must still open (see fs-path.ts)
      entries = (await readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' }))
        .map((e) => ({ entry: e, name: decodeFsName(e.name) }));
    } catch (err) {
      out.failed.push({ path: dir, error: fsReason(err) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { entry, name } of entries) {
      if (isHiddenName(name)) continue;
      const path = join(dir, name);
      if (entry.isDirectory()) {
        await walk(path);
      } else if (entry.isFile()) {
        addFile(path);
      } else if (entry.isSymbolicLink()) {
        await visit(path);
      }
      // sockets, FIFOs and devices inside a folder are not files to import
    }
  };

  const visit = async (path: string): Promise<void> => {
    let info;
    try {
      info = await stat(fsPath(path)); // follows symlinks
    } catch (err) {
      out.failed.push({ path, error: fsReason(err) });
      return;
    }
    if (info.isDirectory()) await walk(path);
    else if (info.isFile()) addFile(path);
    else out.failed.push({ path, error: 'not a regular file' });
  };

  for (const p of paths) await visit(resolve(p));
  return out;
}
