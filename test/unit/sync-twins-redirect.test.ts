// A note pulled from another machine is pointed at the sources kept here
// (electron/sync/twins.ts) only when it cites a merged-away one: otherwise it
// is taken as it came, without a copy of its document. Counted by the key
// enumerations of the document's nodes (a copy or a serialisation enumerates
// every node's keys; reading the citations in place enumerates none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { createTwins, repointCitations } from '../../electron/sync/twins.ts';
import type { NoteRecord } from '../../db/sync-rows.ts';
import { tempDir } from '../helpers/tmp.ts';

/** The doc with every object wrapped so that enumerating its keys is counted. */
function counted(value: unknown, count: { keys: number }): unknown {
  if (!value || typeof value !== 'object') return value;
  const inner: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? value.map((v) => counted(v, count))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, counted(v, count)]));
  return new Proxy(inner, { ownKeys(t) { count.keys++; return Reflect.ownKeys(t); } });
}

const cite = (sourceId: string, n: number) => ({ type: 'citation', attrs: { sourceId, annotationId: `ann${n}`, start: 0, end: 5, exact: 'words', sha256: null } });
const doc = (...sourceIds: string[]) => ({
  type: 'doc',
  content: Array.from({ length: 200 }, (_, i) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `Paragraph ${i} `, marks: [{ type: 'em' }] }, ...(i % 50 === 0 ? sourceIds.map((s, j) => cite(s, i + j)) : [])],
  })),
});
const note = (d: unknown): NoteRecord => ({ id: 'note1', title: 'Pulled', doc: d, author: 'b', created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z', deletedAt: null });

test('a pulled note citing no merged-away source is taken as it came, its document not copied; one citing one is pointed at the kept source', () => {
  const { dir, cleanup } = tempDir('lectern-twins-redirect-');
  const store = openStore(join(dir, 'lib.db'));
  try {
    const { redirect } = createTwins(store);
    const count = { keys: 0 };
    const plain = note(counted(doc('srcA', 'srcB'), count));
    const same = redirect.note(plain);
    assert.equal(same.changed, false);
    assert.equal(same.record, plain, 'the record as it came');
    assert.equal(count.keys, 0, 'no node of the document was copied or serialised');

    // srcB was merged into srcK here: only then is the document copied, and pointed at srcK
    store.syncRows.twins.record('srcB', 'srcK');
    const merged = redirect.note(note(doc('srcA', 'srcB')));
    assert.equal(merged.changed, true);
    assert.deepEqual(merged.record.doc, doc('srcA', 'srcK'));
    assert.deepEqual(merged.record.doc, repointCitations(doc('srcA', 'srcB'), (id) => (id === 'srcB' ? 'srcK' : undefined)), 'as the full walk points it');
    const untouched = redirect.note(note(doc('srcA')));
    assert.equal(untouched.changed, false);
    assert.deepEqual(untouched.record.doc, doc('srcA'));
  } finally {
    store.close();
    cleanup();
  }
});
