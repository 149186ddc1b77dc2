import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { ApiError } from '../../common/types.ts';
import { SEED_001, tempDir } from '../helpers/tmp.ts';

test('note handlers validate docs against the schema and keep text, citations and backlinks in step', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'a.db'));
  try {
    const api = createApi({ store });
    const src = (await api.importPaths([SEED_001])).imported[0]!;
    const source = await api.getSource(src.id);
    const cite = { sourceId: src.id, start: 0, end: 6, exact: Array.from(source.text).slice(0, 6).join(''), sha256: source.sha256, annotationId: null, sourceTitle: source.title };
    const bad = async (doc: unknown) => {
      await assert.rejects(api.createNote({ title: 'x', doc }), (e: unknown) => e instanceof ApiError && e.code === 'invalid-note');
    };
    await bad({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] });
    await bad({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] });
    await bad({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'citation', attrs: { ...cite, sourceId: '' } }] }] });
    assert.equal((await api.listNotes()).length, 0, 'nothing stored');

    const note = await api.createNote({ title: 'Good', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, { type: 'citation', attrs: cite }] }] } });
    assert.equal(note.text, `See “${cite.exact}”`);
    assert.deepEqual(await api.backlinks(src.id), [{ noteId: note.id, title: 'Good' }]);
    await assert.rejects(api.updateNote(note.id, { doc: { type: 'nope' } }), (e: unknown) => e instanceof ApiError && e.code === 'invalid-note');
    const updated = await api.updateNote(note.id, { doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'no more citations' }] }] } });
    assert.equal(updated.text, 'no more citations');
    assert.deepEqual(await api.backlinks(src.id), [], 'citations table follows the saved doc');
    const hits = await api.search('citations');
    assert.ok(hits.some((h) => h.kind === 'note' && h.id === note.id), 'notes are in the library search');
  } finally {
    store.close();
    cleanup();
  }
});
