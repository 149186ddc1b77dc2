// Finding versions beside an import (electron/versions/finder.ts): progress
// counts every source told, in order, whether detection runs here or in the
// worker (which passes progress on only now and then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressEvent } from '../../common/types.ts';
import { openStore } from '../../db/store.ts';
import { createImportService } from '../../electron/import/import-service.ts';
import { createVersionFinder, WORKER_FROM_SOURCES } from '../../electron/versions/finder.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

const sport = readdirSync(join(CORPUS, 'sport')).sort().map((f) => join(CORPUS, 'sport', f));

for (const [title, files, batchSize] of [
  ['in this thread (a small import)', sport.slice(0, WORKER_FROM_SOURCES), 7],
  ['in the worker (a large import, several batches)', sport.slice(0, 3 * WORKER_FROM_SOURCES), 25],
] as const) {
  test(`versions progress ${title} runs up to every source imported`, async () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(join(dir, 'library.db'));
    try {
      const events: ProgressEvent[] = [];
      const onProgress = (e: ProgressEvent) => { if (e.task === 'versions') events.push(e); };
      const r = await createImportService(store, onProgress, { batchSize, findVersions: () => createVersionFinder(store, onProgress) }).importPaths([...files]);
      assert.equal(r.versionsError, undefined);
      assert.equal(r.imported.length, files.length);
      assert.ok(events.length > 0);
      for (let k = 1; k < events.length; k++) assert.ok(events[k]!.done >= events[k - 1]!.done, 'done never goes back');
      for (const e of events) assert.ok(e.done <= e.total && e.total <= files.length);
      assert.deepEqual([events.at(-1)!.done, events.at(-1)!.total], [files.length, files.length]);
    } finally {
      store.close();
      cleanup();
    }
  });
}
