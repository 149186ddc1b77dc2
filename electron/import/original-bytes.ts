// The original file of a source, kept compressed (migration 0007): gzip when
// it makes the bytes smaller (text and HTML shrink to a third or less), as
// they are otherwise (a PDF or a DOCX is compressed already). One gzip member,
// so a sync can send it as an attachment with Content-Encoding: gzip.
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { StoredOriginal } from '../../db/sources.ts';

const gzipAsync = promisify(gzip);

/** Gzip must save at least this share to be worth a decompression on every read. */
const MIN_SAVING = 0.05;

export async function compressOriginal(bytes: Uint8Array): Promise<StoredOriginal> {
  // off the event loop (zlib's thread pool), so other calls are served meanwhile
  const packed = await gzipAsync(bytes, { level: 6 });
  return packed.length <= bytes.length * (1 - MIN_SAVING)
    ? { codec: 'gzip', size: bytes.length, bytes: new Uint8Array(packed.buffer, packed.byteOffset, packed.length) }
    : { codec: 'identity', size: bytes.length, bytes };
}

/** The original bytes back, exactly (bounded by the size stored with them). */
export function expandOriginal(stored: StoredOriginal): Uint8Array {
  if (stored.codec === 'identity') return stored.bytes;
  const out = gunzipSync(stored.bytes, { maxOutputLength: stored.size });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
