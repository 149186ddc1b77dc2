// common/unicode61.ts must see the words FTS5's unicode61 tokenizer sees, or
// snippets mark the wrong words: compared token for token with SQLite's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { searchFold, startsToken, tokenize } from '../../common/unicode61.ts';
import { CORPUS } from '../helpers/tmp.ts';

function ftsTokens() {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)');
  const terms = db.prepare('SELECT term FROM v ORDER BY offset').pluck();
  return (text: string): string[] => {
    db.exec('DELETE FROM t');
    insert.run(text);
    return terms.all() as string[];
  };
}

test('tokens and their folding equal FTS5 unicode61 (remove_diacritics 2) for every BMP code point and real articles', () => {
  const fts = ftsTokens();
  const same = (text: string, what: string) => assert.deepEqual(tokenize(text).map((t) => t.term), fts(text), what);
  for (const s of ['Les Misérables at the Cologne Cathedral. ISIS-K claimed it.', 'Łódź, Ærø, Straße, İstanbul, ǅemal', 'άλφα Ωμέγα ςσ йод Ёлка',
    'cafe\u0301 x \u0301y', 'हैलो वर्ल्ड', 'مَرْحَبًا', '日本語テキスト', '😀smile a\u200db x_y don’t 3.14', '𝐀𝐁𝐂 \u{10400}Deseret', 'µ ſ ϐ Ꭰ']) {
    same(s, s);
  }
  let all = '';
  for (let cp = 0x80; cp < 0x10000; cp++) if (cp < 0xd800 || cp >= 0xe000) all += `a${String.fromCodePoint(cp)}b `;
  for (let i = 0; i < all.length; i += 4096) same(all.slice(i, i + 4096), `code points around U+${(0x80 + i / 4).toString(16)}`);
  for (const dir of ['business', 'entertainment', 'politics', 'sport', 'tech']) {
    for (const f of readdirSync(join(CORPUS, dir)).slice(0, 10)) same(readFileSync(join(CORPUS, dir, f), 'utf8'), f);
  }
});

test('searchFold keeps every offset and startsToken finds token starts', () => {
  const text = 'Ça va, ŁÓDŹ! naïve “quoted” 𝐀b';
  const folded = searchFold(text)!;
  assert.equal(folded.length, text.length);
  assert.equal(folded.slice(0, 2), 'ca');
  assert.equal(folded.slice(7, 11), 'łodz');
  assert.equal(searchFold('İ'), null, 'a capital dotted I lower-cases to two units: the caller tokenizes instead');
  assert.deepEqual(tokenize(text).map((t) => startsToken(text, t.start)), tokenize(text).map(() => true));
  assert.equal(startsToken(text, 1), false, 'inside a word');
  assert.equal(startsToken(text, 5), false, 'a separator');
});
