// The source's details above the reader text: one line by default (title,
// publisher, date), so the text starts at the top of a small window; opened
// on request, and that choice is remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('source header: one line at 1024×700, the text right under it; Details opens the fields and file facts, remembered across reloads', async () => {
  await withLectern({ viewport: { width: 1024, height: 700 } }, async (l) => {
    const { page, api } = l;
    const id = (await api.importPaths([SEED_001])).imported[0]!.id;
    const src = await api.updateSource(id, { publisher: 'CNN', published: '2024-03-30' });
    await l.reload();
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: src.title }).click();
    const header = page.locator('header[aria-label="Source details"]');
    await header.waitFor();

    const layout = () => page.evaluate(() => {
      const sc = document.querySelector('.reader-scroll')!.getBoundingClientRect();
      const h = document.querySelector('header.meta')!.getBoundingClientRect();
      const p = document.querySelector('[role="document"] p')!.getBoundingClientRect();
      return { header: h.height, textTop: p.top - sc.top, viewport: sc.height };
    });
    const closed = await layout();
    assert.ok(closed.header <= 56, `the header is one line (${closed.header}px)`);
    assert.ok(closed.textTop < closed.viewport / 4, `the text starts near the top (${closed.textTop}px of ${closed.viewport}px)`);
    assert.equal(await header.getByText(src.sha256).isVisible(), false, 'the file facts are folded away');
    assert.match(await header.innerText(), /CNN · 2024-03-30/);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), src.title, 'the title stays editable on the one line');

    const toggle = header.getByRole('button', { name: 'Details' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await header.getByText(src.sha256).waitFor();
    assert.equal(await page.getByLabel('Publisher').inputValue(), 'CNN');

    await l.reload();
    await header.getByText(src.sha256).waitFor();
    await header.getByRole('button', { name: 'Details' }).press('Enter');
    assert.equal(await header.getByRole('button', { name: 'Details' }).getAttribute('aria-expanded'), 'false');
    await l.reload();
    await header.waitFor();
    assert.equal(await header.getByRole('button', { name: 'Details' }).getAttribute('aria-expanded'), 'false');
    assert.equal(await header.getByText(src.sha256).isVisible(), false);
  });
});
