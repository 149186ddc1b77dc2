// `npm run screenshots -- DIR`: PNGs of the main views with the seeds loaded,
// taken through the browser harness (headless Chromium, real back end).
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openLectern } from '../test/e2e/harness.ts';
import { dropFiles, fileFromDisk, selectInReader } from '../test/e2e/helpers.ts';
import { CORPUS, SEED_000, SEED_001 } from '../test/helpers/tmp.ts';

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
