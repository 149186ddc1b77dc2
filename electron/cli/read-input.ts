// Files named on the command line (a note's Markdown, a W3C annotation file)
// are read with a size cap, so /dev/zero or a huge file is refused with a
// message instead of filling memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CommandError } from './command.ts';

const CHUNK = 1 << 20;

export function readInputFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CommandError('unreadable', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new CommandError('unreadable', `Cannot read ${path}: it is a folder`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new CommandError('too-large', `${path} is larger than ${maxBytes} bytes, the most Lectern reads`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError('unreadable', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
