import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withApi } from '../helpers/api.ts';
import { CORPUS } from '../helpers/tmp.ts';

test('searchCounts: every match of each kind, beyond the limit search returns; deleted rows are not counted', async () => {
  await withApi(async ({ api }) => {
    const dir = join(CORPUS, 'politics');
    const r = await api.importPaths(readdirSync(dir).sort().slice(0, 120).map((f) => join(dir, f)));
    const all = await api.search('said', 1000);
    // a row that stands for several versions counts each of them
    const matching = (hits: typeof all) => hits.filter((h) => h.kind === 'source').reduce((n, h) => n + (h.versions?.count ?? 1), 0);
    const sources = matching(all);
    assert.ok(sources > 60, `a common word matches many sources (${sources})`);
    const id = r.imported[0]!.id;
    await api.createAnnotation({ sourceId: id, start: 0, end: 5, comment: 'he said so' });
    assert.deepEqual(await api.searchCounts('said'), { source: sources, annotation: 1, note: 0 });
    assert.equal((await api.search('said', 60)).length, 60);
    await api.deleteSource(id);
    const after = await api.searchCounts('said');
    assert.equal(after.annotation, 0);
    const liveSources = matching(await api.search('said', 1000));
    assert.ok(liveSources === sources || liveSources === sources - 1);
    assert.equal(after.source, liveSources);
    assert.deepEqual(await api.searchCounts('   '), { source: 0, annotation: 0, note: 0 });
  });
});
