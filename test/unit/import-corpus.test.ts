import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createImportService } from '../../electron/import/import-service.ts';
import type { ProgressEvent, SearchHit } from '../../common/types.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

/** Every .txt under the corpus, found independently of the import's own walk. */
function corpusTextFiles(): string[] {
  return (readdirSync(CORPUS, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

test('the whole BBC corpus imports: every .txt and README.md, LICENSE reported as unsupported', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const expected = corpusTextFiles();
    assert.equal(expected.length, 2095);
    const result = await createImportService(store).importPaths([CORPUS]);

    // The corpus root holds README.md (a Markdown file: it imports) and
    // LICENSE (no extension: reported, never guessed at). Nothing else fails.
    assert.deepEqual(result.failed, [{ path: join(CORPUS, 'LICENSE'), error: 'unsupported file type (no extension)' }]);
    assert.deepEqual(result.duplicates, []);
    const paths = result.imported.map((i) => i.path);
    assert.deepEqual(paths.filter((p) => p.endsWith('.txt')).sort(), expected);
    assert.deepEqual(paths.filter((p) => !p.endsWith('.txt')), [join(CORPUS, 'README.md')]);
    const count = (store.db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    assert.equal(count, 2096);

    // Spot check: the headline (first line) is the title, the text is the whole file.
    const file = expected[0]!;
    const item = result.imported.find((i) => i.path === file)!;
    const original = readFileSync(file, 'utf8');
    assert.equal(item.title, original.split('\n')[0]!.trim());
    assert.equal(store.sources.get(item.id)!.text, original.replace(/\r\n?/g, '\n').normalize('NFC'));
  } finally {
    store.close();
    cleanup();
  }
});

test('a search issued during the corpus import is answered between batches, before the import ends', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const events: ProgressEvent[] = [];
    const settled: string[] = [];
    let doneWhenSearched = -1;
    let issueSearch!: () => void;
    const searched = new Promise<SearchHit[]>((resolve) => {
      issueSearch = () => {
        // Like an IPC call arriving now: it runs when the event loop is free.
        setImmediate(() => {
          doneWhenSearched = events.at(-1)!.done;
          resolve(store.search('economy'));
        });
      };
    });
    const importer = createImportService(store, (e) => {
      events.push(e);
      if (e.done === 60) issueSearch(); // in the middle of the second batch
    });
    const importing = importer.importPaths([CORPUS]).then((r) => {
      settled.push('import');
      return r;
    });
    void searched.then(() => settled.push('search'));
    const [result, hits] = await Promise.all([importing, searched]);

    assert.deepEqual(settled, ['search', 'import']);
    const total = events[0]!.total;
    assert.equal(result.imported.length, total);
    // Served right after the batch that was running, long before the end.
    assert.equal(doneWhenSearched, 100);
    assert.ok(doneWhenSearched < total);
    // It searched what had been stored so far (business articles come first).
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => h.kind === 'source'));
    // Progress arrived in increasing order, one step per file, up to the total.
    assert.deepEqual(events.map((e) => e.done), Array.from({ length: total + 1 }, (_, i) => i));
  } finally {
    store.close();
    cleanup();
  }
});
