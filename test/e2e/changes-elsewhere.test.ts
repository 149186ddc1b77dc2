// The CLI writing to the library the app has open (two processes on one
// library is normal use): the app shows what it did without a reload — a tag
// renamed in the codebook and the Annotations view's rows, a source imported
// in the library list, an annotation added in the open source's side panel.
// (A new-user trial renamed a tag from the CLI and the codebook kept the old
// name until a reload; deleting it from there then failed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, withLectern } from './harness.ts';
import { until } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import { cpRange } from './compare-helpers.ts';

const CLI = join(ROOT, 'dist', 'electron', 'cli.mjs');
const BUSINESS = join(ROOT, '..', 'shared', 'corpus', 'bbc-news', 'business');
const CORPUS_FILE = join(BUSINESS, readdirSync(BUSINESS).filter((f) => f.endsWith('.txt')).sort()[0]!);

function lectern(db: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `lectern ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('changes made by the CLI show in the open app without a reload', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    const r = await api.importPaths([SEED_001, SEED_000]);
    const [s001, s000] = [SEED_001, SEED_000].map((p) => r.imported.find((i) => i.path === p)!.id) as [string, string];
    await api.createAnnotation({ sourceId: s001, start: 0, end: 20, color: 'green', comment: '', tags: ['actors/us'] });
    const at = cpRange((await api.getSource(s000)).text, 'Moscow');
    await api.createAnnotation({ sourceId: s000, ...at, color: 'blue', comment: 'from another process', tags: [] });
    await l.reload();
    const title = (await api.getSource(s001)).title;
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
    await page.locator('[data-reader]').waitFor();

    // the codebook and the rows of the Annotations view follow a rename made by the CLI
    await page.getByRole('button', { name: 'Annotations', exact: true }).click();
    const codebook = page.getByRole('navigation', { name: 'Codebook' });
    await until('the codebook lists "us"', async () => /\bus\b/.test(await codebook.innerText()));
    lectern(l.dbPath, 'tag', 'rename', 'actors/us', 'actors/usa');
    await until('the codebook follows the rename', async () => /\busa\b/.test(await codebook.innerText()), 15_000);
    assert.doesNotMatch(await codebook.innerText(), /\bus\b/, 'the old name is gone');
    await until('the rows follow', async () => (await page.locator('.main-view:not([hidden])').innerText()).includes('actors/usa'), 15_000);

    // the library lists a source the CLI imported
    lectern(l.dbPath, 'import', CORPUS_FILE);
    await until('the library lists the imported source', async () => (await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').count()) === 3, 15_000);

    // the open source's side panel shows an annotation the CLI put on it
    await page.getByRole('button', { name: 'Annotations', exact: true }).click();
    const file = join(l.exportDir, 'from-000.jsonld');
    lectern(l.dbPath, 'export', 'annotations', '--source', s000, '-o', file);
    lectern(l.dbPath, 'import', '--annotations', file, '--source', s001);
    await until('the side panel shows it', async () => (await page.locator('#panel-annotations').innerText()).includes('from another process'), 15_000);
    assert.deepEqual(l.errors, []);
  });
});
