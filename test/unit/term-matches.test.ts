// Where a query's terms occur in a text (db/term-matches.ts) is found the way
// the full-text index tokenizes: by indexOf for longer first tokens, by one
// pattern for all terms when one is short ("a", "in"). Both must give exactly
// the matches found by tokenizing every word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachToken } from '../../common/unicode61.ts';
import { parseSearchQuery, type SearchTerm } from '../../db/fts-query.ts';
import { findMatches, type TermMatch } from '../../db/term-matches.ts';

/** The matches of terms by tokenizing every word of the text (slow, plain). */
function byTokens(text: string, terms: readonly SearchTerm[]): TermMatch[] {
  const tokens: Array<{ term: string; start: number; end: number }> = [];
  forEachToken(text, (term, start, end) => { tokens.push({ term, start, end }); });
  const out: TermMatch[] = [];
  tokens.forEach((tok, i) => {
    terms.forEach((t, ti) => {
      const ok = t.tokens.every((want, k) => {
        const got = tokens[i + k];
        const last = k === t.tokens.length - 1;
        return got !== undefined && (got.term === want || (last && t.prefix && got.term.startsWith(want)));
      });
      if (ok) out.push({ term: ti, start: tok.start, end: tokens[i + t.tokens.length - 1]!.end });
    });
  });
  return out;
}

const TEXTS = [
  'A man, a plan: the said Thé-party in Åland; "in the year" 2004, a.b a/b ISIS-K is it? ' +
    'Then th, thé and THEM. Said they: an ant and an answer... añejo café, CAFÉ, naïve; ×a× 1a a1 ' +
    'in\u00a0the year, the\u2019s, Ωmega ωmega, x tail of the text is: a',
  // a capital dotted I lower-cases to two characters: this text is matched by tokenizing
  'İs it the said year, in the year, a cafe and an answer, ISIS-K a1 ωmega x a tail',
];

test('findMatches gives the matches of tokenizing every word, for short and long first tokens, words, prefixes and phrases', () => {
  const queries = ['a', 'a*', 'in the', '"in the year"', 'the said', 'th*', 'the th*', 'is it', 'an* a', 'cafe', 'thé', 'naive',
    'a* b* c* i* t*', '"a b"', 'isis k', 'ωmega', '1a a1', 'tail', 'x a', 'year 2004', 's'];
  for (const [i, text] of TEXTS.entries()) {
    for (const q of queries) {
      const terms = parseSearchQuery(q);
      const want = byTokens(text, terms);
      assert.ok(want.length > 0 || q === 's' || i > 0, `${q} is in the text`);
      assert.deepEqual(findMatches(text, terms), want, `${q} in text ${i}`);
      // bounded reads give the matches that start in the range, the first ones when a count is asked
      assert.deepEqual(findMatches(text, terms, { from: 20, to: 120 }), want.filter((m) => m.start >= 20 && m.start < 120), `${q} in [20, 120)`);
      assert.deepEqual(findMatches(text, terms, { max: 3 }), want.slice(0, 3), `${q}, the first three`);
    }
  }
});

test('findMatches: a term inside a longer word is not a match, at a chunk boundary neither', () => {
  // chunks are 64 KB: words straddle the boundary
  const text = `${'said '.repeat(13_106)}xa athe the aa a`;
  const terms = parseSearchQuery('a the');
  const found = findMatches(text, terms);
  assert.deepEqual(found, byTokens(text, terms));
  assert.deepEqual(found.map((m) => text.slice(m.start, m.end)), ['the', 'a']);
});
