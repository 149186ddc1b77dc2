// The encodings Lectern reads: their labels (lower-case, as stored with a
// source), families and how each is decoded. iconv-lite decodes all of them
// except ISO-2022-JP, which the WHATWG TextDecoder (ICU) knows and iconv-lite
// does not.

import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';

export type Family =
  | 'Unicode' | 'Western' | 'Central European' | 'Baltic' | 'Turkish' | 'Cyrillic' | 'Greek' | 'Hebrew'
  | 'Arabic' | 'Thai' | 'Vietnamese' | 'Chinese' | 'Japanese' | 'Korean';

export interface EncodingInfo {
  label: string;
  family: Family;
  /** iconv-lite's name for it, or null when TextDecoder decodes it. */
  iconv: string | null;
}

const enc = (label: string, family: Family, iconvName: string | null = label): EncodingInfo => ({ label, family, iconv: iconvName });

export const ENCODINGS: readonly EncodingInfo[] = [
  enc('utf-8', 'Unicode'), enc('utf-16le', 'Unicode'), enc('utf-16be', 'Unicode'), enc('utf-32le', 'Unicode'), enc('utf-32be', 'Unicode'),
  enc('windows-1252', 'Western'), enc('iso-8859-1', 'Western'), enc('iso-8859-15', 'Western'), enc('macintosh', 'Western'),
  enc('windows-1250', 'Central European'), enc('iso-8859-2', 'Central European'),
  enc('windows-1257', 'Baltic'), enc('iso-8859-13', 'Baltic'),
  enc('windows-1254', 'Turkish'), enc('iso-8859-9', 'Turkish'),
  enc('windows-1251', 'Cyrillic'), enc('koi8-r', 'Cyrillic'), enc('koi8-u', 'Cyrillic'), enc('ibm866', 'Cyrillic', 'cp866'),
  enc('ibm855', 'Cyrillic', 'cp855'), enc('x-mac-cyrillic', 'Cyrillic', 'maccyrillic'), enc('iso-8859-5', 'Cyrillic'),
  enc('windows-1253', 'Greek'), enc('iso-8859-7', 'Greek'),
  enc('windows-1255', 'Hebrew'), enc('iso-8859-8', 'Hebrew'),
  enc('windows-1256', 'Arabic'), enc('iso-8859-6', 'Arabic'),
  enc('tis-620', 'Thai', 'tis620'), enc('windows-874', 'Thai'),
  enc('windows-1258', 'Vietnamese'),
  // GB2312 ⊂ GBK ⊂ GB18030: the superset decodes all three identically.
  enc('gb2312', 'Chinese', 'gb18030'), enc('gbk', 'Chinese', 'gb18030'), enc('gb18030', 'Chinese'), enc('big5', 'Chinese'),
  enc('shift_jis', 'Japanese', 'shiftjis'), enc('euc-jp', 'Japanese', 'eucjp'), enc('iso-2022-jp', 'Japanese', null),
  // EUC-KR as written on Windows is CP949, its superset.
  enc('euc-kr', 'Korean', 'cp949'),
];

const BY_LABEL = new Map(ENCODINGS.map((e) => [e.label, e]));

export function encodingInfo(label: string): EncodingInfo | undefined {
  return BY_LABEL.get(label);
}

/**
 * The 8-bit and multi-byte encodings the detector weighs against each other
 * (one per distinct decoding: GB2312 and GBK are decoded as GB18030).
 */
export const LEGACY_CANDIDATES: readonly string[] = ENCODINGS
  .filter((e) => e.family !== 'Unicode' && e.label !== 'gb2312' && e.label !== 'gbk' && e.label !== 'iso-2022-jp')
  .map((e) => e.label);

/** Decode with a known label; invalid sequences become U+FFFD (callers decide what that means). */
export function decodeAs(bytes: Uint8Array, label: string): string {
  const info = BY_LABEL.get(label);
  if (!info) throw new Error(`unknown encoding ${label}`);
  if (info.iconv === null) return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), info.iconv, { stripBOM: false });
}
