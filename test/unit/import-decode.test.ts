import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { DecodeError, decodeBytes } from '../../electron/import/decode.ts';
import { SEED_001 } from '../helpers/tmp.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Array<Uint8Array | number[]>) => {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return Uint8Array.from(out);
};

const FR_DE = 'Le musée a rouvert ses portes après deux années de travaux. Über die Straße läuft ein älterer Mann mit einem großen Hund.\n';
const RU = 'В среду правительство объявило о новых мерах поддержки малого бизнеса. По словам министра экономического развития, предприниматели смогут получить льготные кредиты.\n';
const EL = 'Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα για τη στήριξη των νοικοκυριών απέναντι στην αύξηση των τιμών της ενέργειας.\n';
const JA = '政府は水曜日、中小企業を支援するための新たな対策を発表した。経済産業大臣によると、事業者は最長五年間の低金利融資を受けることができる。\n';
const ZH = '政府周三宣布了支持中小企业的新措施。据经济部长介绍，企业主可以获得最长五年的低息贷款。\n';

test('valid UTF-8 decodes as utf-8, whole, with a leading space kept', () => {
  const text = ' date 2024-03-30 THE Kremlin – “quoted” 😀\n\n  indented\n';
  assert.deepEqual(decodeBytes(utf8(text)), { text, encoding: 'utf-8' });
});

test('byte-order marks: UTF-8, UTF-16LE, UTF-16BE (the BOM is not kept as text)', () => {
  const text = 'Hello – Привет 😀\n';
  assert.deepEqual(decodeBytes(concat([0xef, 0xbb, 0xbf], utf8(text))), { text, encoding: 'utf-8' });
  assert.deepEqual(decodeBytes(concat([0xff, 0xfe], iconv.encode(text, 'utf-16le'))), { text, encoding: 'utf-16le' });
  assert.deepEqual(decodeBytes(concat([0xfe, 0xff], iconv.encode(text, 'utf-16be'))), { text, encoding: 'utf-16be' });
});

test('UTF-16 without a BOM is recognised by its NUL pattern, not refused as binary', () => {
  const en = readFileSync(SEED_001, 'utf8');
  assert.deepEqual(decodeBytes(iconv.encode(en, 'utf-16le')), { text: en, encoding: 'utf-16le' });
  assert.deepEqual(decodeBytes(iconv.encode(en, 'utf-16be')), { text: en, encoding: 'utf-16be' });
  assert.deepEqual(decodeBytes(iconv.encode(RU, 'utf-16le')), { text: RU, encoding: 'utf-16le' });
});

test('legacy encodings are detected and decoded with iconv-lite', () => {
  const seed = readFileSync(SEED_001, 'utf8'); // ’ – “ ” live in Windows-1252's 0x80-0x9F
  const cases: Array<[string, string, string]> = [
    [seed, 'windows-1252', 'windows-1252'],
    [FR_DE, 'latin1', 'iso-8859-1'],
    [RU, 'windows-1251', 'windows-1251'],
    [RU, 'koi8-r', 'koi8-r'],
    [EL, 'iso-8859-7', 'iso-8859-7'],
    [JA, 'shift_jis', 'shift_jis'],
    [ZH, 'gb18030', 'gb18030'],
  ];
  for (const [text, writeAs, expected] of cases) {
    const bytes = iconv.encode(text, writeAs);
    // the detector is really exercised: these bytes are not valid UTF-8
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError, writeAs);
    assert.deepEqual(decodeBytes(bytes), { text, encoding: expected }, writeAs);
  }
});

test('a Latin-1 guess with bytes in 0x80-0x9F is read as Windows-1252', () => {
  // 0x93/0x94 are curly quotes in Windows-1252 and invisible controls in ISO-8859-1.
  const text = 'Le musée a dit \u201cnon\u201d à la réforme du baccalauréat, après deux années de débats.\n';
  const decoded = decodeBytes(iconv.encode(text, 'windows-1252'));
  assert.equal(decoded.text, text);
  assert.equal(decoded.encoding, 'windows-1252');
});

test('line ends become LF and text becomes NFC; nothing else changes', () => {
  const nfd = 'Cafe\u0301 cre\u0300me';
  const { text } = decodeBytes(utf8(`  first\r\nsecond\rthird\n\r\n${nfd}\t \n`));
  assert.equal(text, '  first\nsecond\nthird\n\nCafé crème\t \n');
  assert.equal(text.normalize('NFC'), text);
});

test('binary input is refused with a plain reason', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
  assert.throws(() => decodeBytes(png), (e: unknown) => e instanceof DecodeError && /binary file/.test(e.message));
  // NULs on both byte parities, and a single stray NUL in 8-bit text: neither is UTF-16
  const padded = concat(utf8('header'), [0, 0, 0, 0, 0], utf8('plain text'), [0, 0, 0], utf8('more text after the NUL bytes, not UTF-16 at all.'));
  assert.throws(() => decodeBytes(padded), { name: 'DecodeError', message: 'binary file (contains NUL bytes)' });
  const stray = concat(utf8('A plain 8-bit text file of reasonable length, '.repeat(4) + ' '), [0], utf8('with one stray NUL byte in it.'));
  assert.equal(stray.length % 2, 0);
  assert.throws(() => decodeBytes(stray), { name: 'DecodeError', message: 'binary file (contains NUL bytes)' });
  const controls = Uint8Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
  assert.throws(() => decodeBytes(controls), { name: 'DecodeError', message: 'binary file (contains control characters)' });
});

test('an invalid byte sequence after a BOM is refused, not guessed', () => {
  assert.throws(() => decodeBytes(concat([0xef, 0xbb, 0xbf], utf8('ok '), [0xc3, 0x28])), {
    name: 'DecodeError', message: 'invalid UTF-8 after a UTF-8 byte-order mark',
  });
  assert.throws(() => decodeBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00])), {
    name: 'DecodeError', message: 'invalid UTF-16LE after a UTF-16LE byte-order mark',
  });
});

test('a short legacy file the detector calls ASCII is read as Windows-1252, not refused', () => {
  assert.deepEqual(decodeBytes(iconv.encode('café\n', 'windows-1252')), { text: 'café\n', encoding: 'windows-1252' });
});
