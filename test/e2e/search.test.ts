import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('search: Cologne finds seed 001, Colony finds seed 000 and Enter opens it scrolled to the flashed match; ISIS-K searches', async () => {
  await withLectern({ viewport: { width: 1280, height: 520 } }, async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id0 = r.imported.find((i) => i.path.endsWith('000_75a8ae8bdfc13fc0.txt'))!.id;
    const id1 = r.imported.find((i) => i.path.endsWith('001_bfe0e10eea0bc990.txt'))!.id;
    const t0 = (await api.getSource(id0)).title;
    const t1 = (await api.getSource(id1)).title;
    await l.reload();

    const search = page.getByRole('searchbox', { name: 'Search' });
    const sourcesFound = page.getByRole('listbox', { name: 'Sources found' });

    await page.keyboard.press('Control+k');
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'Ctrl+K focuses the search box');
    await search.fill('Cologne');
    await sourcesFound.getByRole('option').first().waitFor();
    let hits = await sourcesFound.getByRole('option').allInnerTexts();
    assert.equal(hits.length, 1);
    assert.ok(hits[0]!.startsWith(t1), hits[0]);
    assert.equal(await sourcesFound.getByRole('option').first().locator('mark').first().innerText(), 'Cologne');

    await search.fill('Colony');
    await page.waitForFunction((t) => {
      const o = document.querySelector('[aria-label="Sources found"] [role="option"]');
      return !!o && o.textContent!.startsWith(t);
    }, t0);
    hits = await sourcesFound.getByRole('option').allInnerTexts();
    assert.equal(hits.length, 1);
    await search.press('Enter');
    const title = page.getByLabel('Title', { exact: true });
    await page.waitForFunction((t) => [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some((i) => i.value === t), t0);
    assert.equal(await title.inputValue(), t0);
    // the match is flashed and scrolled into view
    const flash = page.locator('.flash').first();
    await flash.waitFor();
    assert.equal(await flash.innerText(), 'Colony');
    await page.waitForFunction(() => {
      const f = document.querySelector('.flash');
      const sc = document.querySelector('.reader-scroll');
      if (!f || !sc) return false;
      const a = f.getBoundingClientRect();
      const b = sc.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom;
    });
    const scrolled = await page.evaluate(() => document.querySelector('.reader-scroll')!.scrollTop);
    assert.ok(scrolled > 0, 'the reader scrolled to reach the match');

    for (const q of ['ISIS-K', '"', '(', 'AND']) {
      await search.fill(q);
      await page.getByRole('region', { name: 'Search results' }).waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.getByRole('alert').count(), 0, `searching ${q} shows no error`);
    }
    // both seeds say ISIS-K; they are versions of one story, so one row stands for both, says so, and counts both
    assert.equal((await api.search('ISIS-K', 10)).filter((h) => h.kind === 'source')[0]?.versions?.count, 2);
    await search.fill('ISIS-K');
    await sourcesFound.getByRole('option').filter({ hasText: '2 versions' }).waitFor();
    assert.equal(await sourcesFound.getByRole('option').count(), 1);
    const heading = page.getByRole('region', { name: 'Sources' }).getByRole('heading');
    assert.equal((await heading.innerText()).replace(/\s+/g, ' ').trim().toLowerCase(), 'sources 2');
  });
});

test('an annotation hit opens its source at the passage', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_001]);
    const id = r.imported[0]!.id;
    const src = await api.getSource(id);
    const start = [...src.text.slice(0, src.text.indexOf('incendiary devices'))].length;
    const a = await api.createAnnotation({ sourceId: id, start, end: start + 'incendiary devices'.length, comment: 'weapons used' });
    await l.reload();
    await page.getByRole('searchbox', { name: 'Search' }).fill('weapons');
    const hit = page.getByRole('listbox', { name: 'Annotations found' }).getByRole('option').first();
    await hit.waitFor();
    await hit.click();
    await page.locator('.flash').first().waitFor();
    assert.equal(await page.locator('.flash').first().innerText(), 'incendiary devices');
    assert.equal(await page.locator('.ann-item.selected').getAttribute('data-annotation-id'), a.id);
  });
});
