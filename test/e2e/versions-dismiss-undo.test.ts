// Dismiss in the reader's versions list is taken back by the app's one Undo
// (issue 9 item 3, found in a new-user trial: it showed no undo): the toast's
// Undo and Mod-Z both bring the relation back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { seedsOpen } from './compare-helpers.ts';

test('versions list: Dismiss offers Undo; the toast button and Ctrl+Z restore the relation', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const t001 = (await api.getSource(s001)).title;
    const versions = page.getByRole('region', { name: 'Versions' });
    const live = versions.locator(`.versions-list:not(.dismissed) .version-item[data-source-id="${s001}"]`);
    const toast = page.locator('.toasts .toast').filter({ hasText: 'Dismissed' });
    const dismissed = async () => (await api.sourceRelations(s000)).relations.find((r) => r.id === s001)?.dismissed;

    for (const how of ['the toast', 'Ctrl+Z'] as const) {
      await live.getByRole('button', { name: 'Dismiss' }).click();
      await live.waitFor({ state: 'detached' });
      await toast.waitFor();
      assert.match(await toast.innerText(), new RegExp(`Dismissed “${t001.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(await dismissed(), true);
      if (how === 'the toast') await toast.getByRole('button', { name: 'Undo' }).click();
      else await page.keyboard.press('Control+z');
      await live.waitFor();
      await toast.waitFor({ state: 'detached' });
      assert.equal(await dismissed(), false, `undone by ${how}`);
      assert.equal(await versions.getByRole('button', { name: /dismissed$/ }).count(), 0, 'nothing listed as dismissed');
    }
  });
});
