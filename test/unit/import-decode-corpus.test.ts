import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes, normalizeText } from '../../electron/import/decode.ts';
import { CORPUS, SEEDS } from '../helpers/tmp.ts';

/**
 * sha256 over `encoding NUL text NUL` of every seed and BBC corpus file, in
 * path order, as the decoder before the encoding detector (chardet alone,
 * main at a6d4d43) returned them: every one as utf-8.
 */
const BEFORE = 'e3da6e7cfdef595a83d150f9be709670b592fef4df5f61ca38629bb68d91c242';

test('the seeds and all 2,095 BBC corpus files decode exactly as before (text and encoding)', () => {
  const files = [
    ...readdirSync(SEEDS).map((f) => join(SEEDS, f)),
    ...readdirSync(CORPUS, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.txt')).map((e) => join(e.parentPath, e.name)),
  ].sort();
  assert.equal(files.length, 2097);
  const digest = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const decoded = decodeBytes(bytes);
    // Independently: each is valid UTF-8, decoded whole.
    assert.deepEqual(decoded, { text: normalizeText(utf8.decode(bytes)), encoding: 'utf-8' }, file);
    digest.update(`${decoded.encoding}\0${decoded.text}\0`);
  }
  assert.equal(digest.digest('hex'), BEFORE);
});
