import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'lectern-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
export const SEEDS = join(SHARED, 'fixtures', 'seeds');
export const SEED_000 = join(SEEDS, '000_75a8ae8bdfc13fc0.txt');
export const SEED_001 = join(SEEDS, '001_bfe0e10eea0bc990.txt');
export const CORPUS = join(SHARED, 'corpus', 'bbc-news');
