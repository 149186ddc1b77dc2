// `npm run bench:compare`: the compare view of two ~1 MB versions (BBC prose;
// the copy has 10% of its sentences reworded, 5% moved, 5% deleted: the pair
// bench:versions aligns), in the real app through the browser harness, against
// the reader showing text A in the same run (goal: compare <= 1.5x reader):
// - first frame: from the click (Compare in the versions list; the source in
//   the library) to the first frame showing the rows (the text), and from the
//   data's arrival in the renderer to that frame (the compare view shows its
//   first page of rows before the rest: when all of them and both whole texts
//   are in is reported too, against the reader's first frame);
// - to the end: End in the scroller, then (compare) P to the last difference,
//   until the frame where it (the reader: the text's end) is on screen.
// Each run starts from a reloaded renderer; the main process keeps its
// alignment cache after the first run, which is reported on its own
// (aligning is bench:versions' figure). Not a test: nothing here asserts.
import type { Page } from 'playwright-core';
import { openLectern } from '../test/e2e/harness.ts';
import { corpusText, makeVersionPair } from '../test/helpers/version-pair.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const VIEWPORT = { width: 1440, height: 900 };

const pair = makeVersionPair(corpusText(1_000_000), { seed: 1, reword: 0.1, move: 0.05, delete: 0.05 });
console.log(`pair: A ${(pair.a.length / 1e6).toFixed(2)} M UTF-16 units, B ${(pair.b.length / 1e6).toFixed(2)} M`);

/** From the last `from` mark to the first `to` mark after it. */
const since = (page: Page, from: string, to: string) => page.evaluate(([f, t]) => {
  const a = performance.getEntriesByName(f!).at(-1);
  const b = a && performance.getEntriesByName(t!).find((x) => x.startTime >= a.startTime);
  if (!a || !b) throw new Error(`no ${!a ? f : t} mark`);
  return b.startTime - a.startTime;
}, [from, to]);

/** Marks 'bench:key' at the next keydown of `key` (capture phase, before the app sees it). */
const markNextKey = (page: Page, key: string) => page.evaluate((k) => {
  const on = (e: KeyboardEvent) => { if (e.key !== k) return; performance.mark('bench:key'); window.removeEventListener('keydown', on, true); };
  window.addEventListener('keydown', on, true);
}, key);

/** Waits, polling each frame, until `seen` (which marks 'bench:seen' when it holds) holds in the page. */
const markWhen = (page: Page, seen: () => boolean) => page.waitForFunction(seen, undefined, { polling: 'raf', timeout: 120_000 });

const mark = (ok: boolean) => { if (ok) performance.mark('bench:seen'); return ok; };
const inView = (el: Element | null | undefined, scroller: Element | null) => {
  if (!el || !scroller) return false;
  const b = el.getBoundingClientRect();
  const v = scroller.getBoundingClientRect();
  return b.top >= v.top && b.top < v.bottom;
};

const l = await openLectern({ viewport: VIEWPORT });
try {
  const { api, page } = l;
  const r = await api.importFiles([{ name: 'version-a.txt', bytes: new TextEncoder().encode(pair.a) }, { name: 'version-b.txt', bytes: new TextEncoder().encode(pair.b) },
    { name: 'small.txt', bytes: new TextEncoder().encode('A small source.\n\nOpened first, so that A is opened anew.\n') }]);
  const small = (await api.getSource(r.imported.find((i) => i.path === 'small.txt')!.id)).title;
  const [a, b] = ['version-a.txt', 'version-b.txt'].map((n) => r.imported.find((i) => i.path === n)!.id) as [string, string];
  await api.linkSources(a, b);
  // both start with the same headline: names the library tells apart
  await api.updateSource(a, { title: 'Bench version A' });
  await api.updateSource(b, { title: 'Bench version B' });
  const titleA = 'Bench version A';
  const t0 = performance.now();
  await api.compareSources(a, b);
  console.log(`aligning the pair in the main process (cold, once): ${(performance.now() - t0).toFixed(0)} ms`);

  // a fresh renderer showing a small source, then A: the reader's own path from the click
  const openReader = async () => {
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: small }).click();
    await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, small);
    await page.evaluate(() => { performance.clearMarks(); performance.mark('bench:open'); });
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: titleA }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lectern:reader-frame').length > 0, undefined, { timeout: 120_000 });
  };
  const reader = { open: [] as number[], data: [] as number[], end: [] as number[] };
  const compare = { open: [] as number[], data: [] as number[], end: [] as number[], complete: [] as number[] };
  for (let i = 0; i < RUNS + 1; i++) {
    // the reader showing A
    await openReader();
    const ro = await since(page, 'bench:open', 'lectern:reader-frame');
    const rd = await since(page, 'lectern:reader-source', 'lectern:reader-frame');
    await page.locator('.reader-scroll').focus();
    await markNextKey(page, 'End');
    await page.keyboard.press('End');
    await page.evaluate(`window.__mark = ${mark}; window.__inView = ${inView}`);
    await markWhen(page, () => {
      const w = window as unknown as { __mark: typeof mark; __inView: typeof inView };
      const s = document.querySelector('.reader-scroll');
      return w.__mark(!!s && s.scrollTop > 0 && w.__inView(document.querySelector('.reader-text')?.firstElementChild?.lastElementChild, s));
    });
    const re = await since(page, 'bench:key', 'bench:seen');

    // the compare view of A with B, opened from A's versions
    await openReader();
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${b}"]`).waitFor();
    await page.evaluate(() => performance.mark('bench:open'));
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${b}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lectern:compare-frame').length > 0, undefined, { timeout: 120_000 });
    const co = await since(page, 'bench:open', 'lectern:compare-frame');
    const cd = await since(page, 'lectern:compare-data', 'lectern:compare-frame');
    // the rest of the rows and both whole texts follow the first screen: End and P wait for them
    await page.waitForFunction(() => performance.getEntriesByName('lectern:compare-complete').length > 0, undefined, { timeout: 120_000 });
    const cc = await since(page, 'bench:open', 'lectern:compare-complete');
    const parts = `first page ${(await since(page, 'lectern:compare-start', 'lectern:compare-fetched')).toFixed(0)} ms, render ${cd.toFixed(0)} ms, all rows and texts ${cc.toFixed(0)} ms after the click`;
    console.log(`  compare: ${parts}`);
    const rows = Number(await page.locator('.cmp-table').getAttribute('aria-rowcount')) - 1;
    const shown = await page.locator('.cmp-row').count();
    await page.locator('.compare-scroll').focus();
    await markNextKey(page, 'End');
    await page.keyboard.press('End');
    // the last row on screen (rows measured on the way may lengthen the list a little after End's scroll)
    await page.waitForFunction((last) => {
      const s = document.querySelector('.compare-scroll');
      const r = s?.querySelector(`.cmp-row[data-index="${last}"]`);
      return !!s && !!r && s.scrollTop > 0 && r.getBoundingClientRect().top < s.getBoundingClientRect().bottom;
    }, rows - 1, { polling: 'raf', timeout: 120_000 });
    await page.keyboard.press('p');
    await page.evaluate(`window.__mark = ${mark}; window.__inView = ${inView}`);
    await markWhen(page, () => {
      const w = window as unknown as { __mark: typeof mark; __inView: typeof inView };
      const said = document.querySelector('.compare [role=status]')?.textContent ?? '';
      const m = /^Difference (\d+) of (\d+):/.exec(said);
      return w.__mark(!!m && m[1] === m[2] && w.__inView(document.querySelector('.cmp-row.current'), document.querySelector('.compare-scroll')));
    });
    const ce = await since(page, 'bench:key', 'bench:seen');
    if (i === 0) console.log(`compare rows: ${rows} (${shown} in the DOM)`);
    if (i === 0) console.log(`first run (alignment cached in the main process, renderer fresh): compare first frame ${co.toFixed(0)} ms, reader ${ro.toFixed(0)} ms`);
    else {
      reader.open.push(ro); reader.data.push(rd); reader.end.push(re);
      compare.open.push(co); compare.data.push(cd); compare.end.push(ce); compare.complete.push(cc);
    }
  }
  const row = (name: string, c: number[], rd: number[]) => console.log(`${name.padEnd(44)} compare ${median(c).toFixed(0).padStart(5)} ms   reader ${median(rd).toFixed(0).padStart(5)} ms   compare/reader ${(median(c) / median(rd)).toFixed(2)}x`);
  console.log(`median of ${RUNS} runs (after one warm-up), Chromium headless, ${VIEWPORT.width}x${VIEWPORT.height}:`);
  row('click -> first frame', compare.open, reader.open);
  row('data in the renderer -> first frame', compare.data, reader.data);
  row('End (+ P: last difference) -> on screen', compare.end, reader.end);
  row('click -> every row and both texts in', compare.complete, reader.open);
  console.log('goal: compare <= 1.5x reader (first frame, to the end)');
  console.log(`raw compare first frame: ${compare.open.map((x) => x.toFixed(0)).join(' ')}; reader: ${reader.open.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`raw to the end: compare ${compare.end.map((x) => x.toFixed(0)).join(' ')}; reader ${reader.end.map((x) => x.toFixed(0)).join(' ')}`);
  if (l.errors.length) console.log('page errors:', l.errors);
} finally {
  await l.close();
}
