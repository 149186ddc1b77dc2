// "Reopen with encoding…" (issue 13.3) through the API: a preview writes
// nothing; a Russian windows-1251 file stored as windows-1252 (mojibake) goes
// back to windows-1251 with its annotations, citations, title and search
// following; undo takes it all back; refusals are clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { withApi } from '../helpers/api.ts';
import type { LecternApi } from '../../common/api.ts';
import type { Store } from '../../db/store.ts';
import { citationFor } from '../../common/citation.ts';
import { citationsOf } from '../../common/note-citations.ts';
import { parseNoteDoc } from '../../common/note-parse.ts';

const RUSSIAN = [
  'Ночь в библиотеке',
  '',
  'Съешь же ещё этих мягких французских булок, да выпей чаю. Старый библиотекарь закрыл читальный зал позже обычного.',
  '',
  'В архиве нашлись письма, которые никто не читал сорок лет. «Их писали от руки», — сказал он корреспонденту.',
  '',
  'Утром письма передали историкам университета.',
  '',
].join('\n');

const cp1251 = (text: string) => new Uint8Array(iconv.encode(text, 'windows-1251'));
/** What windows-1251 bytes read as windows-1252 look like. */
const mojibake = (text: string) => iconv.decode(iconv.encode(text, 'windows-1251'), 'windows-1252');

async function importRussian(api: LecternApi, bytes = cp1251(RUSSIAN), name = 'nochnaya-biblioteka.txt') {
  const r = await api.importFiles([{ name, bytes }]);
  assert.equal(r.failed.length, 0, JSON.stringify(r.failed));
  return r.imported[0]!.id;
}

/** An annotation on the first occurrence of `quote` in the source's text. */
async function annotate(api: LecternApi, sourceId: string, quote: string, comment = '') {
  const { text } = await api.getSource(sourceId);
  const start = [...text.slice(0, text.indexOf(quote))].length;
  assert.ok(text.includes(quote), `"${quote}" is in the text`);
  return api.createAnnotation({ sourceId, start, end: start + [...quote].length, comment });
}

const outbox = (store: Store) => store.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;

test('reencodeOptions ranks windows-1251 first for Russian bytes and lists every encoding once', async () => {
  await withApi(async ({ api }) => {
    const id = await importRussian(api);
    assert.equal((await api.getSource(id)).encoding, 'windows-1251');
    await api.reencodeSource(id, 'windows-1252');
    const o = await api.reencodeOptions(id);
    assert.equal(o.refused, null);
    assert.equal(o.encoding, 'windows-1252');
    assert.equal(o.likely[0]!.encoding, 'windows-1251');
    assert.equal(o.likely[0]!.language, 'ru');
    assert.ok(o.all.some((e) => e.encoding === 'koi8-r' && e.family === 'Cyrillic'));
    assert.equal(new Set(o.all.map((e) => e.encoding)).size, o.all.length);
    assert.deepEqual(o.undo && { from: o.undo.from, to: o.undo.to }, { from: 'windows-1251', to: 'windows-1252' });
  });
});

test('a preview shows the new text and the verdicts and writes nothing', async () => {
  await withApi(async ({ api, store }) => {
    const id = await importRussian(api);
    await api.reencodeSource(id, 'windows-1252');
    await annotate(api, id, mojibake('французских булок'));
    const before = await api.getSource(id);
    const sent = outbox(store);
    const p = await api.reencodeSource(id, 'windows-1251', { preview: true });
    assert.equal(p.preview, true);
    assert.equal(p.head, RUSSIAN.trimEnd() + '\n');
    assert.deepEqual([p.anchored, p.moved, p.orphaned], [1, 0, 0]);
    assert.equal(p.annotations[0]!.exact, 'французских булок');
    assert.deepEqual(p.changedLines[0], { line: 1, before: mojibake('Ночь в библиотеке'), after: 'Ночь в библиотеке' });
    assert.deepEqual(p.meta, [{ field: 'title', before: mojibake('Ночь в библиотеке'), after: 'Ночь в библиотеке' }]);
    assert.deepEqual(await api.getSource(id), before);
    assert.equal((await api.listAnnotations(id))[0]!.exact, mojibake('французских булок'));
    assert.equal(outbox(store), sent, 'nothing queued for sync');
    assert.equal((await api.search('французских')).length, 0);
  });
});

test('windows-1251 stored as windows-1252 goes back to windows-1251: text, sha256, annotations, citations, title, search; undo restores', async () => {
  await withApi(async ({ api, store }) => {
    const id = await importRussian(api);
    const imported = await api.getSource(id);
    await api.reencodeSource(id, 'windows-1252');
    const garbled = await api.getSource(id);
    assert.equal(garbled.text, mojibake(RUSSIAN));
    assert.equal(garbled.title, mojibake('Ночь в библиотеке'));

    // researchers' work on the garbled text
    const bulki = await annotate(api, id, mojibake('мягких французских булок'), 'хлеб');
    const letters = await annotate(api, id, mojibake('письма, которые никто не читал'));
    const trashed = await annotate(api, id, mojibake('историкам'));
    await api.deleteAnnotation(trashed.id);
    // a W3C annotation quoting the right text (from a copy read rightly) at a wrong position: an orphan on the garbled text
    const w3c = (start: number, exact: string) => JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation',
      target: { selector: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start, end: start + exact.length }] },
    });
    const found = await api.importAnnotations(id, w3c(3, 'Старый библиотекарь закрыл читальный зал'));
    const lost = await api.importAnnotations(id, w3c(10, 'Этой фразы в тексте нет вовсе'));
    assert.deepEqual([found.orphaned, lost.orphaned], [1, 1]);
    await api.updateSource(id, { byline: 'Ирина Петрова' });
    const note = await api.createNote({ title: 'Архив', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'See ' },
      { type: 'citation', attrs: citationFor(garbled, bulki.start, bulki.end, bulki.id) },
      { type: 'text', text: ' and ' },
      { type: 'citation', attrs: citationFor(garbled, letters.start + 3, letters.end) },
    ] }] } });
    const garbledAnnotations = await api.listAnnotations(id);

    const r = await api.reencodeSource(id, 'windows-1251');
    assert.deepEqual([r.preview, r.from, r.to, r.invalid], [false, 'windows-1252', 'windows-1251', 0]);
    const s = await api.getSource(id);
    assert.equal(s.text, RUSSIAN);
    assert.equal(s.encoding, 'windows-1251');
    assert.equal(s.sha256, imported.sha256, 'the sha256 of the original bytes stays');
    assert.equal(s.title, 'Ночь в библиотеке', 'the title read from the garbled text is read again');
    assert.equal(s.byline, 'Ирина Петрова', 'a field the researcher set stays');

    const after = new Map((await api.listAnnotations(id)).map((a) => [a.id, a]));
    const b = after.get(bulki.id)!;
    assert.deepEqual([b.status, b.exact, b.comment], ['anchored', 'мягких французских булок', 'хлеб']);
    assert.equal([...s.text].slice(b.start, b.end).join(''), 'мягких французских булок');
    assert.equal(after.get(letters.id)!.exact, 'письма, которые никто не читал');
    const moved = after.get(found.imported[0]!.id)!;
    assert.equal(moved.status, 'moved');
    assert.equal([...s.text].slice(moved.start, moved.end).join(''), 'Старый библиотекарь закрыл читальный зал');
    const orphan = after.get(lost.imported[0]!.id)!;
    assert.equal(orphan.status, 'orphaned');
    assert.equal(orphan.start, orphan.end, 'an orphan paints nothing');
    assert.equal(orphan.exact, 'Этой фразы в тексте нет вовсе', 'an orphan keeps its quote');
    assert.deepEqual([r.anchored, r.moved, r.orphaned], [2, 1, 1]);
    const inTrash = r.annotations.find((a) => a.id === trashed.id)!;
    assert.deepEqual([inTrash.deleted, inTrash.status, inTrash.exact], [true, 'anchored', 'историкам']);

    // the note's citations follow their passages
    assert.equal(r.citations, 2);
    assert.deepEqual(r.notes, [note.id]);
    const cited = citationsOf(parseNoteDoc((await api.getNote(note.id)).doc)).map((c) => c.attrs);
    assert.deepEqual(cited.map((c) => [c.start, c.end, c.exact]), [
      [b.start, b.end, 'мягких французских булок'],
      [after.get(letters.id)!.start + 3, after.get(letters.id)!.end, 'ьма, которые никто не читал'],
    ]);
    assert.deepEqual((await api.backlinks(bulki.id)).map((x) => x.noteId), [note.id]);

    // full-text search: the new words, not the old ones
    assert.deepEqual((await api.search('французских')).filter((h) => h.kind === 'source').map((h) => h.sourceId), [id]);
    assert.equal((await api.search(mojibake('французских'))).length, 0);
    assert.equal((await api.search('библиотеке')).some((h) => h.kind === 'source'), true);
    assert.equal((await store.check(true)).ok, true, 'the full-text indexes agree with the tables');

    // undo: the garbled text, the annotations where they were, the citations as they were
    const undone = await api.undoReencode(id);
    assert.deepEqual([undone.encoding, undone.restored, undone.kept, undone.citations], ['windows-1252', 5, 0, 2]);
    const back = await api.getSource(id);
    assert.deepEqual([back.text, back.encoding, back.title, back.byline], [garbled.text, 'windows-1252', garbled.title, 'Ирина Петрова']);
    const strip = (a: { id: string; start: number; end: number; exact: string; prefix: string; suffix: string; status: string }) =>
      ({ id: a.id, start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix, status: a.status });
    assert.deepEqual((await api.listAnnotations(id)).map(strip), garbledAnnotations.map(strip));
    const citedBack = citationsOf(parseNoteDoc((await api.getNote(note.id)).doc)).map((c) => [c.attrs.start, c.attrs.end, c.attrs.exact]);
    assert.deepEqual(citedBack, [[bulki.start, bulki.end, bulki.exact], [letters.start + 3, letters.end, [...garbled.text].slice(letters.start + 3, letters.end).join('')]]);
    assert.equal((await api.search('французских')).length, 0);
    await assert.rejects(api.undoReencode(id), (e: Error & { code?: string }) => e.code === 'nothing-to-undo');
  });
});

test('UTF-8 read as KOI8-R and back: a passage cut inside a character is moved to its whole characters; half a character is an orphan', async () => {
  await withApi(async ({ api }) => {
    const id = await importRussian(api, new Uint8Array(Buffer.from(RUSSIAN, 'utf8')), 'utf8.txt');
    assert.equal((await api.getSource(id)).encoding, 'utf-8');
    await api.reencodeSource(id, 'koi8-r');
    const garbled = (await api.getSource(id)).text;
    const word = iconv.decode(Buffer.from('французских', 'utf8'), 'koi8-r'); // two KOI8-R letters per Cyrillic letter
    const at = [...garbled.slice(0, garbled.indexOf(word))].length;
    const whole = await api.createAnnotation({ sourceId: id, start: at, end: at + word.length });
    const cut = await api.createAnnotation({ sourceId: id, start: at + 1, end: at + word.length - 1 }); // starts and ends inside a letter
    const half = await api.createAnnotation({ sourceId: id, start: at + 1, end: at + 2 }); // the second byte of ф
    assert.equal((await api.reencodeOptions(id)).likely[0]!.encoding, 'utf-8', 'valid UTF-8 is offered first, as the importer reads it');
    const r = await api.reencodeSource(id, 'utf-8');
    const v = new Map(r.annotations.map((a) => [a.id, a]));
    assert.deepEqual([v.get(whole.id)!.status, v.get(whole.id)!.exact], ['anchored', 'французских']);
    assert.deepEqual([v.get(cut.id)!.status, v.get(cut.id)!.exact], ['moved', 'ранцузски']);
    assert.equal(v.get(half.id)!.status, 'orphaned');
    assert.equal(v.get(half.id)!.start, v.get(half.id)!.end);
    assert.equal((await api.getSource(id)).text, RUSSIAN);
  });
});

test('refusals: no original bytes, a format that is not decoded bytes, an unknown encoding, invalid bytes, the same encoding', async () => {
  await withApi(async ({ api, store }) => {
    const old = store.sources.insert({
      title: 'Before 0007', published: null, publisher: null, url: null, byline: null, originalPath: null, originalName: 'old.txt',
      sha256: 'a'.repeat(64), encoding: 'windows-1252', text: mojibake(RUSSIAN), chars: RUSSIAN.length,
    });
    const why = (await api.reencodeOptions(old.id)).refused ?? '';
    assert.match(why, /imported before Lectern kept original files/);
    await assert.rejects(api.reencodeSource(old.id, 'windows-1251', { preview: true }),
      (e: Error & { code?: string }) => e.code === 'cannot-reencode' && /old\.txt/.test(e.message));
    assert.equal((await api.getSource(old.id)).text, mojibake(RUSSIAN));

    const html = (await api.importFiles([{ name: 'page.html', bytes: new TextEncoder().encode('<html><head><title>Page</title></head><body><article><h1>Page</h1><p>Some words of an article that is long enough to be read as one.</p></article></body></html>') }])).imported[0]!.id;
    assert.match((await api.reencodeOptions(html)).refused ?? '', /HTML: its text was extracted/);

    const id = await importRussian(api);
    await assert.rejects(api.reencodeSource(id, 'klingon-8'),
      (e: Error & { code?: string }) => e.code === 'unknown-encoding' && /“klingon-8”.*windows-1251/.test(e.message));
    await assert.rejects(api.reencodeSource(id, 'windows-1251'), (e: Error & { code?: string }) => e.code === 'same-encoding');
    // windows-1251 bytes are not UTF-8: the preview shows the damage, a replacement is refused
    const p = await api.reencodeSource(id, 'utf-8', { preview: true });
    assert.ok(p.invalid > 0);
    await assert.rejects(api.reencodeSource(id, 'utf-8'), (e: Error & { code?: string }) => e.code === 'invalid-bytes' && /nochnaya-biblioteka\.txt/.test(e.message));
    assert.equal((await api.getSource(id)).text, RUSSIAN, 'nothing changed');
  });
});

test('a failure part-way through a replacement leaves nothing changed', async () => {
  await withApi(async ({ api, store }) => {
    const id = await importRussian(api);
    await api.reencodeSource(id, 'windows-1252');
    const a = await annotate(api, id, mojibake('французских булок'));
    const s = await api.getSource(id);
    const note = await api.createNote({ title: 'N', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'citation', attrs: citationFor(s, a.start, a.end, a.id) }] }] } });
    const undoBefore = store.reencodes.get(id);
    const put = store.versionIndex.put;
    store.versionIndex.put = () => { throw new Error('disk trouble'); }; // the last step of the transaction
    try {
      await assert.rejects(api.reencodeSource(id, 'windows-1251'), /disk trouble/);
    } finally {
      store.versionIndex.put = put;
    }
    assert.deepEqual(await api.getSource(id), s);
    assert.deepEqual((await api.listAnnotations(id)).map((x) => [x.start, x.end, x.exact, x.status]), [[a.start, a.end, a.exact, 'anchored']]);
    assert.equal(citationsOf(parseNoteDoc((await api.getNote(note.id)).doc))[0]!.attrs.exact, a.exact);
    assert.deepEqual(store.reencodes.get(id), undoBefore, 'the undo record is the earlier one');
    assert.equal((await api.search(mojibake('французских'))).some((h) => h.kind === 'source'), true);
  });
});

test('versions follow the new text: found again after a replacement, and "also in" does not reuse an alignment of the old text', async () => {
  await withApi(async ({ api }) => {
    const long = Array.from({ length: 6 }, () => RUSSIAN).join('\n');
    const utf8 = (await api.importFiles([{ name: 'utf8.txt', bytes: new Uint8Array(Buffer.from(long, 'utf8')) }])).imported[0]!.id;
    const other = await importRussian(api, cp1251(long), 'cp1251.txt');
    assert.equal((await api.sourceRelations(other)).relations.length, 1, 'the same text in two encodings: versions');
    await api.reencodeSource(other, 'windows-1252');
    assert.equal((await api.sourceRelations(other)).relations.length, 0, 'the garbled text is no version of it');
    await api.linkSources(utf8, other);
    const { text } = await api.getSource(utf8);
    const start = [...text.slice(0, text.indexOf('французских булок'))].length;
    const before = await api.passageInVersions(utf8, start, start + 17);
    assert.equal(before.find((p) => p.id === other)!.status, 'orphaned');
    await api.reencodeSource(other, 'windows-1251');
    const after = await api.passageInVersions(utf8, start, start + 17);
    assert.deepEqual([after.find((p) => p.id === other)!.status, after.find((p) => p.id === other)!.exact], ['anchored', 'французских булок']);
    await api.undoReencode(other);
    assert.equal((await api.passageInVersions(utf8, start, start + 17)).find((p) => p.id === other)!.status, 'orphaned');
  });
});
