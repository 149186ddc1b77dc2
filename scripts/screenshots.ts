// `npm run screenshots -- DIR`: PNGs of the main views with the seeds loaded,
// taken through the browser harness (headless Chromium, real back end).
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openLectern } from '../test/e2e/harness.ts';
import { dropFiles, fileFromDisk, selectInReader, showNotes, showAnnotations } from '../test/e2e/helpers.ts';
import { CORPUS, SEED_000, SEED_001 } from '../test/helpers/tmp.ts';
import { citationFor } from '../common/citation.ts';

const dir = resolve(process.argv[2] ?? 'screenshots');
mkdirSync(dir, { recursive: true });
const viewport = { width: 1440, height: 900 };

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(250); // let transitions settle
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
};

async function annotate(page: Page, needle: string, color: string, comment: string, tags: string[]) {
  await selectInReader(page, needle);
  const pop = page.getByRole('dialog', { name: 'New annotation' });
  await pop.getByRole('radio', { name: color }).click();
  if (comment) await pop.getByLabel('Comment').fill(comment);
  for (const t of tags) { await pop.getByLabel('Add tag').fill(t); await pop.getByLabel('Add tag').press('Enter'); }
  await pop.getByRole('button', { name: 'Save' }).click();
  await pop.waitFor({ state: 'detached' });
}

const l = await openLectern({ viewport });
try {
  const { page } = l;
  await shot(page, '1-empty-library');

  await dropFiles(page, [fileFromDisk(SEED_000), fileFromDisk(SEED_001), { name: 'scan-of-page-3.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) }]);
  const summary = page.getByRole('dialog', { name: 'Import finished' });
  await summary.waitFor();
  await shot(page, '4-import-summary');
  await summary.getByRole('button', { name: 'Close', exact: true }).click();

  // a fuller library: some of the BBC corpus next to the seeds
  const business = join(CORPUS, 'business');
  await l.api.importPaths(readdirSync(business).sort().slice(0, 24).map((f) => join(business, f)));
  await l.reload();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').nth(20).waitFor();
  await shot(page, '2-library');

  const seed1 = (await l.api.listSources()).find((s) => s.title.startsWith('Russia’s'))!;
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: seed1.title }).click();
  await annotate(page, 'the documents showed ethnic Tajiks radicalized by ISIS-K', 'yellow', 'Who knew what, and when: the core claim.', ['actors/ISIS-K', 'evidence']);
  await annotate(page, 'radicalized by ISIS-K – the Central Asian offshoot', 'blue', '', ['actors/ISIS-K']);
  await annotate(page, 'members of the Security Council received a warning', 'green', 'Compare with the wording in the derivative.', ['warnings']);
  await annotate(page, 'incendiary devices', 'pink', '', []);
  await page.mouse.click(700, 30);
  await shot(page, '3-reader-highlights');

  await page.getByRole('searchbox', { name: 'Search' }).fill('Cologne');
  await page.getByRole('listbox', { name: 'Sources found' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await page.locator('.flash').first().waitFor();
  await shot(page, '5-search-results');
  await page.getByRole('searchbox', { name: 'Search' }).fill('');

  // versions (issue 9): 000 beside 001 at the Colony / Cologne row, the review of 001's annotations carried to 000, a citation's "also in"
  const seed0 = (await l.api.listSources()).find((s) => s.title.startsWith('THE Kremlin'))!;
  await l.api.linkSources(seed0.id, seed1.id); // detection found them at import; confirmed, so the shot does not rest on it
  await l.reload();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: seed0.title }).click();
  await page.getByRole('region', { name: 'Versions' }).locator(`.version-item[data-source-id="${seed1.id}"]`).getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('region', { name: 'Compare versions' });
  await compare.getByRole('table').getByRole('row').nth(2).waitFor();
  for (let i = 0; i < 40 && !(await compare.locator('.cmp-row.current').innerText().catch(() => '')).includes('Colony'); i++) await page.keyboard.press('n');
  await shot(page, '7-compare-view');
  await compare.getByRole('button', { name: 'Carry annotations…' }).click();
  const carry = page.getByRole('dialog', { name: 'Carry annotations' });
  await carry.getByRole('radio').first().waitFor();
  await carry.getByRole('button', { name: /^Carry \d+ annotations?$/ }).click();
  const review = page.getByRole('region', { name: /^Carried from/ });
  await review.getByRole('list', { name: 'Carried annotations' }).getByRole('listitem').first().waitFor();
  await shot(page, '8-review-list');
  await review.getByRole('button', { name: 'Done' }).click();
  await compare.getByRole('button', { name: 'Close the comparison' }).click();
  const s1 = await l.api.getSource(seed1.id);
  const at = Array.from(s1.text.slice(0, s1.text.indexOf('the Central Asian offshoot'))).length;
  const cited = (await l.api.listAnnotations(seed1.id)).find((a) => a.start <= at && a.end >= at)!;
  await l.api.createNote({ title: 'Who is ISIS-K?', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
    { type: 'text', text: 'The documents call ISIS-K ' }, { type: 'citation', attrs: citationFor(s1, cited.start, cited.end, cited.id) },
    { type: 'text', text: '; the derivative words it otherwise.' }] }] } });
  await l.reload();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: seed1.title }).click();
  await showNotes(page);
  await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Who is ISIS-K/ }).click();
  await page.waitForFunction(() => (document.querySelector('.note-editor cite') as HTMLElement | null)?.dataset.status === 'ok');
  await page.locator('.note-editor cite.lectern-citation').hover();
  await page.getByRole('dialog', { name: 'Citation' }).locator('.also-in-item').first().waitFor();
  await shot(page, '9-also-in');
  await page.mouse.move(700, 30);
  await showAnnotations(page);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Theme').selectOption('dark');
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /^Go to passage: the documents/ }).click();
  await page.waitForTimeout(1800); // the flash fades
  await shot(page, '6-dark-theme');
  if (l.errors.length) console.error('console errors:', l.errors);
} finally {
  await l.close();
}
