// A source's original bytes decoded with an encoding the researcher chose:
// the BOM of that encoding dropped (as the importer does), NFC, LF line ends.
// Unlike the importer, invalid sequences are not refused here: they are
// counted (U+FFFD) so a preview can show them, and a replacement refuses them.
import { ApiError } from '../../../common/types.ts';
import { decodeAs } from '../encoding/encodings.ts';
import { looksBinary } from '../encoding/text-checks.ts';
import { normalizeText } from '../decode.ts';

const BOMS: Record<string, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff],
  'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff],
};

export interface DecodedOriginal {
  text: string;
  /** Invalid byte sequences (each shown as U+FFFD). */
  invalid: number;
}

export function decodeOriginalAs(bytes: Uint8Array, encoding: string, name: string): DecodedOriginal {
  const bom = BOMS[encoding];
  const body = bom && bom.every((b, i) => bytes[i] === b) ? bytes.subarray(bom.length) : bytes;
  const raw = decodeAs(body, encoding);
  if (raw.includes('\0') || looksBinary(raw)) {
    throw new ApiError('not-text', `${name} read as ${encoding} is not text (it holds NUL or control characters): choose another encoding`);
  }
  const text = normalizeText(raw);
  let invalid = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) invalid++;
  return { text, invalid };
}
