// Reading a file the user names (a W3C annotation file, a note's Markdown),
// for the CLI and the export service alike: never more than a limit, whatever
// the path is (a regular file, a pipe, /dev/stdin, /dev/zero), so a huge or
// endless input is refused with the file's name and the limit instead of
// being read whole or forever.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ApiError } from '../common/types.ts';
import { decodeBytes } from './import/decode.ts';

const CHUNK = 1 << 20;

const megabytes = (bytes: number): string => `${Math.round(bytes / 1e5) / 10} MB`;

const unreadable = (path: string, e: unknown): ApiError =>
  new ApiError('unreadable', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);

/** The bytes of `path`, at most `maxBytes` of them (more is a 'too-large' error naming the file, the limit and `what` it is for). */
export function readInputFile(path: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new ApiError('unreadable', `Cannot read ${path}: it is a folder`);
    const tooLarge = new ApiError('too-large', `${path} is larger than ${maxBytes} bytes (${megabytes(maxBytes)}), the limit for ${what}`);
    if (info.isFile() && info.size > maxBytes) throw tooLarge;
    // Devices and pipes report no size: read in chunks and stop one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof ApiError ? e : unreadable(path, e);
  } finally {
    closeSync(fd);
  }
}

/** The text of `path` (decoded like an imported source: BOM, UTF-8, UTF-16, legacy encodings), at most `maxBytes` read. */
export function readInputText(path: string, maxBytes: number, what: string): string {
  const bytes = readInputFile(path, maxBytes, what);
  try {
    return decodeBytes(bytes).text;
  } catch (e) {
    throw new ApiError('unreadable', `Cannot read ${path}: ${(e as Error).message}`);
  }
}
