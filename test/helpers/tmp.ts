import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'lectern-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The project's shared material (seed articles, BBC corpus, W3C schemas): `../shared` beside the repository. */
export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
if (!existsSync(join(SHARED, 'fixtures', 'seeds')) || !existsSync(join(SHARED, 'corpus', 'bbc-news'))) {
  throw new Error(`The tests need the shared fixtures and corpus at ${SHARED} (a folder "shared" beside the repository); it is missing.`);
}
export const SEEDS = join(SHARED, 'fixtures', 'seeds');
export const SEED_000 = join(SEEDS, '000_75a8ae8bdfc13fc0.txt');
export const SEED_001 = join(SEEDS, '001_bfe0e10eea0bc990.txt');
export const CORPUS = join(SHARED, 'corpus', 'bbc-news');
