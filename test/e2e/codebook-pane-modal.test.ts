// The codebook over the rows of a narrow Annotations view (1024×700) is a
// modal pane: Tab and Shift+Tab from its ends stay inside it, what is behind
// is out of reach, Escape closes it and focus goes back to the Codebook
// button. In the wide layout it is a side pane Tab goes through as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { until } from './helpers.ts';

async function seeded(l: Lectern) {
  const { imported } = await l.api.importPaths([SEED_000, SEED_001]);
  for (const [i, s] of imported.entries()) {
    await l.api.createAnnotation({ sourceId: s.id, start: 0, end: 10, tags: [`theme/${i}`, 'method'] });
    await l.api.createAnnotation({ sourceId: s.id, start: 20, end: 30, tags: ['place'] });
  }
  await l.reload();
  await l.page.getByRole('banner').getByRole('button', { name: 'Annotations', exact: true }).click();
  await l.page.locator('.av-row .av-exact').first().waitFor();
}

/** Where focus is: inside the codebook pane or not, and what it is. */
const focusAt = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { inPane: !!el?.closest('#av-codebook'), text: (el?.getAttribute('aria-label') ?? el?.textContent ?? el?.tagName ?? '').trim() };
});

test('narrow: the codebook pane keeps focus inside, Escape closes it and focus goes back to the Codebook button', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    const toggle = page.getByRole('region', { name: 'Annotations across the library' }).getByRole('button', { name: 'Codebook', exact: true });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const pane = page.locator('#av-codebook');
    await pane.waitFor();
    // focus moves into the pane once it is drawn (a frame after it appears)
    await until('focus in the pane', async () => (await focusAt(page)).inPane);
    assert.deepEqual(await focusAt(page), { inPane: true, text: 'All annotations' });
    const stops = await pane.evaluate((el) => [...el.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')]
      .filter((e) => e.tabIndex >= 0 && e.checkVisibility()).length);
    assert.ok(stops >= 5, `the pane has its controls (${stops})`);
    // round the pane and past its end twice: every stop is inside it
    const seen = new Set<string>();
    for (let i = 0; i < stops * 2 + 2; i++) {
      await page.keyboard.press('Tab');
      const at = await focusAt(page);
      assert.ok(at.inPane, `Tab ${i + 1} left the pane for “${at.text}”`);
      seen.add(at.text);
    }
    assert.ok(seen.has('Close the codebook') && seen.has('All annotations'), `Tab wrapped round the pane: ${[...seen].join(' | ')}`);
    // Shift+Tab from the first control goes to the last, not behind
    await pane.getByRole('button', { name: 'Close the codebook' }).focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focusAt(page)).inPane, true, 'Shift+Tab from the first control stays inside');
    // what is behind is out of reach of the keyboard and of assistive technology
    assert.equal(await page.getByRole('dialog', { name: 'Codebook' }).getAttribute('aria-modal'), 'true');
    assert.equal(await page.locator('section.av-main').evaluate((el) => (el as HTMLElement).inert), true);

    await page.keyboard.press('Escape');
    await pane.waitFor({ state: 'hidden' });
    assert.ok(await page.getByRole('region', { name: 'Annotations across the library' }).isVisible(), 'Escape closed the pane, not the view');
    assert.deepEqual(await focusAt(page), { inPane: false, text: 'Codebook' });
    assert.equal(await page.locator('section.av-main').evaluate((el) => (el as HTMLElement).inert), false, 'the rows are back');
    // and once closed, Tab goes on through the view
    await page.keyboard.press('Tab');
    assert.notEqual((await focusAt(page)).text, 'Codebook');

    // a pick closes it too; × with the mouse gives focus back to the button as well
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await pane.waitFor();
    await pane.getByRole('button', { name: 'Close the codebook' }).click();
    await pane.waitFor({ state: 'hidden' });
    assert.deepEqual(await focusAt(page), { inPane: false, text: 'Codebook' });
    assert.deepEqual(l.errors, []);
  });
});

test('wide: the codebook is a side pane, not a modal: Tab from its last control reaches the rows', async () => {
  await withLectern({ viewport: { width: 1440, height: 900 } }, async (l) => {
    const { page } = l;
    await seeded(l);
    const codebook = page.getByRole('navigation', { name: 'Codebook' });
    await codebook.waitFor();
    assert.equal(await page.getByRole('dialog', { name: 'Codebook' }).count(), 0, 'no modal');
    await codebook.getByRole('button', { name: /^place/ }).click();
    const last = await page.locator('#av-codebook').evaluate((el) => {
      const all = [...el.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].filter((e) => e.tabIndex >= 0 && e.checkVisibility() && !(e as HTMLButtonElement).disabled);
      all.at(-1)!.focus();
      return all.at(-1)!.textContent;
    });
    assert.ok(last !== null);
    await page.keyboard.press('Tab');
    assert.equal((await focusAt(page)).inPane, false, 'Tab left the side pane for the view');
    assert.equal(await page.locator('section.av-main').evaluate((el) => (el as HTMLElement).inert), false);
    assert.deepEqual(l.errors, []);
  });
});
