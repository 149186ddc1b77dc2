// The library's first page is shown as soon as it arrives, even when the app's
// start-up refresh (a version bump) came while it was on its way: it used to
// be dropped and asked for again, one more round trip on the first frame
// (bench:library's first frame at 100,000 sources). The next listSources is
// held until the rows are on screen: they can only come from the first answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { SEED_000 } from '../helpers/tmp.ts';

test('library: the first page answered after the start-up refresh is shown, not dropped for a second request', () => withLectern(async (l) => {
  const { page, api } = l;
  const title = (await api.getSource((await api.importPaths([SEED_000])).imported[0]!.id)).title;
  const first = l.holdNext('listSources');
  const reloading = l.reload();
  await first.reached;
  // the refresh bumps the version: the listing asks again, and that request is held
  const second = l.holdNext('listSources');
  await second.reached;
  first.release();
  try {
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#source-list [aria-busy="true"]').count(), 0, 'no row is left loading');
  } finally {
    second.release();
  }
  await reloading;
}));
