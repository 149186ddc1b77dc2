// Turns what a researcher types into a safe FTS5 query: plain words (all must
// match), "quoted phrases" and prefix*. Every term is emitted as an FTS5 string,
// so no input (ISIS-K, a lone ", (, AND, NEAR) can raise an FTS5 syntax error.

const HAS_TOKEN = /[\p{L}\p{N}]/u;

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

export function buildFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of input.matchAll(re)) {
    if (m[1] !== undefined) {
      if (HAS_TOKEN.test(m[1])) terms.push(quote(m[1]));
      continue;
    }
    const word = m[2]!.replaceAll('"', ' ').trim();
    const prefix = word.endsWith('*');
    const body = prefix ? word.replace(/\*+$/, '') : word;
    if (!HAS_TOKEN.test(body)) continue;
    terms.push(prefix ? `${quote(body)}*` : quote(body));
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}
