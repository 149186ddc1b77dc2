// How the Annotations view reads its rows (usePagedRows over queryAnnotations),
// watched at the bridge with a real mouse wheel and keys: scrolling on asks
// for each page from the cursor of the one before it (a seek, not an offset
// the store counts through), a jump to the end asks by offset, the rows shown
// are the store's, and a change (a tag described) re-reads only the pages in
// view (it re-read page 0 on every change as well) and the codebook once (it
// was read twice: by the editor's callback and by the refresh it causes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000 } from '../helpers/tmp.ts';
import type { AnnotationQuery } from '../../common/types.ts';

const N = 450;

/** Records every queryAnnotations the page makes from now on (window.__asked). */
async function watchQueries(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __lecternCall(m: string, a: unknown[]): Promise<unknown>; __asked: unknown[]; __codebooks: number };
    const call = w.__lecternCall.bind(w);
    w.__asked = [];
    w.__codebooks = 0;
    w.__lecternCall = (m, a) => {
      if (m === 'queryAnnotations') w.__asked.push(a[0]);
      if (m === 'listCodebook') w.__codebooks++;
      return call(m, a);
    };
  });
  type Watched = { __asked: AnnotationQuery[]; __codebooks: number };
  return {
    asked: () => page.evaluate(() => (window as unknown as Watched).__asked),
    codebookReads: () => page.evaluate(() => (window as unknown as Watched).__codebooks),
    clear: () => page.evaluate(() => { const w = window as unknown as Watched; w.__asked = []; w.__codebooks = 0; }),
  };
}

test('Annotations view: scrolling on seeks from the last page\'s cursor, a jump asks by offset, a change re-reads only the rows in view', () => withLectern({ viewport: { width: 1280, height: 800 } }, async (l) => {
  const { page, api, store } = l;
  const source = (await api.importPaths([SEED_000])).imported[0]!;
  const text = [...store.sources.get(source.id)!.text];
  store.write(() => {
    for (let i = 0; i < N; i++) {
      const start = (i * 13) % (text.length - 40);
      store.annotations.insert({
        sourceId: source.id, start, end: start + 30, exact: text.slice(start, start + 30).join(''), prefix: '', suffix: '',
        color: 'yellow', comment: `row ${i}`, tags: i % 4 === 0 ? [] : [i % 2 ? 'alpha' : 'beta'],
      });
    }
  });
  await l.reload();
  await page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  const list = page.locator('.av-scroll');
  await list.locator('.av-row .av-exact').first().waitFor();
  const q = await watchQueries(page);

  await page.getByRole('region', { name: 'Annotations across the library' }).getByLabel('Sort').selectOption('tag');
  await until('the tag order from the top', async () => (await q.asked()).some((a) => a.sort === 'tag' && (a.offset ?? 0) === 0));
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const shown = (i: number) => list.locator(`[data-index="${i}"] .av-exact`);
  for (let n = 0; n < 200 && await shown(250).count() === 0; n++) await page.mouse.wheel(0, 600);
  await shown(250).waitFor();
  const expected = await api.queryAnnotations({ sort: 'tag', offset: 0, limit: 300 });
  assert.equal(await list.locator('[data-index="250"] .av-comment').textContent(), expected.items[250]!.comment, 'row 250 is the store\'s');
  const asked = (await q.asked()).filter((a) => a.sort === 'tag');
  for (const offset of [100, 200]) {
    const a = asked.find((x) => x.offset === offset);
    assert.ok(a, `page at ${offset} asked for`);
    const before = await api.queryAnnotations({ sort: 'tag', offset: offset - 100, limit: 100 });
    assert.deepEqual(a.after, before.next, `the page at ${offset} seeks from the cursor of the page before it`);
  }

  // End on a row: a jump, asked by offset
  await list.locator(`[data-index="250"] .av-open`).focus();
  await page.keyboard.press('End');
  await shown(N - 1).waitFor();
  const jump = (await q.asked()).find((a) => a.sort === 'tag' && a.offset === 400);
  assert.ok(jump && jump.after === undefined, 'the last page, reached by a jump, is asked by its offset');
  assert.equal(await list.locator(`[data-index="${N - 1}"] .av-comment`).textContent(),
    (await api.queryAnnotations({ sort: 'tag', offset: N - 1, limit: 1 })).items[0]!.comment);

  // a change with the same filter: the pages in view are read again, not the first one
  await page.getByRole('navigation', { name: 'Codebook' }).getByRole('button', { name: /^beta/ }).click();
  await until('filtered by beta', async () => (await q.asked()).some((a) => a.tag === 'beta'));
  const betas = (await api.queryAnnotations({ tag: 'beta', limit: 1 })).total;
  await list.locator('.av-row .av-exact').first().waitFor();
  await list.locator('.av-row .av-open').first().focus();
  await page.keyboard.press('End');
  await shown(betas - 1).waitFor();
  await q.clear();
  const editor = page.getByRole('region', { name: 'Tag “beta”' });
  await editor.getByLabel('Description').fill('the second code');
  await editor.getByRole('button', { name: 'Save description' }).click();
  await until('the rows in view read again', async () => (await q.asked()).some((a) => a.tag === 'beta' && (a.offset ?? 0) >= 100));
  await until('the codebook says it', async () => (await api.listCodebook()).some((t) => t.name === 'beta' && t.description === 'the second code'));
  assert.ok(await shown(betas - 1).count() === 1, 'still at the end');
  assert.deepEqual((await q.asked()).filter((a) => (a.offset ?? 0) === 0), [], 'page 0 (out of view) is not read again');
  // (the rows are read again by the same refresh that reads the codebook: by now every read of it was asked for)
  await page.getByRole('navigation', { name: 'Codebook' }).locator('button[title="the second code"]').waitFor();
  assert.equal(await q.codebookReads(), 1, 'the codebook is read once after the edit');
  assert.deepEqual(l.errors, []);
}));
