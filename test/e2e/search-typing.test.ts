// Search as you type sends one search at a time (renderer/library/Library.tsx):
// a query typed while the back end is answering another waits for it, and only
// the latest then goes; every query typed no longer queues behind the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';

let n = 0;
const text = (words: string) => ({
  title: words, text: `${words}. A short text about ${words}.`, published: null, publisher: null, url: null, byline: null,
  originalPath: null, originalName: `${++n}.txt`, sha256: n.toString(16).padStart(64, '0'), encoding: 'utf-8', chars: 0,
});

test('typing while a search is answered: the queries typed meanwhile are not sent; the latest goes once it is answered', async () => {
  await withLectern(async (l) => {
    const { page, store } = l;
    for (const words of ['Whale song', 'Wharf cats', 'Whales of the north']) store.sources.insert({ ...text(words), chars: text(words).text.length });
    await l.reload();
    const box = page.getByRole('searchbox', { name: 'Search' });
    const first = l.holdNext('searchPage');
    await box.pressSequentially('w');
    await first.reached; // "w" is being answered (held)
    const next = l.holdNext('searchPage');
    let nextSent = false;
    void next.reached.then(() => { nextSent = true; });
    await page.evaluate(() => performance.clearMarks('lectern:search-waiting'));
    // each key after the search delay: every one of these would have been a search of its own
    for (const key of 'hale') {
      const waited = await page.evaluate(() => performance.getEntriesByName('lectern:search-waiting').length);
      await box.press(key);
      await page.waitForFunction((w) => performance.getEntriesByName('lectern:search-waiting').length > w, waited);
    }
    assert.equal(nextSent, false, 'nothing was sent while "w" was being answered');
    first.release();
    await next.reached; // the latest query, once "w" was answered
    next.release();
    const found = page.getByRole('listbox', { name: 'Sources found' }).getByRole('option');
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="Sources found"] [role="option"]')]
      .map((o) => o.textContent ?? '').join('|').includes('Whale song'));
    const titles = await found.locator('.item-title').allInnerTexts();
    assert.deepEqual(titles.sort(), ['Whale song'], `the results are those of "whale", not of "w": ${titles.join(', ')}`);
    assert.equal(l.errors.length, 0, l.errors.join('\n'));
  });
});
