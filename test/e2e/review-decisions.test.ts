// The review of carried copies keeps its decisions (issue 9 item 3, found in a
// new-user trial): an accepted copy stays accepted after another is adjusted
// and after the list is closed and reopened (the stored verdict, not the
// component's); a copy placed by hand says so in the list, its counts and the
// comparison report; carrying onto an annotation the target already has makes
// no duplicate, and the dialog says how many were already there; Ctrl+Z takes
// an Adjust back (the copy's previous place and verdict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { cpRange, dragSelect, seedsOpen } from './compare-helpers.ts';

test('review: Accept survives Adjust and reopening; a copy placed by hand says so (list, counts, report); no duplicate of what the target has', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const [t0, t1] = [(await api.getSource(s000)).text, (await api.getSource(s001)).text];
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Mikhail Khodorkovsky'), color: 'green', comment: 'exile' });
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Cologne Cathedral'), comment: 'which cathedral?' });
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Crocus City Hall'), color: 'pink', comment: 'venue' });
    // 000 has the first one already, made by hand
    await api.createAnnotation({ sourceId: s000, ...cpRange(t0, 'Mikhail Khodorkovsky'), color: 'green', comment: 'exile' });

    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Carry…' }).click();
    const dialog = page.getByRole('dialog', { name: /Carry/ });
    const go = dialog.getByRole('button', { name: /^Carry \d+ annotations?$/ });
    await go.waitFor();
    assert.match(await dialog.innerText(), /B → A[^\n]*2 to copy[^\n]*1 already there/);
    assert.equal(await go.innerText(), 'Carry 2 annotations');
    await go.click();

    const review = page.getByRole('region', { name: /^Carried from/ });
    const card = (quote: string) => review.getByRole('listitem').filter({ hasText: quote });
    await card('Crocus City Hall').waitFor();
    assert.equal((await api.listAnnotations(s000)).filter((a) => a.exact === 'Mikhail Khodorkovsky').length, 1, 'no duplicate');

    await card('Crocus City Hall').getByRole('button', { name: 'Accept' }).click();
    await card('Crocus City Hall').locator('.verdict-accepted').waitFor();

    // Adjust the Cologne copy onto other words, with the real mouse
    await card('Cologne Cathedral').getByRole('button', { name: 'Adjust…' }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.locator('.cmp-a').filter({ hasText: 'attack on the cathedral' }).first().waitFor();
    await dragSelect(page, '.cmp-a', 'attack on the cathedral');
    await page.getByRole('dialog', { name: 'Place the copy here' }).getByRole('button', { name: 'Place here' }).click();
    await card('Cologne Cathedral').waitFor();

    const check = async (when: string) => {
      assert.equal(await card('Crocus City Hall').locator('.verdict-accepted').innerText(), 'Accepted', `Accepted stays ${when}`);
      const placed = await card('Cologne Cathedral').locator('.review-verdict').innerText();
      assert.match(placed, /Placed by hand/, when);
      assert.doesNotMatch(placed, /Anchored/, when);
      assert.match(await review.locator('.review-head').innerText(), /1 anchored, 1 placed by hand, 0 moved, 0 orphaned/, when);
    };
    await check('after Adjust');
    await review.getByRole('button', { name: 'Done' }).click();
    await review.waitFor({ state: 'detached' });
    await view.getByRole('button', { name: /^Review carried/ }).click();
    await card('Crocus City Hall').waitFor();
    await check('after Done and reopening');

    await review.getByRole('button', { name: 'Done' }).click();
    await view.getByRole('button', { name: 'Export report…' }).click();
    const exp = page.getByRole('dialog', { name: 'Export comparison report' });
    await exp.getByRole('button', { name: 'Markdown' }).click();
    const saved = await exp.locator('.export-done').innerText();
    const name = /Saved (.+\.md)/.exec(saved)![1]!;
    const report = readFileSync(join(l.exportDir, name), 'utf8');
    const carriedRow = (note: string) => report.split('\n').find((x) => x.startsWith('|') && x.includes(note));
    const row = carriedRow('which cathedral?');
    assert.ok(row, report);
    assert.match(row, /placed by hand/);
    assert.doesNotMatch(row, /\| anchored/);
    assert.match(carriedRow('venue') ?? '', /\| anchored \(accepted\) \|/);
  });
});

test('review: Ctrl+Z after Adjust puts the copy back where it was, moved with its match', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const t1 = (await api.getSource(s001)).text;
    await api.createAnnotation({ sourceId: s001, ...cpRange(t1, 'Cologne Cathedral'), comment: 'which cathedral?' });
    await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Carry…' }).click();
    await page.getByRole('dialog', { name: /Carry/ }).getByRole('button', { name: 'Carry 1 annotation' }).click();
    const review = page.getByRole('region', { name: /^Carried from/ });
    const card = review.getByRole('listitem').filter({ hasText: 'Cologne Cathedral' });
    await card.waitFor();
    const [before] = (await api.listAnnotations(s000)).filter((a) => a.carriedFrom);
    assert.equal(before!.status, 'moved');
    const said = await card.locator('.review-verdict').innerText();
    assert.match(said, /Moved · match \d+%/);

    await card.getByRole('button', { name: 'Adjust…' }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    await view.locator('.cmp-a').filter({ hasText: 'attack on the cathedral' }).first().waitFor();
    await dragSelect(page, '.cmp-a', 'attack on the cathedral');
    await page.getByRole('dialog', { name: 'Place the copy here' }).getByRole('button', { name: 'Place here' }).click();
    await until('placed by hand', async () => /Placed by hand/.test(await card.locator('.review-verdict').innerText()));
    await page.locator('.toasts .toast').filter({ hasText: 'by hand' }).waitFor();

    await page.keyboard.press('Control+z');
    await until('moved again', async () => (await card.locator('.review-verdict').innerText()) === said);
    const [after] = (await api.listAnnotations(s000)).filter((a) => a.carriedFrom);
    assert.deepEqual([after!.start, after!.end, after!.exact, after!.status, after!.score], [before!.start, before!.end, before!.exact, 'moved', before!.score]);
  });
});
