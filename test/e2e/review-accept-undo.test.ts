// Accept and "Keep as orphan" in the review of carried copies are taken back by
// the app's one Undo (issue 9 item 3; they had none while Adjust and Dismiss
// did): the toast's Undo and Ctrl+Z put the copy back to the status and score
// it had, and the list shows it undecided again. Real mouse and keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { cpRange, seedsOpen } from './compare-helpers.ts';

test('review: Accept and Keep as orphan are undone by the toast and by Ctrl+Z (status and score as before)', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const t1 = (await api.getSource(s001)).text;
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Crocus City Hall'), color: 'pink', comment: 'venue' });
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Cologne Cathedral'), comment: 'which cathedral?' });
    // not in 000: its copy is an orphan
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Shocking footage of the attack'), comment: 'footage' });

    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Carry…' }).click();
    await page.getByRole('dialog', { name: /Carry/ }).getByRole('button', { name: 'Carry 3 annotations' }).click();
    const review = page.getByRole('region', { name: /^Carried from/ });
    const card = (quote: string) => review.getByRole('listitem').filter({ hasText: quote });
    await card('Shocking footage').waitFor();
    const copyOf = async (comment: string) => (await api.listAnnotations(s000)).find((a) => a.carriedFrom && a.comment === comment)!;
    const place = (a: { start: number; end: number; exact: string; status: string; score: number | null }) => [a.start, a.end, a.exact, a.status, a.score];
    const toast = page.locator('.toasts .toast').filter({ has: page.getByRole('button', { name: 'Undo' }) });

    const cases = [
      { quote: 'Crocus City Hall', comment: 'venue', button: 'Accept', said: 'Accepted', how: 'the toast' },
      { quote: 'Cologne Cathedral', comment: 'which cathedral?', button: 'Accept', said: 'Accepted', how: 'Ctrl+Z' },
      { quote: 'Shocking footage', comment: 'footage', button: 'Keep as orphan', said: 'Kept as orphan', how: 'the toast' },
      { quote: 'Shocking footage', comment: 'footage', button: 'Keep as orphan', said: 'Kept as orphan', how: 'Ctrl+Z' },
    ] as const;
    for (const c of cases) {
      const before = await copyOf(c.comment);
      const verdict = await card(c.quote).locator('.review-verdict').innerText();
      assert.doesNotMatch(verdict, /Accepted|Kept as orphan/, `${c.quote} undecided at first`);
      const button = card(c.quote).getByRole('button', { name: c.button });
      if (c.how === 'Ctrl+Z') {
        // by keyboard: focus the button, Enter
        await button.focus();
        await page.keyboard.press('Enter');
      } else {
        await button.click();
      }
      await card(c.quote).locator('.verdict-accepted').filter({ hasText: c.said }).waitFor();
      await toast.waitFor();
      assert.notDeepEqual(place(await copyOf(c.comment)), place(before), `${c.button} wrote the decision`);
      if (c.how === 'the toast') await toast.getByRole('button', { name: 'Undo' }).click();
      else await page.keyboard.press('Control+z');
      await card(c.quote).locator('.verdict-accepted').waitFor({ state: 'detached' });
      await toast.waitFor({ state: 'detached' });
      await until(`${c.quote} back as it was (${c.how})`, async () => JSON.stringify(place(await copyOf(c.comment))) === JSON.stringify(place(before)));
      assert.equal(await card(c.quote).locator('.review-verdict').innerText(), verdict, `${c.quote}: the list shows the verdict it had (${c.how})`);
      assert.equal(await card(c.quote).getByRole('button', { name: c.button }).isEnabled(), true, 'and can be decided again');
    }
  });
});
