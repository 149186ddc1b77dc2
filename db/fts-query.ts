// Turns what a researcher types into search terms: plain words (all must
// match), "quoted phrases" and prefix*. Each term becomes an FTS5 string, so no
// input (ISIS-K, a lone ", (, AND, NEAR) can raise an FTS5 syntax error, and
// also the folded tokens the index sees in it (common/unicode61.ts), so the
// search can find the same words in the stored text for snippets and scores.
// A run of Chinese, Japanese, Thai… letters is cut into words as the indexed
// texts are (db/fts-text.ts): one typed word may be a phrase of several.
import { tokenize } from '../common/unicode61.ts';
import { ftsText } from './fts-text.ts';

/** One term of a query: its tokens in order (a phrase when more than one); the last is a prefix when `prefix`. */
export interface SearchTerm {
  tokens: string[];
  prefix: boolean;
  /** The term as an FTS5 expression: a quoted string, with * for a prefix. */
  fts: string;
}

/** Terms a query may have (more are ignored: every term costs a pass over its doclist). */
export const MAX_TERMS = 16;

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

export function parseSearchQuery(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (typed: string, prefix: boolean) => {
    // words of scripts written without spaces as the index holds them: 长江流域 typed is the phrase of the words ICU finds in it
    const text = ftsText(typed);
    const tokens = tokenize(text).map((t) => t.term);
    if (tokens.length === 0) return;
    const fts = prefix ? `${quote(text)}*` : quote(text);
    const key = `${tokens.join(' ')}${prefix ? '*' : ''}`;
    if (seen.has(key) || terms.length >= MAX_TERMS) return;
    seen.add(key);
    terms.push({ tokens, prefix, fts });
  };
  for (const m of input.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] !== undefined) {
      add(m[1], false);
      continue;
    }
    const word = m[2]!.replaceAll('"', ' ').trim();
    const prefix = word.endsWith('*');
    add(prefix ? word.replace(/\*+$/, '') : word, prefix);
  }
  return terms;
}

/** Each word of a term as an FTS5 expression of its own (the last a prefix when the term is). */
export const wordExpressions = (term: SearchTerm): string[] =>
  term.tokens.map((t, i) => `${quote(t)}${term.prefix && i === term.tokens.length - 1 ? '*' : ''}`);

/** The FTS5 expression of terms: all must match. */
export const ftsExpression = (terms: readonly SearchTerm[]): string => terms.map((t) => t.fts).join(' AND ');

export function buildFtsQuery(input: string): string | null {
  const terms = parseSearchQuery(input);
  return terms.length > 0 ? ftsExpression(terms) : null;
}
