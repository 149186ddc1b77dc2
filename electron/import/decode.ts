// Bytes -> text. The order of evidence: a byte-order mark, valid UTF-8, the
// NUL-byte pattern of BOM-less UTF-16, then a detected legacy encoding
// (chardet, chosen over jschardet by measurement, decoded with iconv-lite).
// The result is the whole file as NFC with LF line ends; nothing else is
// removed (a BOM is an encoding marker, not text, and is not kept).

import { Buffer } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

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

/** How many leading bytes the legacy-encoding detector looks at. */
const DETECT_SAMPLE = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/** Decode a text file's bytes, or throw a DecodeError saying why it is not text. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  // Byte-order marks. UTF-32LE's BOM starts like UTF-16LE's, so test it first.
  if (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0 && bytes.length % 4 === 0) {
    return finish(decodeIconv(bytes.subarray(4), 'utf-32le', 'UTF-32LE'), 'utf-32le');
  }
  if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return finish(decodeIconv(bytes.subarray(4), 'utf-32be', 'UTF-32BE'), 'utf-32be');
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
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) return finish(utf16.text, utf16.encoding);
    throw new DecodeError('binary file (contains NUL bytes)');
  }

  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== null) return finish(asUtf8, 'utf-8');

  return decodeLegacy(bytes);
}

/**
 * BOM-less UTF-16: text in Latin, Cyrillic, Greek… scripts has a NUL in the
 * high byte of every ASCII character (spaces, digits, punctuation, line ends),
 * so NULs fall (almost) only on odd offsets for LE, even offsets for BE, and
 * on a fair share of them. An 8-bit file with a stray NUL, or a binary file
 * with NULs everywhere, does not fit that pattern; what remains is accepted
 * only if it decodes strictly to assigned characters without controls.
 */
function utf16WithoutBom(bytes: Uint8Array): Decoded | null {
  if (bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const units = bytes.length / 2;
  const fits = (hits: number, other: number) => hits >= units * 0.02 && other <= hits / 20;
  const candidates: Array<[TextDecoder, string]> = [];
  if (fits(odd, even)) candidates.push([utf16le, 'utf-16le']);
  if (fits(even, odd)) candidates.push([utf16be, 'utf-16be']);
  for (const [decoder, encoding] of candidates) {
    const text = tryDecode(decoder, bytes);
    if (text !== null && !text.includes('\0') && !looksBinary(text) && !UNASSIGNED.test(text)) return { text, encoding };
  }
  return null;
}

/** Unassigned code points (and noncharacters): never in real text, common in misread bytes. */
const UNASSIGNED = /\p{Cn}/u;

function decodeLegacy(bytes: Uint8Array): Decoded {
  const detected = chardet.detect(bytes.subarray(0, DETECT_SAMPLE));
  if (!detected) throw new DecodeError('cannot tell the text encoding (not UTF-8, and no known encoding fits)');
  let encoding = detected.toLowerCase();
  if (encoding.startsWith('utf-')) {
    // chardet names UTF-16/32 only from a BOM, handled above, and UTF-8 did not validate.
    throw new DecodeError(`not valid ${detected} text`);
  }
  // Windows-1252 is the superset everybody writes when they say Latin-1
  // (WHATWG maps the label likewise); its 0x80-0x9F are letters and quotes,
  // Latin-1's are invisible controls.
  if (encoding === 'iso-8859-1' && hasC1Bytes(bytes)) encoding = 'windows-1252';
  // Too little text for the detector, which then says ASCII although bytes >= 0x80
  // are present (a short "café" in Windows-1252): take the commonest 8-bit encoding.
  if (encoding === 'ascii' || encoding === 'us-ascii') encoding = 'windows-1252';
  if (!iconv.encodingExists(encoding)) throw new DecodeError(`unsupported text encoding ${detected}`);
  const text = decodeIconv(bytes, encoding, detected);
  return finish(text, encoding);
}

function decodeIconv(bytes: Uint8Array, encoding: string, label: string): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
  if (text.includes('\uFFFD')) throw new DecodeError(`undecodable: not valid ${label} text`);
  return text;
}

function hasC1Bytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 && b <= 0x9f) return true;
  return false;
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function strict(decoder: TextDecoder, bytes: Uint8Array, reason: string): string {
  const text = tryDecode(decoder, bytes);
  if (text === null) throw new DecodeError(reason);
  return text;
}

/**
 * Stray control characters: C0 controls other than tab, line feed, vertical
 * tab, form feed, carriage return and escape, plus DEL. More than 1% of them
 * (and at least 8) is not a text file.
 */
function looksBinary(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) || c === 0x7f) n++;
  }
  return n >= 8 && n > text.length / 100;
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
