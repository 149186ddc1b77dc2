// Ranking the legacy encodings a file could be in: decode a bounded sample of
// it with every candidate and weigh how plausible each decoded text is as a
// language we have statistics for (language-model.ts). A wrong 8-bit decoding
// reads as letter salad (case in the middle of words, letters of a neighbouring
// alphabet, box-drawing and C1 control characters, invalid multi-byte
// sequences); the right one reads like the language. The ranking with each
// candidate's decoded sample is the evidence a reader-facing "reopen with
// encoding" can show as well.

import { decodeAs, LEGACY_CANDIDATES } from './encodings.ts';
import { score, transitions } from './language-model.ts';
import { modelsForScripts } from './models.ts';
import { LANGUAGE_BY_CODE, type Script } from './languages.ts';

export interface Candidate {
  encoding: string;
  /** The sample decoded with this encoding (NFC, as the decoder returns text). */
  text: string;
  /** Log-likelihood of the sample's non-ASCII characters under the best-fitting language (higher is better). */
  score: number;
  /** That language's code, or null when no language fits (no non-ASCII text, or none scored). */
  language: string | null;
  /** Invalid byte sequences (U+FFFD) in the decoded sample. */
  invalid: number;
}

/** Which script a non-ASCII character belongs to, for choosing the models to score a text with. */
function scriptOf(cp: number): Script | null {
  if (cp >= 0xc0 && cp <= 0x24f) return cp === 0xd7 || cp === 0xf7 ? null : 'Latin';
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'Latin';
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return 'Greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'Cyrillic';
  if (cp >= 0x590 && cp <= 0x5ff) return 'Hebrew';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'Arabic';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'Thai';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return 'Hangul';
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0xff66 && cp <= 0xff9f)) return 'Japanese';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) return 'Han';
  return null;
}

/** The scripts that make up at least a sixth of a text's non-ASCII letters (Latin when it has none). */
export function scriptsOf(text: string): Set<Script> {
  const counts = new Map<Script, number>();
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    const s = scriptOf(cp);
    if (s) {
      counts.set(s, (counts.get(s) ?? 0) + 1);
      n++;
    }
  }
  const out = new Set<Script>();
  for (const [s, c] of counts) if (c >= n / 6) out.add(s);
  if (out.has('Han')) out.add('Japanese'); // kanji-heavy Japanese reads as Han
  if (out.size === 0) out.add('Latin');
  return out;
}

/**
 * Natural-log cost of reading a text as a language in an encoding that
 * language was not written in (languages.ts): the evidence of the text
 * must outweigh it. Prefers the encoding the language really used.
 */
export const FOREIGN_ENCODING = -12;

/**
 * A web page's markup is ASCII in every candidate and says nothing about the
 * language: scripts, styles, comments, tags and entities are left out of the
 * scored text when the sample has markup.
 */
export function withoutMarkup(text: string): string {
  if ((text.match(/<\/?[a-zA-Z!][^<>]*>/g)?.length ?? 0) < 3) return text;
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z!][^<>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, ' ');
}

/** Each language's score for a text, for the models of the text's scripts. */
function languageScores(decoded: string): Array<{ code: string; score: number }> {
  const text = withoutMarkup(decoded);
  const t = transitions(text);
  if (t.cur.length === 0) return [];
  return modelsForScripts(scriptsOf(text)).map((model) => ({ code: model.code, score: score(model, t) }));
}

/** The best language for a text decoded with an encoding, and its score. */
function bestReading(scores: Array<{ code: string; score: number }>, encoding: string): { score: number; language: string | null } {
  let best = { score: scores.length === 0 ? 0 : -Infinity, language: null as string | null };
  for (const { code, score: s } of scores) {
    const total = s + (LANGUAGE_BY_CODE.get(code)!.encodings.includes(encoding) ? 0 : FOREIGN_ENCODING);
    if (total > best.score) best = { score: total, language: code };
  }
  return best;
}

/**
 * Every legacy candidate for a sample, most plausible first. `evidence` adds
 * other detectors' votes (detectors.ts) to the score of the encodings they name.
 */
export function rankLegacy(sample: Uint8Array, evidence: ReadonlyMap<string, number> = new Map()): Candidate[] {
  const out: Candidate[] = [];
  const scored = new Map<string, Array<{ code: string; score: number }>>();
  for (const encoding of LEGACY_CANDIDATES) {
    const text = decodeAs(sample, encoding).replace(/\r\n?/g, '\n').normalize('NFC');
    let invalid = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) invalid++;
    let scores = scored.get(text);
    if (!scores) {
      scores = languageScores(text);
      scored.set(text, scores);
    }
    const reading = bestReading(scores, encoding);
    out.push({ encoding, text, score: reading.score + (evidence.get(encoding) ?? 0), language: reading.language, invalid });
  }
  return out.sort((a, b) => b.score - a.score);
}
