// The original file of a source, kept compressed (migration 0007): gzip when
// it makes the bytes smaller (text and HTML shrink to a third or less), as
// they are otherwise (a PDF or a DOCX is compressed already). One gzip member,
// so a sync can send it as an attachment with Content-Encoding: gzip.
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { StoredOriginal } from '../../db/sources.ts';

const gzipAsync = promisify(gzip);

/** Gzip must save at least this share to be worth a decompression on every read. */
const MIN_SAVING = 0.05;

/**
 * Files up to this size are compressed on the calling thread (~0.05 ms for a 3 KB article, under ~1 ms here):
 * a round trip to zlib's thread pool per file cost more than the compression, and much more while another thread
 * (the versions worker) keeps the other core busy: ~0.2 ms a file, ~0.45 ms with detection running, 0.45 -> 0.95 s
 * of waiting over the 2,095-article corpus.
 */
export const SYNC_UP_TO_BYTES = 64 * 1024;

export async function compressOriginal(bytes: Uint8Array): Promise<StoredOriginal> {
  // a larger file off the event loop (zlib's thread pool), so other calls are served meanwhile
  const packed = bytes.length <= SYNC_UP_TO_BYTES ? gzipSync(bytes, { level: 6 }) : await gzipAsync(bytes, { level: 6 });
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
