import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { DecodeError, decodeBytes } from '../../electron/import/decode.ts';
import { rankLegacy } from '../../electron/import/encoding/rank.ts';
import { detectionSample, SAMPLE_BYTES } from '../../electron/import/encoding/sample.ts';
import { buildCases, type Case } from '../../bench/encoding-corpus/cases.ts';

/** Two held-out documents per language and encoding (a short and a longer one), and every Unicode variant. */
function heldOutSubset(): Case[] {
  const seen = new Map<string, number>();
  return buildCases().filter((c) => {
    const k = `${c.language} ${c.encoding} ${c.bom}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return c.family === 'Unicode' ? n === 0 : n === 0 || n === 6;
  });
}

test('held-out corpus text decodes exactly in every encoding family (≥ 90% each, ≥ 97% overall)', () => {
  const cases = heldOutSubset();
  assert.ok(cases.length > 150, `only ${cases.length} cases`);
  const byFamily = new Map<string, { ok: number; n: number }>();
  const failures: string[] = [];
  for (const c of cases) {
    let text: string | null = null;
    try {
      text = decodeBytes(c.bytes).text;
    } catch {
      // counted as wrong below
    }
    const f = byFamily.get(c.family) ?? { ok: 0, n: 0 };
    f.n++;
    if (text === c.expected) f.ok++;
    else failures.push(c.name);
    byFamily.set(c.family, f);
  }
  assert.equal(byFamily.size, 14, [...byFamily.keys()].join());
  for (const [family, { ok, n }] of byFamily) assert.ok(ok / n >= 0.9, `${family}: ${ok}/${n}; wrong: ${failures.join(', ')}`);
  const ok = [...byFamily.values()].reduce((a, f) => a + f.ok, 0);
  assert.ok(ok / cases.length >= 0.97, `${ok}/${cases.length}; wrong: ${failures.join(', ')}`);
});

test('short notes in legacy encodings decode exactly', () => {
  const notes: Array<[string, string]> = [
    ['Привет, мир! Как дела?\n', 'windows-1251'], ['Привет, мир! Как дела?\n', 'koi8-r'], ['Привет, мир! Как дела?\n', 'cp866'],
    ['Привет, мир! Как дела?\n', 'maccyrillic'], ['Привет, мир! Как дела?\n', 'cp855'], ['Привіт, як справи? Ґанок і їжак.\n', 'koi8-u'],
    ['Καλημέρα σας, τι κάνετε;\n', 'windows-1253'], ['שלום לכולם, מה שלומכם?\n', 'windows-1255'], ['مرحبا بكم في الموقع\n', 'windows-1256'],
    ['Dziękuję bardzo, to był dobry dzień.\n', 'windows-1250'], ['Teşekkür ederim, güzel bir gün.\n', 'windows-1254'],
    ['Ačiū labai, gera diena.\n', 'windows-1257'], ['สวัสดีครับ ยินดีต้อนรับ\n', 'tis620'], ['日本語のテキストです。\n', 'shiftjis'],
    ['日本語のテキストです。\n', 'eucjp'], ['中文文本测试。\n', 'gbk'], ['中文文本測試。\n', 'big5'], ['한국어 텍스트입니다.\n', 'cp949'],
    ['Crème brûlée à la française.\n', 'windows-1252'], ['Grüße aus München!\n', 'macintosh'],
  ];
  for (const [text, encoding] of notes) {
    const bytes = new Uint8Array(iconv.encode(text, encoding));
    assert.ok(bytes.length <= 40);
    assert.equal(decodeBytes(bytes).text, text, encoding);
  }
});

test('MacCyrillic, IBM855 and IBM866 Russian are told from Windows-1251 (each misreads as the others)', () => {
  const text = 'Я помню чудное мгновенье: Передо мной явилась ты, Как мимолетное виденье, Как гений чистой красоты.\n';
  for (const [writeAs, label] of [['maccyrillic', 'x-mac-cyrillic'], ['cp855', 'ibm855'], ['cp866', 'ibm866'], ['windows-1251', 'windows-1251'], ['iso-8859-5', 'iso-8859-5']]) {
    assert.deepEqual(decodeBytes(new Uint8Array(iconv.encode(text, writeAs!))), { text, encoding: label }, writeAs);
  }
});

test('BOM-less UTF-32 is recognised by its NUL pattern; BOM-less mostly-CJK UTF-16 by reading as CJK', () => {
  const mixed = 'Hello – Привет 😀 日本語\n';
  assert.deepEqual(decodeBytes(new Uint8Array(iconv.encode(mixed, 'utf-32le'))), { text: mixed, encoding: 'utf-32le' });
  assert.deepEqual(decodeBytes(new Uint8Array(iconv.encode(mixed, 'utf-32be'))), { text: mixed, encoding: 'utf-32be' });
  const cjk: Array<[string, string]> = [
    ['日本語のテキストです。これは長い文章の一部です。', 'utf-16le'], // U+4E00 puts a NUL on the "wrong" parity
    ['中文文本测试。这是一个较长的句子的一部分。', 'utf-16be'],
    ['한국어 텍스트입니다. 이것은 긴 문장의 일부입니다.', 'utf-16le'],
    ['政府周三宣布了支持中小企业的新措施。据经济部长介绍，企业主可以获得最长五年的低息贷款。', 'utf-16le'], // no NUL byte at all
  ];
  for (const [text, encoding] of cjk) assert.deepEqual(decodeBytes(new Uint8Array(iconv.encode(text, encoding))), { text, encoding }, text);
});

test('7-bit ISO-2022-JP (valid UTF-8 byte-wise) is read by its escape sequences', () => {
  const bytes = Uint8Array.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x38, 0x6c, 0x1b, 0x28, 0x42, 0x20, 0x74, 0x65, 0x78, 0x74, 0x0a]);
  assert.deepEqual(decodeBytes(bytes), { text: '日本語 text\n', encoding: 'iso-2022-jp' });
});

test('binary files are still refused: PNG, zip, gzip, JPEG', () => {
  const deflated = deflateRawSync(Buffer.from('some text '.repeat(50)));
  const zipHeader = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, deflated.length & 0xff, deflated.length >> 8, 0, 0, 0xf4, 0x01, 0, 0, 0x08, 0, 0, 0];
  const files: Record<string, Uint8Array> = {
    png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]),
    zip: Uint8Array.from([...zipHeader, ...Buffer.from('doc.txt'), ...deflated]),
    gzip: new Uint8Array(gzipSync(Buffer.from('Привет, мир! '.repeat(200)))),
    jpeg: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xdb, 0, 0x43, 0]),
  };
  for (const [kind, bytes] of Object.entries(files)) {
    assert.throws(() => decodeBytes(bytes), (e: unknown) => e instanceof DecodeError && /^binary file/.test(e.message), kind);
  }
});

test('bounded work: detection reads at most a 16 KB sample, taken from where the non-ASCII text starts', () => {
  const paragraph = 'Правительство объявило о новых мерах поддержки малого бизнеса и предпринимателей.\n';
  const ascii = 'An English preamble line that every encoding reads alike.\n'.repeat(20_000); // ~1.2 MB
  const text = ascii + paragraph.repeat(40_000); // ~3.4 MB of Cyrillic after it
  const bytes = new Uint8Array(iconv.encode(text, 'koi8-r'));
  const sample = detectionSample(bytes);
  assert.ok(sample.length <= SAMPLE_BYTES && sample.length > SAMPLE_BYTES / 2, String(sample.length));
  assert.ok(sample.some((b) => b >= 0x80), 'the sample holds the non-ASCII text');
  assert.equal(rankLegacy(sample)[0]!.encoding, 'koi8-r');
  const decoded = decodeBytes(bytes);
  assert.equal(decoded.encoding, 'koi8-r');
  assert.equal(decoded.text.length, text.length);
  assert.equal(decoded.text, text);
});

test('the ranking keeps every candidate with its decoded sample, for choosing another encoding by hand', () => {
  const ranked = rankLegacy(new Uint8Array(iconv.encode('Съешь же ещё этих мягких французских булок, да выпей чаю.\n', 'windows-1251')));
  assert.equal(ranked[0]!.encoding, 'windows-1251');
  assert.equal(ranked[0]!.language, 'ru');
  const koi = ranked.find((c) => c.encoding === 'koi8-r')!;
  assert.ok(koi.score < ranked[0]!.score);
  assert.match(koi.text, /\p{Script=Cyrillic}{4}/u); // Cyrillic mojibake…
  assert.notEqual(koi.text, ranked[0]!.text); // …not the sentence
  assert.equal(new Set(ranked.map((c) => c.encoding)).size, ranked.length);
});
