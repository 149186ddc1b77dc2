// findSourcesByTitle, the Annotations view's source picker: every word typed
// in the title (the last a prefix), titles starting with the text first,
// trashed sources left out, a bounded answer that says when there is more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { validated } from '../../electron/dispatch.ts';
import { tempDir } from '../helpers/tmp.ts';

test('findSourcesByTitle: words of the title, the last a prefix; starts-with first; no trashed; bounded with "more"', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  const api = validated(createApi({ store }));
  try {
    const titles = ['Bank of England raises rates', 'England win the cup', 'New England storms', 'Engine trouble', 'The bank of Italy',
      ...Array.from({ length: 30 }, (_, i) => `Market report ${i + 1}`)];
    const { imported } = await api.importFiles(titles.map((t, i) => ({ name: `${i}.txt`, bytes: new TextEncoder().encode(`${t}\n\nBody ${i} text.\n`) })));
    const id = (title: string) => imported[titles.indexOf(title)]!.id;
    const names = async (text: string, limit?: number) => (await api.findSourcesByTitle(text, limit)).items.map((s) => s.title);

    assert.deepEqual(await names('bank of eng'), ['Bank of England raises rates']);
    assert.deepEqual(await names('eng'), ['Engine trouble', 'England win the cup', 'Bank of England raises rates', 'New England storms'],
      'titles that start with it first (by title), then the other titles with a word that starts with it (by title)');
    assert.deepEqual(await names('BANK'), ['Bank of England raises rates', 'The bank of Italy'], 'case ignored');
    assert.deepEqual(await names('storms new'), ['New England storms'], 'every word, in any order');
    assert.deepEqual(await names('AND ('), [], 'search syntax is only words');
    assert.deepEqual(await api.findSourcesByTitle('   '), { items: [], more: false });
    const market = await api.findSourcesByTitle('market', 10);
    assert.equal(market.items.length, 10);
    assert.equal(market.more, true);
    assert.deepEqual(market.items.slice(0, 3).map((s) => s.title), ['Market report 1', 'Market report 2', 'Market report 3'], 'numbers in numeric order');
    assert.equal((await api.findSourcesByTitle('market', 50)).more, false);
    await api.deleteSource(id('Engine trouble'));
    assert.ok(!(await names('eng')).includes('Engine trouble'), 'a trashed source is not offered');
    await assert.rejects(api.findSourcesByTitle('x', 1000), /<=100/);
  } finally { store.close(); cleanup(); }
});
