import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { openStore, type Store } from '../../db/store.ts';
import { createImportService } from '../../electron/import/import-service.ts';
import { codePointLength } from '../../common/offsets.ts';
import type { ImportResult, ProgressEvent } from '../../common/types.ts';
import { checkIntegrity } from '../../db/integrity.ts';
import { CORPUS, SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

function withStore(fn: (store: Store, dir: string) => Promise<void>) {
  return async () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(join(dir, 'lectern.db'));
    try {
      await fn(store, dir);
    } finally {
      store.close();
      cleanup();
    }
  };
}

const sourceCount = (store: Store) => (store.db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;

test('the seeds: titles, date, whole text, search, and duplicates on a second import', withStore(async (store) => {
  const importer = createImportService(store);
  const first = await importer.importPaths([SEED_000, SEED_001]);
  assert.deepEqual(first.failed, []);
  assert.deepEqual(first.duplicates, []);
  assert.equal(first.imported.length, 2);
  const [s0, s1] = first.imported;
  assert.ok(s0!.title.startsWith('THE Kremlin security services'), s0!.title);
  assert.equal(s0!.published, '2024-03-30');
  assert.equal(s0!.path, SEED_000);
  assert.equal(s1!.title, 'Russia’s security services knew of ISIS threat before concert attack, new evidence from investigative body suggests');
  assert.equal(s1!.encoding, 'utf-8');

  // The stored text is the whole file (the date marker and leading space stay).
  const stored = store.sources.get(s0!.id)!;
  const original = readFileSync(SEED_000, 'utf8');
  assert.equal(stored.text, original.normalize('NFC'));
  assert.ok(stored.text.startsWith(' date 2024-03-30 THE Kremlin'));
  assert.equal(stored.chars, codePointLength(stored.text));
  assert.equal(stored.sha256, s0!.sha256);
  assert.equal(stored.originalPath, SEED_000);

  const hits = store.search('"Dossier Center"');
  assert.deepEqual(new Set(hits.filter((h) => h.kind === 'source').map((h) => h.id)), new Set([s0!.id, s1!.id]));

  const again = await importer.importPaths([SEED_000, SEED_001]);
  assert.deepEqual(again, {
    imported: [],
    duplicates: [{ path: SEED_000, id: s0!.id }, { path: SEED_001, id: s1!.id }],
    failed: [],
    revisions: [],
    versions: [],
  });
  assert.equal(sourceCount(store), 2);
}));

test('the same file twice in one import: one imported, one duplicate of it', withStore(async (store) => {
  const result = await createImportService(store).importPaths([SEED_001, SEED_001]);
  assert.equal(result.imported.length, 1);
  assert.deepEqual(result.duplicates, [{ path: SEED_001, id: result.imported[0]!.id }]);
  assert.equal(sourceCount(store), 1);
}));

test('a folder of mixed files: the good ones import, every other one is named with a reason', withStore(async (store, dir) => {
  const folder = join(dir, 'drop');
  mkdirSync(join(folder, 'nested', 'deeper'), { recursive: true });
  const utf16 = 'Notes in UTF-16\n\nA file saved by an old editor, with “quotes” and é.\n';
  writeFileSync(join(folder, 'notes-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(utf16, 'utf-16le')]));
  const utf16be = 'Без BOM\n\nUTF-16BE text without a byte-order mark, from a script.\n';
  writeFileSync(join(folder, 'nested', 'no-bom.text'), iconv.encode(utf16be, 'utf-16be'));
  writeFileSync(join(folder, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'blank.md'), ' \n\t\r\n  \n');
  writeFileSync(join(folder, 'binary.txt'), Buffer.concat([Buffer.from('MZ header'), Buffer.alloc(16), Buffer.from('more bytes'), Buffer.alloc(7)]));
  writeFileSync(join(folder, 'nested', 'UPPER.TXT'), 'Upper-case extension\n\nbody\n');
  writeFileSync(join(folder, 'nested', 'deeper', 'Report.Markdown'), '# Quarterly report\n\nFigures.\n');
  writeFileSync(join(folder, 'nested', 'data.csv'), 'a,b\n1,2\n');
  writeFileSync(join(folder, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
  symlinkSync(folder, join(folder, 'nested', 'deeper', 'loop')); // a symlink loop back to the top
  symlinkSync(join(dir, 'nowhere.txt'), join(folder, 'broken.txt'));

  const events: ProgressEvent[] = [];
  const result = await createImportService(store, (e) => events.push(e)).importPaths([folder]);

  const imported = new Map(result.imported.map((i) => [i.path.slice(folder.length + 1), i]));
  assert.deepEqual([...imported.keys()].sort(), ['nested/UPPER.TXT', 'nested/deeper/Report.Markdown', 'nested/no-bom.text', 'notes-utf16.txt']);
  assert.equal(imported.get('nested/no-bom.text')!.encoding, 'utf-16be');
  assert.equal(store.sources.get(imported.get('nested/no-bom.text')!.id)!.text, utf16be);
  assert.equal(imported.get('notes-utf16.txt')!.encoding, 'utf-16le');
  assert.equal(imported.get('notes-utf16.txt')!.title, 'Notes in UTF-16');
  assert.equal(store.sources.get(imported.get('notes-utf16.txt')!.id)!.text, utf16);
  assert.equal(imported.get('nested/deeper/Report.Markdown')!.title, 'Quarterly report');
  assert.deepEqual(result.duplicates, []);

  const failed = Object.fromEntries(result.failed.map((f) => [f.path.slice(folder.length + 1), f.error]));
  assert.deepEqual(failed, {
    'picture.png': 'unsupported file type .png',
    'empty.txt': 'empty file',
    'blank.md': 'file contains only whitespace',
    'binary.txt': 'binary file (contains NUL bytes)',
    'nested/data.csv': 'unsupported file type .csv',
    'broken.txt': 'file not found',
  });
  assert.equal(sourceCount(store), 4);

  // Progress: one event per file read, in order, ending at the total.
  const total = events[0]!.total;
  assert.equal(total, 7); // the accepted files found (the broken link is reported before reading)
  assert.deepEqual(events.map((e) => e.done), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.ok(events.every((e) => e.task === 'import' && e.total === total));
}));

test('legacy encodings are decoded and the encoding is stored', withStore(async (store) => {
  const texts: Array<[string, string, string]> = [
    ['cp1252.txt', 'windows-1252', 'Caf\u00e9 society\n\nThe \u201cnew\u201d menu \u2013 \u00a35 \u2013 was announced on Monday by the owner, who said the na\u00efve critics had got it wrong.\n'],
    ['latin1.txt', 'latin1', 'Le mus\u00e9e rouvre\n\nLe mus\u00e9e a rouvert ses portes apr\u00e8s deux ann\u00e9es de travaux. \u00dcber die Stra\u00dfe l\u00e4uft ein \u00e4lterer Mann.\n'],
    ['cp1251.txt', 'windows-1251', 'Новые меры поддержки\n\nВ среду правительство объявило о новых мерах поддержки малого бизнеса. По словам министра, предприниматели смогут получить кредиты.\n'],
  ];
  const result = await createImportService(store).importFiles(texts.map(([name, enc, text]) => ({ name, bytes: iconv.encode(text, enc) })));
  assert.deepEqual(result.failed, []);
  const expected = { 'cp1252.txt': 'windows-1252', 'latin1.txt': 'iso-8859-1', 'cp1251.txt': 'windows-1251' };
  for (const [name, , text] of texts) {
    const item = result.imported.find((i) => i.path === name)!;
    const source = store.sources.get(item.id)!;
    assert.equal(source.text, text, name);
    assert.equal(source.encoding, expected[name as keyof typeof expected], name);
    assert.equal(item.encoding, source.encoding);
    assert.equal(source.title, text.split('\n')[0]);
  }
}));

test('CRLF becomes LF, NFD becomes NFC, lengths are code points (astral characters count once)', withStore(async (store) => {
  const raw = 'Cafe\u0301 \u{1F600} notes\r\n\r\nLine one\rLine two \u{1D11E}\r\n';
  const result = await createImportService(store).importFiles([{ name: 'mixed.txt', bytes: new TextEncoder().encode(raw) }]);
  const item = result.imported[0]!;
  const source = store.sources.get(item.id)!;
  const expected = 'Café \u{1F600} notes\n\nLine one\nLine two \u{1D11E}\n';
  assert.equal(source.text, expected);
  assert.equal(source.title, 'Café \u{1F600} notes');
  assert.equal(expected.length, 36); // UTF-16 units
  assert.equal(item.chars, 34); // two astral characters count one each
  assert.equal(source.chars, 34);
}));

test('importFiles: bytes from a drop, reported by file name, no original path', withStore(async (store) => {
  const bytes = new Uint8Array(readFileSync(SEED_001));
  const result = await createImportService(store).importFiles([
    { name: 'dropped.TEXT', bytes },
    { name: 'copy.md', bytes },
    { name: 'photo.JPG', bytes: Uint8Array.from([0xff, 0xd8, 0xff]) },
    { name: 'empty.txt', bytes: new Uint8Array(0) },
  ]);
  assert.equal(result.imported.length, 1);
  assert.equal(result.imported[0]!.path, 'dropped.TEXT');
  assert.deepEqual(result.duplicates, [{ path: 'copy.md', id: result.imported[0]!.id }]);
  assert.deepEqual(result.failed, [
    { path: 'photo.JPG', error: 'unsupported file type .jpg' },
    { path: 'empty.txt', error: 'empty file' },
  ]);
  const source = store.sources.get(result.imported[0]!.id)!;
  assert.equal(source.originalPath, null);
  assert.equal(source.originalName, 'dropped.TEXT');
}));

test('files over 50 MB and missing paths are refused without being stored', withStore(async (store, dir) => {
  const big = join(dir, 'huge.txt');
  writeFileSync(big, '');
  truncateSync(big, 50 * 1024 * 1024 + 1); // sparse: costs no disk
  const ok = join(dir, 'ok.txt');
  writeFileSync(ok, 'Fine\n\nA small file.\n');
  const missing = join(dir, 'gone', 'missing.txt');
  const result = await createImportService(store).importPaths([big, ok, missing]);
  assert.deepEqual(result.failed, [
    { path: missing, error: 'file not found' }, // unreadable paths are found while collecting
    { path: big, error: 'file too large (50.0 MB; the limit is 50 MB)' },
  ]);
  assert.equal(result.imported.length, 1);
  // The same limit applies to bytes (a lower one here, to keep the test light).
  const small = await createImportService(store, undefined, { maxBytes: 10 }).importFiles([{ name: 'b.txt', bytes: new TextEncoder().encode('eleven byte') }]);
  assert.deepEqual(small.failed, [{ path: 'b.txt', error: 'file too large (0.0 MB; the limit is 0 MB)' }]);
  assert.equal(sourceCount(store), 1);
}));

test('an error thrown mid-file leaves no row of that file; the others import', withStore(async (store) => {
  const insert = store.sources.insert.bind(store.sources);
  // The row is written, then the file fails: its savepoint must undo the row.
  store.sources.insert = (row) => {
    const source = insert(row);
    if (row.originalName === 'b.txt') throw new Error('disk on fire');
    return source;
  };
  const enc = (s: string) => new TextEncoder().encode(s);
  const result = await createImportService(store).importFiles([
    { name: 'a.txt', bytes: enc('Alpha\n\nfirst file\n') },
    { name: 'b.txt', bytes: enc('Bravo\n\nsecond file\n') },
    { name: 'c.txt', bytes: enc('Charlie\n\nthird file\n') },
  ]);
  assert.deepEqual(result.imported.map((i) => i.title), ['Alpha', 'Charlie']);
  assert.deepEqual(result.failed, [{ path: 'b.txt', error: 'import failed: disk on fire' }]);
  const titles = (store.db.prepare('SELECT title FROM sources ORDER BY seq').all() as { title: string }[]).map((r) => r.title);
  assert.deepEqual(titles, ['Alpha', 'Charlie']);
  // Nor is it left in the full-text index.
  assert.deepEqual(store.search('Bravo'), []);
  assert.equal(store.search('Charlie').length, 1);
}));

test('batches: a small batch size still imports everything with ordered progress', withStore(async (store) => {
  const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.txt`, bytes: new TextEncoder().encode(`File ${i}\n\nbody ${i}\n`) }));
  const events: ProgressEvent[] = [];
  const result = await createImportService(store, (e) => events.push(e), { batchSize: 3 }).importFiles(files);
  assert.equal(result.imported.length, 7);
  assert.deepEqual(events.map((e) => `${e.done}/${e.total}:${e.current}`), [
    '0/7:', '1/7:f0.txt', '2/7:f1.txt', '3/7:f2.txt', '4/7:f3.txt', '5/7:f4.txt', '6/7:f5.txt', '7/7:f6.txt',
  ]);
}));

test('importFiles (bytes already in memory) still yields between batches so other calls interleave', withStore(async (store) => {
  const files = Array.from({ length: 200 }, (_, i) => ({ name: `n${i}.txt`, bytes: new TextEncoder().encode(`Note ${i}\n\nzebra ${i}\n`) }));
  const order: string[] = [];
  let doneWhenServed = -1;
  let last = 0;
  const served = new Promise<number>((resolve) => {
    const importer = createImportService(store, (e) => {
      last = e.done;
      if (e.done === 60) {
        setImmediate(() => {
          doneWhenServed = last;
          order.push('call');
          resolve(store.search('zebra', 1000).length);
        });
      }
    });
    void importer.importFiles(files).then(() => order.push('import'));
  });
  const hits = await served;
  while (order.length < 2) await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['call', 'import']);
  assert.equal(doneWhenServed, 100);
  assert.equal(hits, 100); // the first two batches, stored and searchable
}));

/** Every reported import is in the library, and every stored source was reported (nothing stored unreported). */
function assertReportIsTheLibrary(store: Store, result: ImportResult, files: string[]) {
  const stored = store.db.prepare('SELECT id, original_path AS path FROM live_sources ORDER BY seq').all() as Array<{ id: string; path: string }>;
  assert.deepEqual(result.imported.map((i) => [i.id, i.path]).sort(), stored.map((r) => [r.id, r.path]).sort(),
    'the result lists exactly the sources stored');
  const reported = [...result.imported.map((i) => i.path), ...result.duplicates.map((d) => d.path), ...result.failed.map((f) => f.path)];
  assert.deepEqual(reported.sort(), [...files].sort(), 'every file is reported once');
  assert.deepEqual(checkIntegrity(store.db, true).problems, [], 'the full-text index holds exactly the stored sources');
}

const corpusFiles = (folder: string, count: number) =>
  readdirSync(join(CORPUS, folder)).sort().slice(0, count).map((f) => join(CORPUS, folder, f));

test('a disk that fills part-way: the import stops, and the result says what was stored, what was not and why', withStore(async (store) => {
  const files = corpusFiles('business', 160);
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  // Room for a batch or two of 50 articles, not for all of them (SQLITE_FULL, as on a full disk).
  store.db.pragma(`max_page_count = ${pages + 220}`);
  const result = await createImportService(store).importPaths(files);
  assert.match(result.aborted ?? '', /disk is full/);
  assert.ok(result.imported.length >= 50 && result.imported.length < files.length, `${result.imported.length} stored before the disk filled`);
  assert.ok(result.failed.length > 0 && result.failed.every((f) => /^not imported: the import stopped \(The disk is full/.test(f.error)),
    JSON.stringify(result.failed.slice(0, 2)));
  assertReportIsTheLibrary(store, result, files);

  // Room again: a second run imports the rest and lists the first run's files as duplicates.
  store.db.pragma('max_page_count = 1073741823');
  const rest = await createImportService(store).importPaths(files);
  assert.equal(rest.aborted, undefined);
  assert.equal(rest.imported.length, files.length - result.imported.length);
  assert.deepEqual(rest.duplicates.map((d) => d.id).sort(), result.imported.map((i) => i.id).sort());
}));

test('a file whose insert rolls back the whole transaction fails alone; its batch neighbours are stored and reported', withStore(async (store, dir) => {
  const folder = join(dir, 'batch');
  mkdirSync(folder);
  const names = ['a.txt', 'b-statement.txt', 'c.txt', 'd-transaction.txt', 'e.txt'];
  for (const n of names) writeFileSync(join(folder, n), `${n}\n\nThe text of ${n}.\n`);
  // Real failures inside SQLite: one undoes its statement (ABORT), one the whole transaction (ROLLBACK),
  // which better-sqlite3 cannot undo to a savepoint; the rest of the batch must not be lost or misreported.
  store.db.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON main.sources BEGIN
    SELECT CASE new.original_name
      WHEN 'b-statement.txt' THEN RAISE(ABORT, 'injected: statement undone')
      WHEN 'd-transaction.txt' THEN RAISE(ROLLBACK, 'injected: transaction rolled back') END;
  END`);
  const result = await createImportService(store).importPaths([folder]);
  assert.equal(result.aborted, undefined);
  assert.deepEqual(result.imported.map((i) => basename(i.path)), ['a.txt', 'c.txt', 'e.txt']);
  assert.deepEqual(result.failed.map((f) => [basename(f.path), f.error]), [
    ['b-statement.txt', 'import failed: injected: statement undone'],
    ['d-transaction.txt', 'import failed: injected: transaction rolled back'],
  ]);
  assertReportIsTheLibrary(store, result, names.map((n) => join(folder, n)));
  assert.equal(store.search('text').length, 3, 'the stored ones are searchable');
}));

test('decoding happens outside the write transaction', withStore(async (store) => {
  const inTransaction: boolean[] = [];
  const original = TextDecoder.prototype.decode;
  TextDecoder.prototype.decode = function (this: TextDecoder, ...args: Parameters<TextDecoder['decode']>) {
    inTransaction.push(store.db.inTransaction);
    return original.apply(this, args);
  };
  try {
    const result = await createImportService(store).importPaths([SEED_000, SEED_001]);
    assert.equal(result.imported.length, 2);
  } finally {
    TextDecoder.prototype.decode = original;
  }
  assert.ok(inTransaction.length > 0, 'the decoder ran');
  assert.deepEqual(inTransaction.filter(Boolean), [], 'never while the write lock was held');
}));
