// The original file's bytes, compressed on the calling thread (small files) or in
// zlib's pool (larger ones): either way the bytes come back exactly, gzip only when it saves.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compressOriginal, expandOriginal, SYNC_UP_TO_BYTES } from '../../electron/import/original-bytes.ts';

const text = (n: number) => new TextEncoder().encode('A story of the cathedral, told again and again. '.repeat(Math.ceil(n / 48)).slice(0, n));

test('originals just under, at and over the thread-pool size come back byte for byte, gzip when it saves', async () => {
  for (const n of [1, 100, SYNC_UP_TO_BYTES - 1, SYNC_UP_TO_BYTES, SYNC_UP_TO_BYTES + 1, 3 * SYNC_UP_TO_BYTES]) {
    for (const [kind, bytes] of [['text', text(n)], ['random', new Uint8Array(randomBytes(n))]] as const) {
      const kept = await compressOriginal(bytes);
      assert.equal(kept.size, n, `${kind} ${n}: size`);
      assert.deepEqual(expandOriginal(kept), bytes, `${kind} ${n}: the same bytes back`);
      if (kept.codec === 'gzip') assert.deepEqual(new Uint8Array(gunzipSync(kept.bytes)), bytes, `${kind} ${n}: one plain gzip member`);
      if (kind === 'random' || n < 100) assert.equal(kept.codec, 'identity', `${kind} ${n}: kept as is when gzip saves nothing`);
      else assert.equal(kept.codec, 'gzip', `${kind} ${n}: repeated text is compressed`);
    }
  }
});
