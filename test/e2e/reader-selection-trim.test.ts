import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLectern } from './harness.ts';
import { importAndOpen, until } from './helpers.ts';
import { SEED_001 } from '../helpers/tmp.ts';

test('a keyboard selection in the reader (Ctrl+Shift+arrows) becomes an annotation without the spaces at its edges', async () => {
  await withLectern(async (l) => {
    const { source } = await importAndOpen(l, [SEED_001]);
    const { page, api } = l;
    await page.locator('[role="document"][aria-label^="Text of"]').focus();
    for (let i = 0; i < 2; i++) await page.keyboard.press('Control+ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    const selected = await page.evaluate(() => window.getSelection()!.toString());
    assert.match(selected, /^\s|\s$/, `word by word the selection takes a space at an edge (got ${JSON.stringify(selected)})`);
    await page.keyboard.press('h');
    await until('the highlight is made', async () => (await api.listAnnotations(source.id)).length === 1);
    const [a] = await api.listAnnotations(source.id);
    assert.equal(a!.exact, selected.trim());
    assert.equal([...source.text].slice(a!.start, a!.end).join(''), selected.trim(), 'the stored range is the trimmed text');
  });
});
