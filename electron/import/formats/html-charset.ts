// An HTML page's bytes -> its markup as text. A byte-order mark or valid UTF-8
// decide first (a page re-saved as UTF-8 often keeps the old charset
// declaration, and legacy bytes are almost never valid UTF-8 by chance);
// otherwise the charset the page declares in its first 1024 bytes (<meta
// charset>, <meta http-equiv=Content-Type>, or an XML declaration), decoded as
// browsers decode it (WHATWG labels: "iso-8859-1" is windows-1252); otherwise
// the detector, as for any text file.
import { decodeBytes, normalizeText, type Decoded } from '../decode.ts';

const PRESCAN = 1024;
const CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9._:-]+)/i;
const XML_ENCODING = /^<\?xml[^>]+encoding\s*=\s*["']([a-z0-9._:-]+)["']/i;

/** The charset label the page declares, lower-case, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN));
  const m = CHARSET.exec(head) ?? XML_ENCODING.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

const startsWithBom = (b: Uint8Array) =>
  (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The page as text (NFC, LF) and the encoding it was decoded with; `detected`: the bytes as any text file decodes (when done already). */
export function decodeHtml(bytes: Uint8Array, detected?: Decoded): Decoded {
  const label = declaredCharset(bytes);
  if (label && !startsWithBom(bytes) && detected?.encoding !== 'utf-8' && !validUtf8(bytes)) {
    let decoder: TextDecoder | null = null;
    try { decoder = new TextDecoder(label, { fatal: true }); } catch { /* a label browsers do not know: detect instead */ }
    // a declared UTF-16 in an ASCII-compatible prescan is a mistake browsers ignore too
    if (decoder && !decoder.encoding.startsWith('utf-')) {
      try {
        return { text: normalizeText(decoder.decode(bytes)), encoding: decoder.encoding };
      } catch { /* not valid in the declared charset: detect instead */ }
    }
  }
  return detected ?? decodeBytes(bytes);
}
