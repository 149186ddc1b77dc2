// The evaluation cases: every held-out document of every corpus language
// encoded into each legacy encoding that language was written in, plus the
// Unicode encodings (UTF-8, UTF-16, UTF-32; with and without a byte-order
// mark) over documents of every script. A case is right when the decoded text
// equals the document exactly (after Lectern's own NFC + LF normalisation), so
// a superset encoding that decodes the bytes identically counts as right.
//
// Characters an encoding cannot represent are written the way people did
// (“quotes” as "quotes", — as -, ș as ş); a paragraph with anything else
// unrepresentable is left out of that encoding's document.

import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { LANGUAGES } from '../../electron/import/encoding/languages.ts';
import { decodeAs, encodingInfo, type Family } from '../../electron/import/encoding/encodings.ts';
import { normalizeText } from '../../electron/import/decode.ts';
import { readDocs } from './docs.ts';

export interface Case {
  /** e.g. 'ru-03 koi8-r' */
  name: string;
  language: string;
  encoding: string;
  family: Family;
  bom: boolean;
  bytes: Uint8Array;
  /** The document as the decoder must return it. */
  expected: string;
}

export const UNICODE_VARIANTS: ReadonlyArray<{ encoding: string; bom: boolean }> = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']
  .flatMap((encoding) => [{ encoding, bom: false }, { encoding, bom: true }]);

const BOMS: Record<string, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], 'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff],
};

const FALLBACKS: Record<string, string> = {
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"', '\u2033': '"',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-',
  '\u2026': '...', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2022': '*', '\u00b7': '*', '\u2192': '->', '\u2190': '<-', '\u00a9': '(c)', '\u00ae': '(R)', '\u2122': '(TM)',
  '\u20ac': 'EUR', '\u2116': 'No.', '\u00d7': 'x',
  '\u0219': '\u015f', '\u021b': '\u0163', '\u0218': '\u015e', '\u021a': '\u0162',
};

/** Encode text that is known to be representable. */
export function encodeAs(text: string, label: string): Uint8Array {
  if (label === 'windows-1258') return encode1258(text);
  if (label === 'iso-2022-jp') return encodeIso2022jp(text);
  const name = { 'gb2312': 'gbk', 'gbk': 'gbk', 'euc-kr': 'cp949' }[label] ?? encodingInfo(label)?.iconv ?? label;
  return new Uint8Array(iconv.encode(text, name));
}

/** Windows-1258 writes Vietnamese tones as combining marks after a base letter it has. */
function encode1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const direct = iconv.encode(ch, 'windows1258');
    if (iconv.decode(direct, 'windows1258') === ch) {
      out.push(...direct);
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    let head = base!;
    const tones: string[] = [];
    for (const m of marks) {
      const composed = (head + m).normalize('NFC');
      if ([...composed].length === 1 && iconv.decode(iconv.encode(composed, 'windows1258'), 'windows1258') === composed) head = composed;
      else tones.push(m);
    }
    out.push(...iconv.encode(head + tones.join(''), 'windows1258'));
  }
  return Uint8Array.from(out);
}

/** ISO-2022-JP: JIS X 0208 (EUC-JP's two-byte rows less 0x80) between ESC $ B and ESC ( B. */
function encodeIso2022jp(text: string): Uint8Array {
  const euc = iconv.encode(text, 'eucjp');
  const out: number[] = [];
  let jis = false;
  for (let i = 0; i < euc.length; i++) {
    const b = euc[i]!;
    if (b < 0x80) {
      if (jis) out.push(0x1b, 0x28, 0x42);
      jis = false;
      out.push(b);
    } else {
      if (!jis) out.push(0x1b, 0x24, 0x42);
      jis = true;
      out.push(b & 0x7f, euc[++i]! & 0x7f);
    }
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}

/** Two-byte sequences inside the original standard's rows (GB2312, KS X 1001, JIS X 0208 without half-width kana). */
function withinRows(bytes: Uint8Array, lead: [number, number]): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const t = bytes[++i];
    if (b < lead[0] || b > lead[1] || t === undefined || t < 0xa1 || t > 0xfe) return false;
  }
  return true;
}

const representable = new Map<string, boolean>();
function canEncode(ch: string, label: string): boolean {
  const k = `${label}\u0000${ch}`;
  let ok = representable.get(k);
  if (ok === undefined) {
    const bytes = encodeAs(ch, label);
    ok = normalizeText(decodeAs(bytes, label)) === ch;
    if (ok && label === 'gb2312') ok = withinRows(bytes, [0xa1, 0xf7]);
    if (ok && label === 'euc-kr') ok = withinRows(bytes, [0xa1, 0xfe]);
    if (ok && label === 'iso-2022-jp') ok = withinRows(iconv.encode(ch, 'eucjp'), [0xa1, 0xfe]);
    representable.set(k, ok);
  }
  return ok;
}

/** The document as a writer in that encoding would have had it, or null if nothing of it is representable. */
export function adapt(text: string, label: string): string | null {
  const kept: string[] = [];
  for (const paragraph of text.replace(/\n$/, '').split('\n\n')) {
    let out = '';
    let ok = true;
    for (const ch of paragraph) {
      if (ch === '\n' || canEncode(ch, label)) out += ch;
      else if (FALLBACKS[ch] !== undefined && [...FALLBACKS[ch]!].every((c) => canEncode(c, label))) out += FALLBACKS[ch];
      else {
        ok = false;
        break;
      }
    }
    if (ok) kept.push(out);
  }
  return kept.length > 0 ? kept.join('\n\n') + '\n' : null;
}

/**
 * Every fourth document is saved as a web page, as much legacy text was:
 * ASCII markup (navigation, a stylesheet, a script) around its paragraphs,
 * with no charset declaration (a text file's detector must not need one).
 */
export function asWebPage(text: string, lang: string): string {
  const [title, ...rest] = text.trim().split('\n\n');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<!DOCTYPE html>', `<html lang="${lang}">`, '<head>', `<title>${esc(title!.split('\n')[0]!)}</title>`,
    '<link rel="stylesheet" type="text/css" href="/static/css/main.css?v=20070412">',
    '<style type="text/css">body { font-family: Verdana, Arial, sans-serif; margin: 0 auto; width: 760px; } .nav li { display: inline; }</style>',
    '<script type="text/javascript">var _gaq = _gaq || []; _gaq.push([\'_setAccount\', \'UA-1234567-1\']); _gaq.push([\'_trackPageview\']);</script>',
    '</head>', '<body>', '<div id="header"><a href="/"><img src="/static/img/logo.gif" width="180" height="40" alt=""></a></div>',
    '<ul class="nav"><li><a href="/">Home</a></li><li><a href="/archive/">Archive</a></li><li><a href="/about.html">About</a></li></ul>',
    '<div id="content">', `<h1>${esc(title!)}</h1>`, ...rest.map((p) => `<p>${esc(p)}</p>`), '</div>',
    '<div id="footer"><a href="/contact.html">Contact</a> | <a href="/rss.xml">RSS</a> | &copy; 2007</div>', '</body>', '</html>', '',
  ].join('\n');
}

/** Windows-era encodings get CRLF line ends on every other document, as files from Windows have. */
const WINDOWS = /^(windows-|shift_jis|gbk|gb18030|big5|euc-kr)/;

export function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const lang of LANGUAGES) {
    const docs = readDocs(lang.code);
    for (const encoding of lang.encodings) {
      docs.forEach((doc, i) => {
        const adapted = adapt(doc.text, encoding);
        if (adapted === null || !/[^\p{ASCII}]/u.test(adapted)) return;
        const page = i % 4 === 2;
        const text = page ? asWebPage(adapted, lang.code) : adapted;
        const raw = WINDOWS.test(encoding) && i % 2 === 1 ? text.replace(/\n/g, '\r\n') : text;
        const bytes = encodeAs(raw, encoding);
        if (normalizeText(decodeAs(bytes, encoding)) !== text) throw new Error(`${doc.id} does not round-trip through ${encoding}`);
        cases.push({ name: `${doc.id}${page ? ' html' : ''} ${encoding}`, language: lang.code, encoding, family: encodingInfo(encoding)!.family, bom: false, bytes, expected: text });
      });
    }
  }
  // Unicode: the i-th document of every language under each variant, a different i per variant.
  UNICODE_VARIANTS.forEach(({ encoding, bom }, v) => {
    for (const lang of LANGUAGES) {
      const docs = readDocs(lang.code);
      const doc = docs[(v * 3) % docs.length]!;
      const body = new Uint8Array(iconv.encode(doc.text, encoding.replace('-', '')));
      const bytes = bom ? Uint8Array.from([...BOMS[encoding]!, ...body]) : body;
      cases.push({ name: `${doc.id} ${encoding}${bom ? '+bom' : ''}`, language: lang.code, encoding, family: 'Unicode', bom, bytes, expected: doc.text });
    }
  });
  return cases;
}

export const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
