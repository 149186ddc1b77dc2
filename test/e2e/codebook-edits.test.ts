// The codebook's edits in Chromium with the real mouse and keyboard: a merge
// is taken back by the toast's Undo and by Mod-Z (the merged tag back with
// exactly its passages, description and parent); after "Delete tag" focus is
// on the next tag's row (the previous one's for the last), not the page;
// "Move" is enabled only when the chosen parent is another one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000 } from '../helpers/tmp.ts';

const codebook = (page: Page) => page.getByRole('navigation', { name: 'Codebook' });
const editor = (page: Page, name: string) => page.getByRole('region', { name: `Tag “${name}”` });
/** The tag whose codebook row has focus ('' for "All annotations"), null when focus is elsewhere. */
const focusedRow = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return el?.matches('.codebook-tag') ? el.dataset.tag ?? null : null;
});

/** One seed, six passages tagged under economy, place and climate; the Annotations view open. */
async function seeded(l: Lectern) {
  const { imported } = await l.api.importPaths([SEED_000]);
  const source = imported[0]!;
  const sets = [['economy'], ['economy/growth', 'place/uk'], ['place/uk'], ['climate'], ['place/uk', 'economy'], ['zoo']];
  for (const [i, tags] of sets.entries()) await l.api.createAnnotation({ sourceId: source.id, start: 10 + i * 30, end: 30 + i * 30, tags });
  await l.api.describeTag('place/uk', 'The United Kingdom');
  await l.reload();
  await l.page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  await l.page.locator('.av-row .av-exact').first().waitFor();
  await codebook(l.page).getByRole('button', { name: /^zoo/ }).waitFor();
}

/** place/uk as the store has it: its codebook entry and the passages carrying it. */
const ukNow = async (l: Lectern) => ({
  entry: (await l.api.listCodebook()).find((t) => t.name === 'place/uk'),
  passages: (await l.api.queryAnnotations({ tag: 'place/uk' })).items.map((i) => `${i.id} ${i.tags.join(',')}`).sort(),
});

async function mergeUkIntoEconomy(l: Lectern) {
  await codebook(l.page).getByRole('button', { name: /^uk/ }).click();
  const uk = editor(l.page, 'place/uk');
  await uk.getByLabel('Merge into').selectOption('economy');
  await uk.getByRole('button', { name: 'Merge' }).click();
  await editor(l.page, 'economy').waitFor();
  await until('place/uk is merged away', async () => !(await l.api.listCodebook()).some((t) => t.name === 'place/uk'));
}

test('a tag merge is undone from the toast and with Mod-Z: the tag is back with its passages, description and parent', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    const before = await ukNow(l);
    assert.equal(before.entry?.description, 'The United Kingdom');
    assert.equal(before.passages.length, 3);

    await mergeUkIntoEconomy(l);
    const toast = page.getByRole('status').filter({ hasText: 'Merged “place/uk” into “economy”.' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await editor(page, 'place/uk').waitFor();
    await codebook(page).getByRole('button', { name: /^uk\s*3 passages$/ }).waitFor();
    assert.deepEqual(await ukNow(l), before, 'Undo in the toast');
    assert.equal((await l.api.listCodebook()).find((t) => t.name === 'economy')!.total, 3, 'economy lost only what the merge gave it');

    await codebook(page).getByRole('button', { name: /^All annotations/ }).click(); // (a click on the chosen tag's row would unchoose it)
    await mergeUkIntoEconomy(l);
    await toast.waitFor();
    await codebook(page).getByRole('button', { name: /^All annotations/ }).click();
    await page.keyboard.press('Control+z');
    await toast.waitFor({ state: 'detached' });
    await until('Mod-Z put place/uk back', async () => (await ukNow(l)).entry !== undefined);
    assert.deepEqual(await ukNow(l), before, 'Mod-Z');
    await codebook(page).getByRole('button', { name: /^uk\s*3 passages$/ }).waitFor();
    assert.deepEqual(l.errors, []);
  });
});

test('after "Delete tag" focus is on the next tag\'s row, or the previous one\'s when the last tag went', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    // codebook order: climate, economy, economy/growth, place, place/uk, zoo
    await codebook(page).getByRole('button', { name: /^climate/ }).click();
    await editor(page, 'climate').getByRole('button', { name: 'Delete tag' }).click();
    await codebook(page).getByRole('button', { name: /^climate/ }).waitFor({ state: 'detached' });
    await until('focus on economy\'s row', async () => (await focusedRow(page)) === 'economy');
    await page.keyboard.press('Enter');
    await editor(page, 'economy').waitFor(); // the focused row works from the keyboard

    // a parent with a child: focus skips the child, which went with it
    await editor(page, 'economy').getByRole('button', { name: /^Delete tag/ }).click();
    await codebook(page).getByRole('button', { name: /^growth/ }).waitFor({ state: 'detached' });
    await until('focus on place\'s row', async () => (await focusedRow(page)) === 'place');

    // the last tag: focus on the one before it
    await codebook(page).getByRole('button', { name: /^zoo/ }).click();
    await editor(page, 'zoo').getByRole('button', { name: 'Delete tag' }).click();
    await codebook(page).getByRole('button', { name: /^zoo/ }).waitFor({ state: 'detached' });
    await until('focus on place/uk\'s row', async () => (await focusedRow(page)) === 'place/uk');
    assert.deepEqual(l.errors, []);
  });
});

test('"Move" is disabled while the chosen parent is the tag\'s own', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    await codebook(page).getByRole('button', { name: /^uk/ }).click();
    const uk = editor(page, 'place/uk');
    const move = uk.getByRole('button', { name: 'Move' });
    assert.equal(await uk.getByLabel('Move under').inputValue(), 'place', 'the select shows where the tag is');
    assert.ok(await move.isDisabled(), 'nothing would move');
    await uk.getByLabel('Move under').selectOption('economy');
    assert.ok(await move.isEnabled());
    await uk.getByLabel('Move under').selectOption('place');
    assert.ok(await move.isDisabled());
    await uk.getByLabel('Move under').selectOption('');
    await move.click();
    await editor(page, 'uk').waitFor();
    assert.ok((await l.api.listCodebook()).some((t) => t.name === 'uk'), 'moved to the top level');
    const top = editor(page, 'uk');
    assert.equal(await top.getByLabel('Move under').inputValue(), '');
    assert.ok(await top.getByRole('button', { name: 'Move' }).isDisabled(), 'a top-level tag: "(top level)" moves nothing');
    assert.deepEqual(l.errors, []);
  });
});
