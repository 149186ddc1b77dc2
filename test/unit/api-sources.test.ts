import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

test('deleting a source takes its annotations; undo restores both as they were, still searchable', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'a.db'));
  try {
    const api = createApi({ store });
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    const seed1 = imported.find((i) => i.path === SEED_001)!;
    const a = await api.createAnnotation({ sourceId: seed1.id, start: 0, end: 6, comment: 'lede', tags: ['framing/headline'] });
    const deleted = await api.deleteSource(seed1.id);
    assert.equal(deleted.source.id, seed1.id);
    assert.deepEqual(deleted.annotations.map((x) => x.id), [a.id]);
    assert.equal((await api.listSources()).length, 1);
    assert.deepEqual(await api.search('lede'), []);
    assert.deepEqual(await api.listTags(), [], 'unused tags go with it');
    await assert.rejects(api.getSource(seed1.id), /No source/);

    const restored = await api.restoreSource(deleted);
    assert.deepEqual(restored, deleted.source);
    assert.deepEqual(await api.listAnnotations(seed1.id), deleted.annotations);
    assert.deepEqual((await api.search('lede')).map((h) => h.id), [a.id]);
    assert.ok((await api.search('"Dossier Center"')).some((h) => h.id === seed1.id), 'the restored text is indexed again');
    await assert.rejects(api.restoreSource(deleted), /already exists/);
    assert.deepEqual(store.db.pragma('foreign_key_check'), []);
  } finally {
    store.close();
    cleanup();
  }
});
