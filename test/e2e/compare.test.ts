// The compare view on the seeds (issue 9.1, 9.2): the reader's header shows
// 001 as a version of 000 with its figures; Compare opens both side by side;
// the keyboard reaches every difference, Colony/Cologne marked on both sides;
// a moved passage links to its counterpart; swap sides; selecting text in
// either side annotates that source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { dragSelect, seedsOpen } from './compare-helpers.ts';

test('compare: open from the reader, N/P through every difference to Colony/Cologne, moved link, swap, annotate either side', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const [t000, t001] = [(await api.getSource(s000)).title, (await api.getSource(s001)).title];

    // the header lists 001 as a version, with its figures
    const versions = page.getByRole('region', { name: 'Versions' });
    const item = versions.locator(`.version-item[data-source-id="${s001}"]`);
    await item.waitFor();
    const said = await item.innerText();
    assert.match(said, /version/);
    assert.match(said, /\d+% of this text is in it/);
    assert.match(said, /likely derived from it/, 'most of 000 is in 001, not vice versa');

    await item.getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare versions' });
    const table = view.getByRole('table');
    await table.getByRole('row').nth(1).waitFor();
    assert.equal(await table.getByRole('columnheader').nth(0).innerText().then((t) => t.includes(t000.slice(0, 20))), true);
    // only what is on screen is rendered: fewer rows in the DOM than the pair has
    assert.equal(await table.getAttribute('aria-rowcount'), '27');

    // the keyboard, difference by difference, until the Colony/Cologne row is the current one
    const current = view.locator('.cmp-row.current');
    let steps = 0;
    for (; steps < 40; steps++) {
      await page.keyboard.press('n');
      await current.waitFor();
      if ((await current.innerText()).includes('Colony')) break;
    }
    assert.ok(steps < 40, 'Next difference reaches the Colony row');
    assert.match(await current.locator('.cmp-a del.d-rep').allInnerTexts().then((t) => t.join('|')), /cathedral of Colony/);
    assert.match(await current.locator('.cmp-b ins').allInnerTexts().then((t) => t.join('|')), /Cologne Cathedral/);
    assert.ok(await current.isVisible());
    // the row is on screen, not under the header
    const box = (await current.boundingBox())!;
    const scroller = (await view.locator('.compare-scroll').boundingBox())!;
    assert.ok(box.y >= scroller.y + 40 && box.y < scroller.y + scroller.height, `the current row is on screen (${box.y} in ${scroller.y}..${scroller.y + scroller.height})`);
    const status = view.getByRole('status').filter({ hasText: /^Difference/ });
    assert.match(await status.innerText(), new RegExp(`^Difference ${steps + 1} of \\d+: changed`));
    // F7 / Shift+F7 and the buttons go on and back
    await page.keyboard.press('Shift+F7');
    await until('the previous difference', async () => !(await current.innerText()).includes('Colony'));
    await view.getByRole('button', { name: 'Next difference ›' }).click();
    await until('back on Colony', async () => (await current.innerText()).includes('Colony'));

    // a moved passage links to where the other version has it
    await page.keyboard.press('Home');
    const moved = view.getByRole('button', { name: /^Moved: / }).first();
    await view.locator('.compare-scroll').evaluate((el) => { el.scrollTop = 0; });
    await moved.waitFor();
    // the placeholder stands in the side that lacks the passage here, and names that side as having it elsewhere
    const gapIn = await moved.evaluate((el) => (el.closest('.cmp-row')!.querySelector('[data-side="b"]') ? 'A' : 'B'));
    assert.match(await moved.innerText(), new RegExp(`^Moved: ${gapIn} has it (above|below)`));
    await moved.click();
    await until('the linked row is current', async () => (await current.innerText()).includes('Kremlin security services were aware'));
    assert.equal(await current.locator(`.cmp-${gapIn.toLowerCase()}`).count(), 1, `the linked row has the passage in ${gapIn}`);

    // select in B (001) with the mouse: a new annotation on 001
    await dragSelect(page, '.cmp-cell.cmp-b', 'Central Asian offshoot');
    const pop = page.getByRole('dialog', { name: 'New annotation' });
    await pop.waitFor();
    await pop.getByLabel('Comment').fill('offshoot or branch?');
    await pop.getByRole('button', { name: 'Save' }).click();
    await pop.waitFor({ state: 'detached' });
    const on001 = await api.listAnnotations(s001);
    assert.deepEqual(on001.map((a) => a.exact), ['Central Asian offshoot']);
    await view.locator(`.cmp-b mark[data-annotation-id="${on001[0]!.id}"]`).first().waitFor();
    // and in A (000)
    await dragSelect(page, '.cmp-cell.cmp-a', 'Central Asian branch');
    await pop.waitFor();
    await pop.getByRole('button', { name: 'Save' }).click();
    await pop.waitFor({ state: 'detached' });
    assert.deepEqual((await api.listAnnotations(s000)).map((a) => a.exact), ['Central Asian branch']);

    // a click on a highlight edits it, as in the reader
    await view.locator(`.cmp-b mark[data-annotation-id="${on001[0]!.id}"]`).first().click();
    await page.getByRole('dialog', { name: 'Annotation' }).waitFor();
    await page.keyboard.press('Escape');

    // swap sides: 001 on the left now, its highlight with it
    await view.getByRole('button', { name: 'Swap sides' }).click();
    await until('B on the left', async () => (await view.getByRole('columnheader').nth(0).innerText()).includes(t001.slice(0, 20)));
    await view.locator(`.cmp-a mark[data-annotation-id="${on001[0]!.id}"]`).first().waitFor();

    // close: back to the reader on the left-hand source
    await view.getByRole('button', { name: 'Close the comparison' }).click();
    await page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, t001);
    assert.equal(await page.getByRole('region', { name: 'Compare versions' }).count(), 0);
  });
});

test('versions list: Dismiss hides the relation, Restore brings it back; Link a version finds a source by its words', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const { s000, s001 } = await seedsOpen(l);
    const versions = page.getByRole('region', { name: 'Versions' });
    const item = versions.locator(`.version-item[data-source-id="${s001}"]`);
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await item.waitFor({ state: 'detached' });
    assert.equal((await api.sourceRelations(s000)).relations[0]!.dismissed, true);
    await versions.getByRole('button', { name: '1 dismissed' }).click();
    await versions.getByRole('button', { name: 'Restore' }).click();
    await versions.locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Compare', exact: true }).waitFor();
    assert.equal((await api.sourceRelations(s000)).relations[0]!.dismissed, false);

    await versions.locator(`.version-item[data-source-id="${s001}"]`).getByRole('button', { name: 'Dismiss' }).click();
    await versions.getByRole('heading', { name: 'No versions' }).waitFor();
    await versions.getByRole('button', { name: 'Link a version…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a version' });
    await dialog.getByRole('searchbox', { name: 'Find a source' }).fill('concert attack');
    await dialog.getByRole('button', { name: /^Link “Russia’s security services/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await versions.locator(`.version-item[data-source-id="${s001}"]`).waitFor();
    const rel = (await api.sourceRelations(s000)).relations[0]!;
    assert.equal(rel.origin, 'manual');
    assert.equal(rel.dismissed, false);
  });
});
