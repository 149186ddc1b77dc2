// axe on the versions views (issue 9.6), light and dark: the compare view of
// the seeds, the review list of carried copies, and a citation's card with
// its "Also in"; no serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { showNotes } from './helpers.ts';
import { scan } from './axe.ts';
import { until } from './helpers.ts';
import { cpRange, seedsOpen } from './compare-helpers.ts';
import { citationFor } from '../../common/citation.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: compare view, review list and a citation's also-in (${scheme})`, async () => {
    await withLectern({ colorScheme: scheme }, async (l) => {
      const { page, api } = l;
      const { s001 } = await seedsOpen(l);
      const s1 = await api.getSource(s001);
      const cologne = await api.createAnnotation({ sourceId: s001, ...cpRange(s1.text, 'Cologne Cathedral'), comment: 'which cathedral?' });
      await api.createAnnotation({ sourceId: s001, ...cpRange(s1.text, 'Shocking footage of the attack'), color: 'pink' });
      await api.createAnnotation({ sourceId: s001, ...cpRange(s1.text, 'Mikhail Khodorkovsky'), color: 'green' });
      const found: string[] = [];

      await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Carry…' }).click();
      const carry = page.getByRole('dialog', { name: /Carry/ });
      const go = carry.getByRole('button', { name: /^Carry \d+ annotations?$/ });
      await go.waitFor();
      found.push(...await scan(page, 'carry dialog'));
      await go.click();
      const review = page.getByRole('region', { name: /^Carried from/ });
      await review.getByRole('list', { name: 'Carried annotations' }).getByRole('listitem').first().waitFor();
      found.push(...await scan(page, 'review list'));
      await review.getByRole('button', { name: 'Done' }).click();
      await review.waitFor({ state: 'detached' });
      const view = page.getByRole('region', { name: 'Compare versions' });
      await view.getByRole('table').getByRole('row').nth(2).waitFor();
      // N once the view takes keys again (the review's closing re-renders it)
      await until('a difference is current', async () => {
        if (await view.locator('.cmp-row.current').count()) return true;
        await page.keyboard.press('n');
        return false;
      });
      found.push(...await scan(page, 'compare view'));
      await view.getByRole('button', { name: 'Close the comparison' }).click();

      await api.createNote({ title: 'Cathedral', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
        { type: 'text', text: 'Near ' }, { type: 'citation', attrs: citationFor(s1, cologne.start, cologne.end, cologne.id) }] }] } });
      await l.reload();
      await showNotes(page);
      await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Cathedral/ }).click();
      const chip = page.locator('.note-editor cite.lectern-citation');
      await page.waitForFunction(() => (document.querySelector('.note-editor cite') as HTMLElement | null)?.dataset.status === 'ok');
      await chip.hover();
      await page.getByRole('dialog', { name: 'Citation' }).getByRole('region', { name: 'Also in' }).locator('.also-in-item').waitFor();
      found.push(...await scan(page, 'citation card with also-in'));
      assert.deepEqual(found, []);
    });
  });
}
