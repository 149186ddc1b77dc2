// Text read with one encoding, as the same bytes read with another: the bytes
// a passage of the old text came from, decoded again. Used to carry a quote
// (and its context) from a garbled text onto its right decoding; the bytes
// themselves stay where they are.
import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeAs, encodingInfo } from '../encoding/encodings.ts';
import { normalizeText } from '../decode.ts';

export type Translate = (text: string) => string;

/** The bytes `text` was read from under `label`, or null when Lectern cannot encode it back (ISO-2022-JP: decoded by TextDecoder only). */
function encodeAs(text: string, label: string): Uint8Array | null {
  const info = encodingInfo(label);
  if (!info?.iconv) return null;
  return iconv.encode(text, info.iconv);
}

/** A function taking text read as `from` to the same bytes read as `to` (NFC, LF line ends), or null when `from` cannot be encoded back. */
export function translator(from: string, to: string): Translate | null {
  if (!encodingInfo(from)?.iconv || !encodingInfo(to)) return null;
  return (text) => {
    if (text === '') return '';
    const bytes = encodeAs(text, from)!;
    return normalizeText(decodeAs(new Uint8Array(Buffer.from(bytes)), to));
  };
}
