// The generated libraries benchmarks share (test/helpers/generated-library.ts),
// kept in $TMPDIR/lectern-bench-library: 100,000 sources take minutes to
// generate and index, so a file is made once per generator and schema version.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/store.ts';
import { latestVersion } from '../db/migrate.ts';
import { generateSources } from '../test/helpers/generated-library.ts';

/** Bump when the generator changes: cached libraries are then made again. */
const GENERATOR = 1;
export const LIBRARY_CACHE = join(tmpdir(), 'lectern-bench-library');

/** The file of a generated library of `size` sources (made now when missing, or when `fresh`). */
export function generatedLibrary(size: number, fresh = false): string {
  mkdirSync(LIBRARY_CACHE, { recursive: true });
  const file = join(LIBRARY_CACHE, `library-${size}-g${GENERATOR}-s${latestVersion()}.db`);
  if (existsSync(file) && !fresh) return file;
  for (const f of readdirSync(LIBRARY_CACHE)) if (f.startsWith(`library-${size}-`)) rmSync(join(LIBRARY_CACHE, f), { force: true });
  const partial = `${file}.partial`;
  const t0 = performance.now();
  const store = openStore(partial);
  generateSources(store, size, { onProgress: (n) => { if (n % 10_000 === 0) process.stdout.write(`\r  generating ${size}: ${n}`); } });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  renameSync(partial, file);
  for (const x of ['-wal', '-shm']) rmSync(`${partial}${x}`, { force: true });
  console.log(`\r  generated ${size.toLocaleString()} sources in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return file;
}
