// A generated library of N sources for scale tests and bench:library: each
// source is the opening paragraph of a BBC corpus article followed by 2-6
// paragraphs of others (real prose, real word frequencies, every text
// different), titled from its article (plus a few words of another after the
// first 2,095), 10% undated, half with a publisher. Deterministic: the same N
// gives the same library. Written through the store (sort keys, both
// full-text indexes), 1,000 sources per write.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../db/store.ts';
import { CORPUS } from './tmp.ts';

interface Article { title: string; paragraphs: string[] }

let articles: Article[] | undefined;
function corpus(): Article[] {
  if (articles) return articles;
  articles = [];
  for (const dir of ['business', 'entertainment', 'politics', 'sport', 'tech']) {
    for (const f of readdirSync(join(CORPUS, dir)).sort()) {
      const [title, ...rest] = readFileSync(join(CORPUS, dir, f), 'utf8').replace(/\r\n?/g, '\n').trim().split(/\n\s*\n/);
      articles.push({ title: title!.trim(), paragraphs: rest.map((p) => p.trim()).filter(Boolean) });
    }
  }
  return articles;
}

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Number the sources from here (a library can be grown). */
  from?: number;
  /** Only the opening paragraph (fast to index: for browser tests of the list itself). */
  short?: boolean;
  onProgress?(done: number): void;
}

/** Adds `count` generated sources to the store. */
export function generateSources(store: Store, count: number, { from = 0, short = false, onProgress }: GenerateOptions = {}): void {
  const all = corpus();
  const rnd = random(42 + from);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  for (let b = from; b < from + count; b += 1000) {
    store.sources.batch(() => {
      for (let i = b; i < Math.min(from + count, b + 1000); i++) {
        const a = all[i % all.length]!;
        const title = i < all.length ? a.title : `${a.title}: ${pick(all).title.split(' ').slice(0, 3).join(' ')}`;
        const paragraphs = [a.paragraphs[0] ?? '', ...Array.from({ length: short ? 0 : 2 + Math.floor(rnd() * 5) }, () => pick(pick(all).paragraphs) ?? '')];
        // short texts could repeat (same article, same words drawn): numbered
        const text = `${title}\n\n${paragraphs.join('\n\n')}\n${short ? `\nNo. ${i + 1}\n` : ''}`;
        const published = rnd() < 0.1 ? null
          : `${2000 + Math.floor(rnd() * 25)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        store.sources.insert({
          title, published, publisher: rnd() < 0.5 ? 'BBC News' : null, url: null, byline: null, originalPath: null,
          originalName: `generated-${i}.txt`, sha256: createHash('sha256').update(text).digest('hex'), encoding: 'utf-8', text,
          chars: [...text].length,
        });
      }
    });
    onProgress?.(Math.min(from + count, b + 1000) - from);
  }
}
