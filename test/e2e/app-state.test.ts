// The app shell re-reads the library once per change (it used to refresh a
// second time from its own bus event): one page of the list and one list of
// tags (the library is paged, so its tags cannot come from rows held here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import type { LecternApi } from '../../common/api.ts';

/** Counts the page's calls of some API methods (the harness looks methods up on its table per call). */
function countCalls(api: LecternApi, methods: (keyof LecternApi)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const table = api as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of methods) {
    counts[m] = 0;
    const real = table[m]!;
    table[m] = (...a: unknown[]) => { counts[m]!++; return real.apply(api, a); };
  }
  return counts;
}

test('app state: saving a field or creating an annotation re-reads the library once', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id0 = r.imported.find((i) => i.path === SEED_000)!.id;
    const title = (await api.getSource(id0)).title;
    await api.createAnnotation({ sourceId: id0, start: 20, end: 30, tags: ['people/suspects'] });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
    // the tag filter lists the tag and its parent
    const tagOptions = await page.getByLabel('Filter by tag').locator('option').allInnerTexts();
    assert.deepEqual(tagOptions.map((t) => t.trim()), ['All', 'people', 'suspects']);

    const counts = countCalls(api, ['listSources', 'listTags', 'countSources']);
    const details = page.getByRole('button', { name: /Details/ });
    if (await details.count()) await details.click();
    await page.getByLabel('Publisher').fill('Il Riformista');
    await page.getByLabel('Publisher').press('Enter');
    await page.waitForFunction(() => document.querySelector('[role="listbox"][aria-label="Sources"]')?.textContent?.includes('Il Riformista'));
    // calls are served in order: once this one is answered, any refresh started before it has arrived
    await page.evaluate(() => (window as unknown as { lectern: LecternApi }).lectern.getSettings());
    assert.deepEqual(counts, { listSources: 1, listTags: 1, countSources: 2 });
  });
});
