// The aligner's fast paths give what the plain definitions give: forEachWord
// (a loop over character codes) finds exactly WORD's matches, and in runs of
// unspaced scripts (Chinese, Japanese, Thai…) Intl.Segmenter's words; sentences are
// trimmed of exactly /\s/; exact anchors told apart by hashes fall back to
// the wordings themselves when two wordings share a hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { exactAnchors } from '../../common/align/anchors.ts';
import type { Unit } from '../../common/align/units.ts';
import { UNSPACED_LETTER, WORD, forEachWord } from '../../common/align/words.ts';
import { sentencesUtf16 } from '../../common/segment.ts';
import { CORPUS } from '../helpers/tmp.ts';
import { readArticle, rng } from '../helpers/version-pair.ts';

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
/** The plain definition: WORD's matches between runs of unspaced letters, Intl.Segmenter's words inside them. */
const byRegex = (text: string, start: number, end: number) => {
  const out: number[][] = [];
  const slice = text.slice(start, end);
  const runs = [...slice.matchAll(/[^]/gu)].reduce<{ unspaced: boolean; from: number; to: number }[]>((acc, m) => {
    const unspaced = UNSPACED_LETTER.test(m[0]);
    const last = acc.at(-1);
    if (last && last.unspaced === unspaced) last.to = m.index + m[0].length;
    else acc.push({ unspaced, from: m.index, to: m.index + m[0].length });
    return acc;
  }, []);
  for (const r of runs) {
    const part = slice.slice(r.from, r.to);
    const found = r.unspaced
      ? [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => [s.index, s.index + s.segment.length])
      : [...part.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
    for (const [a, b] of found) out.push([start + r.from + a!, start + r.from + b!]);
  }
  return out;
};
const byLoop = (text: string, start: number, end: number) => {
  const out: number[][] = [];
  forEachWord(text, start, end, (from, to) => out.push([from, to]));
  return out;
};

// letters (Latin, accented, Greek, unspaced scripts: Han, kana and the prolonged sound mark, Thai, an astral Han), combining marks, digits of several scripts and other numbers,
// both apostrophes, astral letters, digits and emoji, lone surrogates, spaces and punctuation
const POOL = ['a', 'Z', 'é', 'ß', 'Ω', '中', '国', 'の', 'カ', 'ー', 'ก', 'ไ', '\u0e31', '𠀀', '\u0301', '\u0903', '0', '9', '٣', '²', '½', 'Ⅻ', "'", '’', '‘', '𝐀', '𝟙', '😀',
  '\ud835', '\udc00', ' ', '\n', '.', ',', '-', '_', '"', '\u00a0', '\u200b'];

test('forEachWord finds the same words as the plain definition on random text of every kind of character, slices included', () => {
  const rand = rng(7);
  for (let n = 0; n < 3000; n++) {
    const len = 1 + Math.floor(rand() * 30);
    let text = '';
    for (let k = 0; k < len; k++) text += POOL[Math.floor(rand() * POOL.length)]!;
    const start = Math.floor(rand() * (text.length + 1));
    const end = start + Math.floor(rand() * (text.length - start + 1));
    assert.deepEqual(byLoop(text, 0, text.length), byRegex(text, 0, text.length), JSON.stringify(text));
    assert.deepEqual(byLoop(text, start, end), byRegex(text, start, end), `${JSON.stringify(text)} [${start}, ${end})`);
  }
});

test('forEachWord finds the same words as the plain definition in corpus articles', () => {
  const dir = join(CORPUS, 'politics');
  for (const f of readdirSync(dir).slice(0, 40)) {
    const text = readArticle(join(dir, f));
    assert.deepEqual(byLoop(text, 0, text.length), byRegex(text, 0, text.length), f);
  }
});

test('sentences are trimmed of every character /\\s/ matches, and not of look-alikes', () => {
  const spaces: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (c !== 10 && /\s/.test(String.fromCharCode(c))) spaces.push(String.fromCharCode(c));
  assert.equal(spaces.length, 24); // /\s/: WhiteSpace and LineTerminator, but the newline (it ends a line)
  for (const ch of spaces) {
    const text = `${ch}Word one.${ch}`;
    assert.deepEqual(sentencesUtf16(text).map((s) => text.slice(s.start, s.end)), ['Word one.'], `U+${ch.charCodeAt(0).toString(16)}`);
  }
  // zero-width space, Mongolian vowel separator, soft hyphen: not /\s/, kept
  for (const ch of ['\u200b', '\u180e', '\u00ad']) {
    const text = `Word${ch} one.${ch}`;
    assert.deepEqual(sentencesUtf16(text).map((s) => text.slice(s.start, s.end)), [text], `U+${ch.charCodeAt(0).toString(16)}`);
  }
});

const unit = (order: number[], key: number): Unit => {
  const terms = Int32Array.from(order).sort();
  return { start: 0, end: 0, paragraph: 0, terms, weight: terms.length, order: Int32Array.from(order), key, headline: false };
};

test('exact anchors: two wordings with one hash are still told apart', () => {
  // A's 0 and B's 1 are the same wording; the rest collide on key 7 without being the same
  const A = [unit([1, 2, 3, 4], 7), unit([5, 6, 7, 8], 9)];
  const B = [unit([9, 9, 9, 9], 9), unit([1, 2, 3, 4], 7)];
  assert.deepEqual(exactAnchors(A, B), [{ i: 0, j: 1, score: 1 }]);
  // a collision inside one text: B's 0 is unique, not a repeat of B's 1
  const B2 = [unit([1, 2, 3, 4], 7), unit([4, 3, 2, 1], 7)];
  assert.deepEqual(exactAnchors(A, B2), [{ i: 0, j: 0, score: 1 }]);
  // and a real repeat is no anchor
  assert.deepEqual(exactAnchors(A, [unit([1, 2, 3, 4], 7), unit([1, 2, 3, 4], 7)]), []);
});
