// An orphaned annotation (its passage was not found in this text) never paints
// text and cannot be opened from the text; the side panel lists it with its
// quote, marked orphaned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

/** Passages of seed 001 that seed 000 does not have. */
const ONLY_IN_001 = ['incendiary devices', 'Shocking footage of the attack showed how victims fled', 'Three pleaded guilty, according to Russian media.'];
const cpIndex = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

test('orphans: W3C annotations of 001 imported onto 000 paint nothing where they do not belong; the panel lists them as orphaned', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_000, SEED_001]);
    const id0 = r.imported.find((i) => i.path === SEED_000)!.id;
    const id1 = r.imported.find((i) => i.path === SEED_001)!.id;
    const s0 = await api.getSource(id0);
    const s1 = await api.getSource(id1);
    for (const q of ONLY_IN_001) {
      const start = cpIndex(s1.text, q);
      await api.createAnnotation({ sourceId: id1, start, end: start + Array.from(q).length });
    }
    // one that 000 has too, so something is painted
    const shared = 'Mikhail Khodorkovsky';
    const sharedStart = cpIndex(s1.text, shared);
    await api.createAnnotation({ sourceId: id1, start: sharedStart, end: sharedStart + shared.length });
    const file = await api.chooseSavePath('001.annotations.jsonld');
    assert.ok(file);
    await api.exportAnnotations(id1, file);
    await l.reload();

    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: s0.title }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import annotations…' }).click();
    await (await chooser).setFiles(file);
    const summary = page.getByRole('dialog', { name: 'Annotations imported' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /3\s+orphaned/);
    await summary.getByRole('button', { name: 'OK' }).click();

    const anns = await api.listAnnotations(id0);
    const orphans = anns.filter((a) => a.status === 'orphaned');
    const placed = anns.filter((a) => a.status !== 'orphaned');
    assert.equal(orphans.length, 3);
    assert.equal(placed.length, 1);
    await page.locator(`mark[data-annotation-id="${placed[0]!.id}"]`).first().waitFor();
    assert.equal(await page.locator('mark.hl').count(), await page.locator(`mark[data-annotation-id="${placed[0]!.id}"]`).count(), 'only the placed annotation paints');

    for (const o of orphans) {
      assert.equal(await page.locator(`mark[data-annotation-id="${o.id}"]`).count(), 0, `orphan "${o.exact}" paints no text`);
      // where its old (001) offsets fall in 000's text, a click opens no popover
      const text0 = Array.from(s0.text);
      const oldWords = text0.slice(o.start, Math.min(o.end, text0.length)).join('').trim().split(/\s+/)[0]!;
      if (oldWords) {
        const box = await page.evaluate((needle) => {
          const root = document.querySelector('[role="document"]')!;
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = (n as Text).data.indexOf(needle);
            if (i >= 0) {
              const range = document.createRange();
              range.setStart(n, i);
              range.setEnd(n, i + needle.length);
              range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
              const b = range.getBoundingClientRect();
              return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
            }
          }
          return null;
        }, oldWords);
        if (box) {
          await page.mouse.click(box.x, box.y);
          assert.equal(await page.getByRole('dialog', { name: 'Annotation' }).count(), 0, 'no popover opens from the text');
        }
      }
      // listed with its quote, marked orphaned
      const card = page.locator(`li.ann-item[data-annotation-id="${o.id}"]`);
      await card.waitFor();
      const cardText = await card.innerText();
      assert.ok(cardText.includes(o.exact), cardText);
      assert.match(cardText, /orphaned/i);
    }

    // picking an orphan in the panel flashes no text: every flash seen from here on is recorded, then a placed
    // annotation is picked, whose flash (one frame after its reveal) shows the orphan's click is over
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { flashes: string[] }).flashes = []);
      new MutationObserver(() => {
        const t = [...document.querySelectorAll('[role="document"] .flash')].map((e) => e.textContent).join('');
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document.querySelector('[role="document"]')!, { subtree: true, childList: true, attributes: true });
    });
    await page.locator(`li.ann-item[data-annotation-id="${orphans[0]!.id}"] .ann-quote`).click();
    await page.locator(`li.ann-item[data-annotation-id="${placed[0]!.id}"] .ann-quote`).click();
    await page.waitForFunction(() => (window as unknown as { flashes: string[] }).flashes.length > 0);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { flashes: string[] }).flashes), [shared], 'only the placed passage flashed');
  });
});
