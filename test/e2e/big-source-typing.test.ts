// Typing in the library's search box with a big source open in the reader
// costs about what it costs with a small one open. Each key's frame made the
// browser check every paragraph box of the reader (content-visibility: auto on
// each of 12,000 paragraphs here, 100,000 in a 30 MB text); the reader's text is
// now in chunks of paragraphs (renderer/reader/text-doc.ts), one box each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';

let n = 0;
const row = (title: string, text: string) => ({
  title, text, published: null, publisher: null, url: null, byline: null,
  originalPath: null, originalName: `${++n}.txt`, sha256: n.toString(16).padStart(64, '0'), encoding: 'utf-8', chars: text.length,
});

/** ~4 MB (12,000 paragraphs), words varied so nothing is trivially alike. */
function bigText(): string {
  const words = ['river', 'council', 'harbour', 'ledger', 'Montreal', 'winter', 'archive', 'market', 'signal', 'garden'];
  const paras: string[] = [];
  for (let i = 0; paras.length < 12_000; i++) {
    const ws: string[] = [];
    for (let j = 0; j < 55; j++) ws.push(words[(i * 7 + j * 3 + (j >> 2)) % words.length]!);
    paras.push(`${i}. ${ws.join(' ')}.`);
  }
  return paras.join('\n\n');
}

test('typing in the library search with a big source open costs about what it costs with a small one open', async () => {
  await withLectern(async (l) => {
    const { page, store } = l;
    store.sources.insert(row('Big ledger', bigText()));
    store.sources.insert(row('Small note', 'A short text about a harbour in winter.'));
    await l.reload();
    const list = page.getByRole('listbox', { name: 'Sources' });
    const box = page.getByRole('searchbox', { name: 'Search' });
    /** Milliseconds from each key press to the end of the next frame after it, summed over the word. */
    const typeWord = async (word: string) => {
      await box.click();
      let total = 0;
      for (const key of word) {
        const t0 = await page.evaluate(() => performance.now());
        await page.keyboard.press(key);
        total += await page.evaluate((t) => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - t), 0))), t0);
      }
      await page.keyboard.press('Escape');
      await page.getByRole('listbox', { name: 'Sources' }).waitFor();
      return total;
    };
    const open = async (title: string) => {
      await list.getByRole('option', { name: title }).click();
      await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, title, { timeout: 120_000 });
    };
    const rounds = { small: [] as number[], big: [] as number[] };
    for (let r = 0; r < 3; r++) {
      await open('Small note');
      rounds.small.push(await typeWord('harbour'));
      await open('Big ledger');
      rounds.big.push(await typeWord('harbour'));
    }
    const best = (xs: number[]) => Math.min(...xs);
    const ratio = best(rounds.big) / best(rounds.small);
    console.log(`per-word key-to-frame ms: small ${rounds.small.map(Math.round).join(', ')}; big ${rounds.big.map(Math.round).join(', ')}; ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio < 3, `typing with the big source open took ${ratio.toFixed(1)}× as long as with a small one`);
  });
});
