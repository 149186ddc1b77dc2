// A generated pair of versions for tests and bench:versions: a text and a copy of
// it with a share of its sentences reworded, moved and deleted, deterministically
// (seeded), with the truth about each sentence kept for checking an alignment.
import { readdirSync, readFileSync } from 'node:fs';
import { OffsetMap } from '../../common/offsets.ts';
import { paragraphsUtf16, sentencesUtf16 } from '../../common/segment.ts';

export const CORPUS = new URL('../../../shared/corpus/bbc-news/', import.meta.url).pathname;

/** The corpus articles in a fixed order (topic folder, then file name). */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const f of readdirSync(CORPUS + dir).filter((f) => f.endsWith('.txt')).sort()) out.push(`${CORPUS}${dir}/${f}`);
  }
  return out;
}

export function readArticle(path: string): string {
  return readFileSync(path, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
}

/** Corpus articles concatenated (blank line between) until the text has at least `chars` UTF-16 units. */
export function corpusText(chars: number, first = 0): string {
  const files = corpusFiles();
  const parts: string[] = [];
  let n = 0;
  for (let i = first; n < chars; i++) {
    const t = readArticle(files[i % files.length]!).trim();
    parts.push(t);
    n += t.length + 2;
  }
  return parts.join('\n\n');
}

/** mulberry32: a small seeded PRNG, so a pair is the same in every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYNONYMS: Record<string, string> = {
  said: 'stated', says: 'states', government: 'administration', company: 'firm', people: 'persons', new: 'fresh',
  year: 'twelvemonth', first: 'initial', last: 'previous', also: 'too', could: 'might', would: 'will',
  told: 'informed', after: 'following', before: 'prior to', market: 'marketplace', many: 'numerous', big: 'large',
  plans: 'proposals', show: 'reveal', help: 'assist', make: 'create', made: 'created', added: 'continued',
};

/** Rewords a sentence: about a third of its words swapped for a synonym, reshaped, dropped or preceded by a filler word. */
export function reword(sentence: string, rand: () => number): string {
  const words = sentence.split(' ');
  const out: string[] = [];
  for (const [k, w] of words.entries()) {
    const r = rand();
    // the last word keeps the sentence's end, so the copy is still one sentence
    if (k === words.length - 1) { out.push(w); continue; }
    const lower = w.toLowerCase();
    if (r < 0.12 && SYNONYMS[lower]) out.push(SYNONYMS[lower]!);
    else if (r < 0.2 && w.length > 5) out.push(w.slice(0, w.length - 2) + (rand() < 0.5 ? 'ed' : 'ing'));
    else if (r < 0.26 && words.length > 6) continue;
    else if (r < 0.3) out.push(rand() < 0.5 ? 'the' : 'indeed', w);
    else out.push(w);
  }
  return out.join(' ');
}

export type Fate = 'kept' | 'reworded' | 'moved' | 'deleted';

export interface VersionPair {
  a: string;
  b: string;
  /** For each sentence of `a` (in order): what happened to it in `b`. */
  fates: Fate[];
}

/** `b` is `a` with shares of its sentences reworded, moved (to another paragraph) and deleted. */
export function makeVersionPair(a: string, opts: { seed: number; reword: number; move: number; delete: number }): VersionPair {
  const rand = rng(opts.seed);
  const paras = paragraphsUtf16(a);
  const sents = sentencesUtf16(a, paras);
  const fates: Fate[] = [];
  const outParas: string[][] = paras.map(() => []);
  const movedOut: string[] = [];
  for (const s of sents) {
    const text = a.slice(s.start, s.end);
    const r = rand();
    if (r < opts.delete) { fates.push('deleted'); continue; }
    if (r < opts.delete + opts.move) { fates.push('moved'); movedOut.push(text); continue; }
    if (r < opts.delete + opts.move + opts.reword) { fates.push('reworded'); outParas[s.paragraph]!.push(reword(text, rand)); continue; }
    fates.push('kept');
    outParas[s.paragraph]!.push(text);
  }
  // each moved sentence becomes a paragraph of its own at a random place
  const blocks = outParas.map((p) => p.join(' '));
  for (const m of movedOut) blocks.splice(Math.floor(rand() * (blocks.length + 1)), 0, m);
  return { a, b: blocks.filter((x) => x.length > 0).join('\n\n'), fates };
}

/** The segment kind the alignment gives each sentence of `a` (the in-order one when a moved segment overlaps it). */
export function kindsFound(a: string, segments: readonly { kind: string; a: { start: number; end: number } | null }[]): string[] {
  const map = new OffsetMap(a);
  const kinds = ['none', ...new Set(segments.map((g) => g.kind))];
  const at = new Uint8Array(map.codePoints + 1);
  for (const pass of ['moved', 'other']) {
    for (const g of segments) {
      if (!g.a || (g.kind === 'moved') !== (pass === 'moved')) continue;
      at.fill(kinds.indexOf(g.kind), g.a.start, g.a.end);
    }
  }
  return sentencesUtf16(a).map((s) => kinds[at[map.toCodePoint(s.start)]!]!);
}
