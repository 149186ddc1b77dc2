// UTF-16 and UTF-32 files without a byte-order mark.
//
// UTF-32: every code point is below 0x110000, so one byte of each four is
// always 0 and the next is at most 0x10: a pattern no other text has.
// UTF-16 of alphabetic scripts: ASCII characters (spaces, digits, punctuation,
// line ends) have a NUL high byte, so NULs fall (almost) only on odd offsets
// for LE, even offsets for BE, and on a fair share of them.
// UTF-16 of mostly-CJK text has few NULs, or none; it is recognised when it
// decodes strictly to clean text that is mostly CJK and reads like Chinese,
// Japanese or Korean (frequent characters, not random ideographs), which
// misread bytes, even ASCII ones, do not.

import type { Decoded } from '../decode.ts';
import { decodeAs } from './encodings.ts';
import { score, transitions } from './language-model.ts';
import { modelsForScripts } from './models.ts';
import { cleanText, tryDecode } from './text-checks.ts';

const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

export function utf32WithoutBom(bytes: Uint8Array): Decoded | null {
  if (bytes.length % 4 !== 0 || bytes.length === 0) return null;
  for (const [encoding, zero, small] of [['utf-32le', 3, 2], ['utf-32be', 0, 1]] as const) {
    let fits = true;
    for (let i = 0; i < bytes.length && fits; i += 4) fits = bytes[i + zero] === 0 && bytes[i + small]! <= 0x10;
    if (!fits) continue;
    const text = decodeAs(bytes, encoding);
    if (!text.includes('\uFFFD') && cleanText(text)) return { text, encoding };
  }
  return null;
}

/** BOM-less UTF-16 by its NUL pattern (alphabetic scripts) or as plausible CJK text. */
export function utf16WithoutBom(bytes: Uint8Array): Decoded | null {
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
  const fits = (hits: number, other: number) => hits >= Math.max(2, units * 0.02) && other <= hits / 20;
  const pattern = new Set<string>();
  if (fits(odd, even)) pattern.add('utf-16le');
  if (fits(even, odd)) pattern.add('utf-16be');
  // Either way round, CJK text (few NULs: its ASCII and characters such as
  // U+4E00, on either parity) must show itself as CJK text.
  let best: { decoded: Decoded; plausibility: number } | null = null;
  for (const [decoder, encoding] of [[utf16le, 'utf-16le'], [utf16be, 'utf-16be']] as const) {
    const text = tryDecode(decoder, bytes);
    if (text === null || !cleanText(text)) continue;
    if (!mostlyCjk(text)) {
      if (pattern.has(encoding)) return { text, encoding };
      continue;
    }
    const plausibility = cjkPlausibility(text);
    if (plausibility !== null && (!best || plausibility > best.plausibility)) best = { decoded: { text, encoding }, plausibility };
  }
  return best?.decoded ?? null;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Average log-likelihood per non-ASCII character under the best CJK
 * language, or null when the text is not mostly CJK or reads as random
 * characters. Real text in the corpus scores above -8; ideographs made of
 * misread byte pairs score below -12.
 */
export const CJK_PLAUSIBLE = -10;
/** Bounded work: the plausibility of a huge file is judged on its beginning. */
const PLAUSIBILITY_CHARS = 16 * 1024;

function cjkShare(text: string): { cjk: number; ascii: number; other: number } {
  let cjk = 0;
  let ascii = 0;
  let other = 0;
  for (const ch of text.slice(0, PLAUSIBILITY_CHARS)) {
    if (ch.charCodeAt(0) < 0x80) ascii++;
    else if (CJK.test(ch)) cjk++;
    else other++;
  }
  return { cjk, ascii, other };
}

function mostlyCjk(text: string): boolean {
  const { cjk, ascii, other } = cjkShare(text);
  return cjk >= (cjk + ascii + other) * 0.3;
}

export function cjkPlausibility(whole: string): number | null {
  const text = whole.slice(0, PLAUSIBILITY_CHARS);
  const { cjk, other } = cjkShare(text);
  if (cjk < 4 || !mostlyCjk(text) || other > cjk / 10) return null;
  const t = transitions(text);
  const characters = [...text].length;
  let best = -Infinity;
  for (const model of modelsForScripts(new Set(['Han', 'Japanese', 'Hangul']))) best = Math.max(best, score(model, t) / characters);
  return best >= CJK_PLAUSIBLE ? best : null;
}
