// What a citation chip says. It reads like a citation: publisher (or byline),
// date and paragraph where they are known ("CNN, 2024-03-30, ¶10"; the page
// instead for a source with pages, a PDF: "Smith, 2019, p. 3"), the
// source's short title where neither publisher nor byline is. Two sources of
// one note that would read the same are told apart by a letter after the date,
// as author-date styles do ("CNN, 2024-03-30a" and "CNN, 2024-03-30b").

/** What a label can say about the cited source. */
export interface CitedSource {
  title: string;
  publisher?: string | null;
  byline?: string | null;
  /** ISO date. */
  published?: string | null;
}

/** A title cut at a word boundary to at most `max` characters, with an ellipsis. */
export function shortTitle(title: string, max = 32): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if ([...t].length <= max) return t;
  const cut = [...t].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/** Who the label names first: the publisher, else the byline, else the short title. */
function lead(src: CitedSource): string {
  const who = src.publisher?.trim() || src.byline?.trim().replace(/^by\s+/i, '');
  return shortTitle(who || src.title || 'Source', who ? 28 : 32);
}

/**
 * The part of the label that two different sources can share: its lead and
 * date. Sources of one note with the same key get letters (see `labelLetters`).
 */
export function labelKey(src: CitedSource): string {
  return `${lead(src)}\u0000${src.published ?? ''}`;
}

/**
 * "CNN, 2024-03-30, ¶10": lead, date (with `letter` when another source of the
 * note reads the same; "n.d." stands in for a missing date then), paragraph,
 * or the page (common/pages.ts pageName) where the source has pages.
 */
export function citationLabel(src: CitedSource, paragraph: number | null, letter = '', page: string | null = null): string {
  const parts = [lead(src)];
  if (src.published) parts.push(`${src.published}${letter}`);
  else if (letter) parts.push(`n.d.-${letter}`);
  if (page) parts.push(page);
  else if (paragraph) parts.push(`¶${paragraph}`);
  return parts.join(', ');
}

/**
 * Letters for the sources that share a label key, in the order given (the
 * order of their first citation in the note): a, b, c … z, aa, ab …; sources
 * whose key is unique get none.
 */
export function labelLetters(sources: ReadonlyArray<{ id: string; key: string }>): Map<string, string> {
  const byKey = new Map<string, string[]>();
  for (const s of sources) {
    const ids = byKey.get(s.key) ?? [];
    if (!ids.includes(s.id)) ids.push(s.id);
    byKey.set(s.key, ids);
  }
  const out = new Map<string, string>();
  for (const ids of byKey.values()) {
    if (ids.length > 1) ids.forEach((id, i) => out.set(id, letterOf(i)));
  }
  return out;
}

function letterOf(i: number): string {
  const a = 'a'.charCodeAt(0);
  return i < 26 ? String.fromCharCode(a + i) : letterOf(Math.floor(i / 26) - 1) + String.fromCharCode(a + (i % 26));
}
