import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withLectern } from './harness.ts';
import { dropFiles, fileFromDisk } from './helpers.ts';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';

const seeds = () => [fileFromDisk(SEED_000), fileFromDisk(SEED_001)];

test('dropping the two seeds lists both with a correct summary; dropping them again reports duplicates', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await page.getByText('Drop text files here').first().waitFor();
    await dropFiles(page, seeds());
    const dialog = page.getByRole('dialog', { name: 'Import finished' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /2\s+imported · 0\s+duplicates · 0\s+failed/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Sources' });
    await list.getByRole('option').nth(1).waitFor();
    const titles = await list.getByRole('option').allInnerTexts();
    assert.equal(titles.length, 2);
    assert.ok(titles.some((t) => t.startsWith('Russia’s security services knew of ISIS threat')), titles.join('\n'));
    assert.ok(titles.some((t) => t.startsWith('THE Kremlin security services') && t.includes('2024-03-30')), titles.join('\n'));

    await dropFiles(page, seeds());
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /0\s+imported · 2\s+duplicates · 0\s+failed/);
    // a duplicate's link opens the existing source
    const sources = await l.api.listSources();
    const seed1 = sources.find((s) => s.title.startsWith('Russia’s'))!;
    await dialog.getByRole('button', { name: seed1.title }).click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), seed1.title);
    assert.equal((await l.api.listSources()).length, 2);
  });
});

test('dropping 300 corpus files shows increasing progress and lists them all', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const files = [];
    for (const dir of ['business', 'entertainment']) {
      for (const f of readdirSync(join(CORPUS, dir)).sort()) files.push(fileFromDisk(join(CORPUS, dir, f), `${dir}/${f}`));
    }
    const drop = files.slice(0, 300);
    // record every value the progress bar shows
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (bar) {
          const v = `${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')}`;
          if (seen[seen.length - 1] !== v) seen.push(v);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await dropFiles(page, drop);
    const dialog = page.getByRole('dialog', { name: 'Import finished' });
    await dialog.waitFor({ timeout: 120_000 });
    assert.match(await dialog.innerText(), /300\s+imported · 0\s+duplicates · 0\s+failed/);
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    const pairs = seen.map((s) => s.split('/').map(Number) as [number, number]);
    assert.ok(pairs.length >= 5, `progress values seen: ${seen.join(' ')}`);
    for (const [, total] of pairs) assert.equal(total, 300);
    for (let i = 1; i < pairs.length; i++) assert.ok(pairs[i]![0] > pairs[i - 1]![0], `not increasing: ${seen.join(' ')}`);
    assert.ok(pairs[pairs.length - 1]![0] >= 280, `last progress ${seen[seen.length - 1]}`);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    // the list is windowed (only the rows in view are in the DOM): its count line says it holds all 300
    await page.waitForFunction(() => document.querySelector('.library-count')?.textContent?.startsWith('300 sources'));
    assert.equal((await l.api.listSources()).length, 300);
  });
});

test('a PNG and an empty file are reported with reasons and change nothing', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await dropFiles(page, seeds());
    const dialog = page.getByRole('dialog', { name: 'Import finished' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const before = await l.api.listSources();

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    await dropFiles(page, [{ name: 'figure.png', bytes: png, type: 'image/png' }, { name: 'empty.txt', bytes: new Uint8Array(0), type: 'text/plain' }]);
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /0\s+imported · 0\s+duplicates · 2\s+failed/);
    const failed = dialog.getByRole('region', { name: 'Failed' });
    const items = await failed.getByRole('listitem').allInnerTexts();
    assert.equal(items.length, 2);
    const png1 = items.find((t) => t.startsWith('figure.png'));
    const empty1 = items.find((t) => t.startsWith('empty.txt'));
    assert.ok(png1 && png1.length > 'figure.png: '.length + 5, items.join('\n'));
    assert.ok(empty1 && /empty/i.test(empty1), items.join('\n'));
    assert.deepEqual((await l.api.listSources()).map((s) => s.id).sort(), before.map((s) => s.id).sort());
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    assert.equal(await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').count(), 2);
  });
});
