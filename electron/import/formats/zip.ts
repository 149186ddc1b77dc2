// A ZIP container (DOCX) read with bounded work: the entry count and every
// entry's declared uncompressed size are checked against caps from the
// central directory BEFORE anything is inflated, and inflating an entry stops
// with an error as soon as it produces more than it declared (yauzl's
// validateEntrySizes), so a zip bomb is refused after reading only its
// directory, and a lying one after at most its declared bytes.
import { Buffer } from 'node:buffer';
import yauzl from 'yauzl';
import { FormatError } from './types.ts';

export interface ZipLimits {
  /** Most entries accepted in the archive. */
  maxEntries: number;
  /** Most uncompressed bytes the entries may declare, together. */
  maxTotal: number;
  /** Most uncompressed bytes of one entry that is read. */
  maxEntry: number;
}

/** What mammoth needs of a zip file (its `file` input): names and their contents, read on demand. */
export interface BoundedZip {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<Uint8Array | string>;
  names(): string[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export async function openZip(bytes: Uint8Array, limits: ZipLimits, what: string): Promise<BoundedZip> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (err, z) => (err ? reject(err) : resolve(z))))
    .catch((err: Error) => { throw new FormatError(`damaged ${what} (not a readable ZIP archive: ${err.message})`); });
  if (zip.entryCount > limits.maxEntries) {
    throw new FormatError(`${what} refused: ${zip.entryCount.toLocaleString('en-US')} entries in its archive (the limit is ${limits.maxEntries.toLocaleString('en-US')})`);
  }
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > limits.maxTotal) {
        reject(new FormatError(`${what} refused: its archive expands to more than ${mb(limits.maxTotal)} (a zip bomb?)`));
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new FormatError(`damaged ${what} (${err.message})`)));
    zip.readEntry();
  });

  const inflate = (entry: yauzl.Entry) => new Promise<Uint8Array>((resolve, reject) => {
    if (entry.uncompressedSize > limits.maxEntry) {
      reject(new FormatError(`${what} refused: ${entry.fileName} expands to ${mb(entry.uncompressedSize)} (the limit is ${mb(limits.maxEntry)})`));
      return;
    }
    zip.openReadStream(entry, (err, stream) => {
      if (err) { reject(new FormatError(`damaged ${what} (${entry.fileName}: ${err.message})`)); return; }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      stream.on('error', (e: Error) => reject(new FormatError(`damaged ${what} (${entry.fileName}: ${e.message})`)));
    });
  });

  return {
    exists: (name) => entries.has(name),
    names: () => [...entries.keys()],
    async read(name, encoding) {
      const entry = entries.get(name);
      if (!entry) throw new FormatError(`damaged ${what} (${name} is missing)`);
      const data = await inflate(entry);
      if (encoding === 'base64') return Buffer.from(data).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
  };
}
