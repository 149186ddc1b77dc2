// npm run bench:encodings
//
// Exact-decoding accuracy on the held-out encoding corpus
// (bench/encoding-corpus: real translated text from Debian packages, encoded
// into the legacy encodings each language was written in, plus UTF-8/16/32
// with and without a byte-order mark), for Lectern's decoder and, side by
// side, npm chardet and npm jschardet (their label decoded with iconv-lite,
// or TextDecoder for names iconv-lite lacks). A case is right when the
// decoded text equals the document exactly (NFC, LF), whatever the label:
// a superset that decodes the bytes identically is right.
// Prints per encoding, per family, per size and form, overall, and each detector's time.
// --failures lists the cases Lectern gets wrong. Where the machine has debconf's
// templates, their translated descriptions are a second, independent check.

import chardet from 'chardet';
import jschardet from 'jschardet';
import iconv from 'iconv-lite';
import { decodeBytes, normalizeText } from '../electron/import/decode.ts';
import { buildCases, asBuffer, type Case } from './encoding-corpus/cases.ts';
import { debconfCases, TEMPLATES } from './encoding-corpus/debconf.ts';

type Detector = (bytes: Uint8Array) => string | null;

/** Decode with a detector's label the way a caller of that detector would. */
function decodeLabel(bytes: Uint8Array, label: string | null): string | null {
  if (!label) return null;
  try {
    if (iconv.encodingExists(label)) return normalizeText(iconv.decode(asBuffer(bytes), label));
    return normalizeText(new TextDecoder(label).decode(bytes));
  } catch {
    return null;
  }
}

const detectors: Array<[string, Detector | null]> = [
  ['lectern', null],
  ['chardet', (b) => chardet.detect(b)],
  ['jschardet', (b) => jschardet.detect(b).encoding],
];

function right(detect: Detector | null, c: Case): boolean {
  if (!detect) {
    try {
      return decodeBytes(c.bytes).text === c.expected;
    } catch {
      return false;
    }
  }
  return decodeLabel(c.bytes, detect(c.bytes)) === c.expected;
}

const cases = buildCases();
const results = new Map<string, boolean[]>();
const times = new Map<string, number>();
for (const [name, detect] of detectors) {
  const t0 = performance.now();
  results.set(name, cases.map((c) => right(detect, c)));
  times.set(name, performance.now() - t0);
}

const pct = (ok: number, n: number) => `${((100 * ok) / n).toFixed(1).padStart(5)}%`;
function rows(title: string, groupOf: (c: Case) => string): void {
  const groups = [...new Set(cases.map(groupOf))];
  console.log(`\n${title.padEnd(26)} ${'files'.padStart(5)} ${detectors.map(([n]) => n.padStart(10)).join('')}`);
  for (const g of groups) {
    const idx = cases.map((c, i) => (groupOf(c) === g ? i : -1)).filter((i) => i >= 0);
    const cells = detectors.map(([n]) => pct(idx.filter((i) => results.get(n)![i]).length, idx.length).padStart(10));
    console.log(`${g.padEnd(26)} ${String(idx.length).padStart(5)} ${cells.join('')}`);
  }
}

rows('encoding', (c) => c.encoding + (c.bom ? ' +BOM' : c.family === 'Unicode' ? ' no BOM' : ''));
rows('family', (c) => c.family);
rows('size', (c) => (c.bytes.length < 1024 ? 'under 1 KB' : c.bytes.length < 8192 ? '1-8 KB' : '8 KB and over'));
rows('form', (c) => (c.name.includes(' html ') ? 'web page (HTML)' : 'plain text'));
rows('overall', () => 'all');
console.log(`\ntime (s)${' '.repeat(25)}${detectors.map(([n]) => (times.get(n)! / 1000).toFixed(1).padStart(10)).join('')}`);
const extra = debconfCases();
if (extra.length > 0) {
  const cells = detectors.map(([, detect]) => pct(extra.filter((c) => right(detect, c)).length, extra.length).padStart(10));
  console.log(`\nindependent check: ${extra.length} debconf template descriptions from ${TEMPLATES} (mostly under 300 bytes)`);
  console.log(`${'all'.padEnd(26)} ${String(extra.length).padStart(5)} ${cells.join('')}`);
}
if (process.argv.includes('--failures')) {
  const ours = results.get('lectern')!;
  for (const [i, c] of cases.entries()) {
    if (ours[i]) continue;
    let got: string;
    try {
      got = decodeBytes(c.bytes).encoding;
    } catch (e) {
      got = (e as Error).message;
    }
    console.log(`FAIL ${c.name} (${c.bytes.length} bytes) -> ${got}`);
  }
}
