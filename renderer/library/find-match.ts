// Where a search hit's matched words first occur in a source text. The search
// ignores case and diacritics, so the text is folded the same way, one UTF-16
// unit to one unit, keeping offsets valid.
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../common/types.ts';
import { OffsetMap } from '../../common/offsets.ts';

function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : ch; // ASCII: no marks, lower-case only
  const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (f.length === 1) return f;
  const l = ch.toLowerCase();
  return l.length === 1 ? l : ch;
}

const BEYOND_ASCII = /[\u0080-\uffff]+/g;

/**
 * The text folded one UTF-16 unit to one (foldChar): runs of ASCII lower-cased
 * whole, each unit beyond ASCII folded once however often it recurs. A unit at a
 * time, a 37 MB text took 8 s here (4.7 s for the reader's first Find key).
 */
export function fold(text: string): string {
  const parts: string[] = [];
  const folded = new Map<number, string>();
  let from = 0;
  for (const m of text.matchAll(BEYOND_ASCII)) {
    parts.push(text.slice(from, m.index).toLowerCase());
    const run = m[0];
    let out = '';
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      let f = folded.get(c);
      if (f === undefined) folded.set(c, (f = foldChar(run[i]!)));
      out += f;
    }
    parts.push(out);
    from = m.index + run.length;
  }
  parts.push(text.slice(from).toLowerCase());
  return parts.join('');
}

/** The words a snippet marks as matched. */
export function markedTerms(snippet: string): string[] {
  const terms: string[] = [];
  const re = new RegExp(`${SNIPPET_OPEN}([^${SNIPPET_CLOSE}]*)${SNIPPET_CLOSE}`, 'gu');
  for (const m of snippet.matchAll(re)) if (m[1]!.trim()) terms.push(m[1]!.trim());
  return terms;
}

/** Code-point range of the first occurrence of any term (or of the query's words) in text; null if none. */
export function firstMatch(text: string, terms: string[]): { start: number; end: number } | null {
  const folded = fold(text);
  let best: { i: number; len: number } | null = null;
  for (const t of terms) {
    const ft = fold(t);
    if (!ft) continue;
    const i = folded.indexOf(ft);
    if (i >= 0 && (!best || i < best.i)) best = { i, len: ft.length };
  }
  if (!best) return null;
  const map = new OffsetMap(text);
  return { start: map.toCodePoint(best.i), end: map.toCodePoint(best.i + best.len) };
}

/** Splits a snippet into plain and matched parts (rendered as text nodes and <mark>, never as HTML). */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let hit = false;
  let buf = '';
  for (const ch of snippet) {
    if (ch === SNIPPET_OPEN || ch === SNIPPET_CLOSE) {
      if (buf) parts.push({ text: buf, hit });
      buf = '';
      hit = ch === SNIPPET_OPEN;
    } else buf += ch;
  }
  if (buf) parts.push({ text: buf, hit });
  return parts;
}
