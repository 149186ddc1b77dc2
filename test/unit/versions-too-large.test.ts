// A source too large to align (over MAX_ALIGN_CHARS) is never compared for
// versions; the import, a rebuild and `versions ID` say so instead of reading
// as "no versions" (a trial's 5.5 million-character source said nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ALIGN_CHARS } from '../../electron/versions/align-sources.ts';
import { SEED_001, tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';


test('a source too large to align is listed as not looked for at import, counted by a rebuild, and named by versions ID', async () => {
  const { dir, cleanup } = tempDir();
  const run = (...args: string[]) => cli(['--db', join(dir, 'l.db'), ...args]);
  try {
    const big = join(dir, 'big.txt');
    const paragraphs: string[] = ['A very long report'];
    for (let i = 0, length = 0; length <= MAX_ALIGN_CHARS + 100_000; i++) {
      const p = `Paragraph ${i} of the report tells of harbour ${i % 97}, the council's ledger ${i % 89} and winter market ${i % 83}.`;
      paragraphs.push(p);
      length += p.length + 2;
    }
    writeFileSync(big, paragraphs.join('\n\n'));
    const imported = await run('import', '--json', big, SEED_001);
    assert.equal(imported.code, 0, imported.stderr);
    const r = JSON.parse(imported.stdout) as { imported: { id: string; path: string }[]; versionsNotLookedFor?: { id: string; path: string; reason: string }[] };
    const bigId = r.imported.find((i) => i.path === big)!.id;
    assert.deepEqual(r.versionsNotLookedFor?.map((n) => [n.id, n.path]), [[bigId, big]]);
    assert.match(r.versionsNotLookedFor![0]!.reason, /^too large to compare for versions \(5\.1 million characters; the limit is 5 million\)$/);

    const rebuilt = JSON.parse((await run('versions', '--json', '--rebuild')).stdout) as { rebuild: { sources: number; tooLarge: number } };
    assert.deepEqual([rebuilt.rebuild.sources, rebuilt.rebuild.tooLarge], [2, 1]);
    assert.match((await run('versions', '--rebuild')).stdout, /; 1 too large to compare \(over 5 million characters\) not looked at/);
    assert.match((await run('versions', bigId)).stdout, /has no versions, shared passages or revisions: it is too large to compare for versions \(5\.1 million characters; the limit is 5 million\)/);
  } finally {
    cleanup();
  }
});
