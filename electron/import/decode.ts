// Bytes -> text. The order of evidence: a byte-order mark; the NUL-byte
// patterns of BOM-less UTF-32 and UTF-16; valid UTF-8 (7-bit ISO-2022-JP,
// valid UTF-8 too, by its escape sequences); BOM-less mostly-CJK UTF-16; then
// the legacy encoding whose decoding of a bounded sample reads most like a
// language (encoding/rank.ts), decoded with iconv-lite.
// The result is the whole file as NFC with LF line ends; nothing else is
// removed (a BOM is an encoding marker, not text, and is not kept).

import { chardetLabel, detectorEvidence } from './encoding/detectors.ts';
import { decodeAs } from './encoding/encodings.ts';
import { LANGUAGE_BY_CODE } from './encoding/languages.ts';
import { rankLegacy, type Candidate } from './encoding/rank.ts';
import { detectionSample } from './encoding/sample.ts';
import { looksBinary, tryDecode } from './encoding/text-checks.ts';
import { utf16WithoutBom, utf32WithoutBom } from './encoding/unicode-without-bom.ts';

export interface Decoded {
  text: string;
  /** Lower-case encoding label, e.g. 'utf-8', 'utf-16le', 'windows-1252'. */
  encoding: string;
}

/** A file that cannot be read as text; the message is a plain reason for the user. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/** Decode a text file's bytes, or throw a DecodeError saying why it is not text. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  // Byte-order marks. UTF-32LE's BOM starts like UTF-16LE's, so test it first.
  if (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0 && bytes.length % 4 === 0) {
    return finish(strictIconv(bytes.subarray(4), 'utf-32le', 'UTF-32LE'), 'utf-32le');
  }
  if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return finish(strictIconv(bytes.subarray(4), 'utf-32be', 'UTF-32BE'), 'utf-32be');
  }
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return finish(strict(utf8, bytes.subarray(3), 'invalid UTF-8 after a UTF-8 byte-order mark'), 'utf-8');
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return finish(strict(utf16le, bytes.subarray(2), 'invalid UTF-16LE after a UTF-16LE byte-order mark'), 'utf-16le');
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return finish(strict(utf16be, bytes.subarray(2), 'invalid UTF-16BE after a UTF-16BE byte-order mark'), 'utf-16be');
  }

  if (bytes.includes(0)) {
    const unicode = utf32WithoutBom(bytes) ?? utf16WithoutBom(bytes);
    if (unicode) return finish(unicode.text, unicode.encoding);
    throw new DecodeError('binary file (contains NUL bytes)');
  }

  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== null) {
    if (ISO_2022_JP_ESCAPES.some((e) => asUtf8.includes(e))) {
      const jis = tryDecode(new TextDecoder('iso-2022-jp', { fatal: true }), bytes);
      if (jis !== null) return finish(jis, 'iso-2022-jp');
    }
    return finish(asUtf8, 'utf-8');
  }

  const cjkUtf16 = utf16WithoutBom(bytes);
  if (cjkUtf16) return finish(cjkUtf16.text, cjkUtf16.encoding);
  return decodeLegacy(bytes);
}

/** ESC $ B / ESC $ @ (JIS X 0208) switch 7-bit ISO-2022-JP text into Japanese. */
const ISO_2022_JP_ESCAPES = ['\u001b$B', '\u001b$@'];

function decodeLegacy(bytes: Uint8Array): Decoded {
  const sample = detectionSample(bytes);
  const ranked = rankLegacy(sample, detectorEvidence(sample));
  const best = ranked[0]!;
  // Encodings that decode the sample exactly as the best one does are all
  // right for it. Name the one chardet names, if it is one of them (the labels
  // Lectern stored before), else the one the language really used, the
  // narrowest first; unless the rest of the file needs a wider one.
  const same = ranked.filter((c) => c.text === best.text);
  for (const candidate of labelOrder(same, best.language, chardetLabel(sample))) {
    const text = decodeAs(bytes, candidate.encoding);
    if (!text.includes('\uFFFD') && !hasC1Controls(text)) return finish(text, candidate.encoding);
  }
  const text = decodeAs(bytes, best.encoding);
  if (text.includes('\uFFFD')) throw new DecodeError(`undecodable: not valid ${best.encoding} text, nor in any other known encoding`);
  return finish(text, best.encoding);
}

function labelOrder(same: Candidate[], language: string | null, named: string | null): Candidate[] {
  const used = LANGUAGE_BY_CODE.get(language ?? '')?.encodings ?? [];
  const rank = (c: Candidate) => (c.encoding === named ? 0 : used.includes(c.encoding) ? 1 : 2);
  return [...same].sort((a, b) => rank(a) - rank(b) || printableHighBytes(a.encoding) - printableHighBytes(b.encoding)
    || used.indexOf(a.encoding) - used.indexOf(b.encoding));
}

const printable = new Map<string, number>();
/** How many of the bytes 0x80-0xFF an 8-bit encoding maps to printable characters: fewer is narrower. */
function printableHighBytes(encoding: string): number {
  let n = printable.get(encoding);
  if (n === undefined) {
    const text = decodeAs(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i), encoding);
    n = [...text].filter((c) => c !== '\uFFFD' && !/\p{Cc}/u.test(c)).length;
    printable.set(encoding, n);
  }
  return n;
}

const C1 = /[\u0080-\u009f]/;
function hasC1Controls(text: string): boolean {
  return C1.test(text);
}

function strictIconv(bytes: Uint8Array, encoding: string, label: string): string {
  const text = decodeAs(bytes, encoding);
  if (text.includes('\uFFFD')) throw new DecodeError(`undecodable: not valid ${label} text`);
  return text;
}

function strict(decoder: TextDecoder, bytes: Uint8Array, reason: string): string {
  const text = tryDecode(decoder, bytes);
  if (text === null) throw new DecodeError(reason);
  return text;
}

function finish(raw: string, encoding: string): Decoded {
  if (raw.includes('\0')) throw new DecodeError('binary file (contains NUL characters)');
  if (looksBinary(raw)) throw new DecodeError('binary file (contains control characters)');
  return { text: normalizeText(raw), encoding };
}

/** NFC and LF line ends (CRLF and lone CR become LF). Nothing else changes. */
export function normalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').normalize('NFC');
}
