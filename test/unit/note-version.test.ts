// The note schema version: stored with every note, older docs migrated when
// read, newer or unreadable ones read-only, and never written over by the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE_MIGRATIONS, NOTE_SCHEMA_VERSION, migrateNoteJson, type NoteMigration } from '../../common/note-version.ts';
import { readNoteDoc } from '../../common/note-parse.ts';
import type { PmJson } from '../../common/note-doc.ts';
import { ApiError } from '../../common/types.ts';
import { withApi } from '../helpers/api.ts';

const para = (text: string): PmJson => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const docOf = (...texts: string[]): PmJson => ({ type: 'doc', content: texts.map(para) });
/** A parsed doc as plain JSON (attrs objects have no prototype). */
const json = (n: { toJSON(): unknown }) => JSON.parse(JSON.stringify(n.toJSON())) as unknown;

test('the version this build writes follows from its migrations', () => {
  assert.equal(NOTE_SCHEMA_VERSION, NOTE_MIGRATIONS.length + 1);
  assert.ok(Number.isSafeInteger(NOTE_SCHEMA_VERSION) && NOTE_SCHEMA_VERSION >= 1);
});

test('an older doc is migrated step by step when read, and opens editable', () => {
  // a build at version 3: v1 called paragraphs "para", v2 wrote headings as paragraphs starting with "# "
  const migrations: NoteMigration[] = [
    (d) => ({ ...d, content: d.content?.map((n) => (n.type === 'para' ? { ...n, type: 'paragraph' } : n)) }),
    (d) => ({ ...d, content: d.content?.map((n) => (n.content?.[0]?.text?.startsWith('# ')
      ? { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: n.content[0].text.slice(2) }] } : n)) }),
  ];
  const v1 = { type: 'doc', content: [{ type: 'para', content: [{ type: 'text', text: '# Title' }] }, { type: 'para', content: [{ type: 'text', text: 'body' }] }] };
  const expected = { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Title' }] }, para('body')] };
  assert.deepEqual(migrateNoteJson(v1, 1, migrations), expected);
  assert.deepEqual(migrateNoteJson(docOf('# Title', 'body'), 2, migrations), expected, 'a v2 doc takes only the second step');
  assert.deepEqual(migrateNoteJson(expected, 3, migrations), expected, 'a current doc is left as it is');
  const read = readNoteDoc({ doc: v1, schemaVersion: 1, text: 'Title\nbody' }, migrations);
  assert.equal(read.readOnly, null);
  assert.deepEqual(json(read.doc), expected);
  assert.equal(v1.content[0]!.type, 'para', 'the stored doc is not changed');
});

test('a doc of this version opens editable, as stored', () => {
  const read = readNoteDoc({ doc: docOf('one', 'two'), schemaVersion: NOTE_SCHEMA_VERSION, text: 'one\ntwo' });
  assert.equal(read.readOnly, null);
  assert.deepEqual(json(read.doc), docOf('one', 'two'));
});

test('a newer doc opens read-only: as it parses, or as its plain text when it holds what this build does not know', () => {
  const newer = NOTE_SCHEMA_VERSION + 1;
  const same = readNoteDoc({ doc: docOf('fits'), schemaVersion: newer, text: 'fits' });
  assert.match(same.readOnly!, new RegExp(`newer version of Lectern \\(note format ${newer}; this version reads up to ${NOTE_SCHEMA_VERSION}\\)`));
  assert.deepEqual(json(same.doc), docOf('fits'));
  const unknown = readNoteDoc({ doc: { type: 'doc', content: [{ type: 'table', content: [] }] }, schemaVersion: newer, text: 'cell one\ncell two' });
  assert.match(unknown.readOnly!, /newer version.*Only its text is shown/);
  assert.deepEqual(json(unknown.doc), docOf('cell one', 'cell two'));
});

test('a doc that does not parse, or has no valid version, opens read-only as its plain text', () => {
  for (const doc of [{ type: 'doc', content: [{ type: 'image' }] }, 'garbage', null, { type: 'paragraph' }]) {
    const read = readNoteDoc({ doc, schemaVersion: NOTE_SCHEMA_VERSION, text: 'what was written' });
    assert.match(read.readOnly!, /could not be read .*nothing is saved over it/, JSON.stringify(doc));
    assert.deepEqual(json(read.doc), docOf('what was written'));
  }
  for (const schemaVersion of [0, -1, 1.5, Number.NaN]) {
    const read = readNoteDoc({ doc: docOf('x'), schemaVersion, text: 'x' });
    assert.match(read.readOnly!, /no valid schema version/, String(schemaVersion));
  }
  assert.deepEqual(json(readNoteDoc({ doc: null, schemaVersion: 1, text: '' }).doc), { type: 'doc', content: [{ type: 'paragraph' }] });
});

test('every note is stored with the version; updateNote never writes over a note of a newer version', async () => {
  await withApi(async ({ api, store }) => {
    const note = await api.createNote({ title: 'Kept', doc: docOf('written by a newer Lectern') });
    assert.equal(note.schemaVersion, NOTE_SCHEMA_VERSION);
    assert.equal((await api.getNote(note.id)).schemaVersion, NOTE_SCHEMA_VERSION);
    const updated = await api.updateNote(note.id, { doc: docOf('still ours') });
    assert.equal(updated.schemaVersion, NOTE_SCHEMA_VERSION);

    // a newer Lectern saved it since, with a node this build does not know
    const newerDoc = JSON.stringify({ type: 'doc', content: [{ type: 'table', content: [] }] });
    store.db.prepare('UPDATE notes SET schema_version = ?, doc = ? WHERE id = ?').run(NOTE_SCHEMA_VERSION + 1, newerDoc, note.id);
    const isReadOnly = (e: unknown) => e instanceof ApiError && e.code === 'note-read-only' && /newer version of Lectern/.test(e.message);
    await assert.rejects(api.updateNote(note.id, { doc: docOf('overwritten') }), isReadOnly);
    await assert.rejects(api.updateNote(note.id, { title: 'Renamed' }), isReadOnly);
    const after = await api.getNote(note.id);
    assert.deepEqual([after.title, JSON.stringify(after.doc), after.schemaVersion], ['Kept', newerDoc, NOTE_SCHEMA_VERSION + 1]);

    // the store checks the version in the same statement that writes (another process may have upgraded the note meanwhile)
    assert.equal(store.notes.update(note.id, { title: 'x', doc: docOf('x'), text: 'x', citations: [] }), undefined);
    assert.equal(JSON.stringify(store.notes.get(note.id)!.doc), newerDoc);
  });
});
