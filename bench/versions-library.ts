// A generated library for bench:versions: the BBC corpus plus synthetic
// articles up to N sources, indexed for finding versions. The synthetic texts
// come from a word-bigram model of the corpus, so their stock phrases ("the
// prime minister said") recur as in real news while no passage is shared.
import type { Store } from '../db/store.ts';
import { shingleSignature } from '../electron/versions/features.ts';
import { rng } from '../test/helpers/version-pair.ts';

const TOKEN = /[\p{L}\p{N}’'-]+|[.,]/gu;

/** A bigram model of the texts: each word's followers, as often as they follow it. */
export function bigramModel(texts: readonly string[]) {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const t of texts) {
    let prev = '.';
    for (const m of t.matchAll(TOKEN)) {
      const w = m[0];
      if (prev === '.') starts.push(w);
      let list = next.get(prev);
      if (!list) next.set(prev, list = []);
      list.push(w);
      prev = w;
    }
  }
  return { next, starts };
}

/** One synthetic article of about `words` words (a title line, paragraphs of three sentences). */
export function syntheticArticle(model: ReturnType<typeof bigramModel>, words: number, rand: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(rand() * list.length)]!;
  const sentences: string[] = [];
  let n = 0;
  while (n < words) {
    const out: string[] = [];
    let w = pick(model.starts);
    while (w !== '.' && out.length < 60) {
      out.push(w);
      w = pick(model.next.get(w) ?? ['.']);
    }
    n += out.length;
    sentences.push(`${out.join(' ').replace(/ ,/g, ',')}.`);
  }
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paras.push(sentences.slice(i, i + 3).join(' '));
  return `${sentences[0]!.slice(0, 60)}\n\n${paras.join('\n\n')}\n`;
}

const CHUNK = 1000;

/**
 * Fills `store` with the given real texts, then synthetic articles up to `total`
 * sources, each indexed for finding versions. Reports progress on stderr.
 */
export function fillLibrary(store: Store, real: readonly { name: string; text: string }[], total: number, seed = 1): void {
  const model = bigramModel(real.map((r) => r.text));
  const rand = rng(seed);
  const rows = function* () {
    for (const r of real) yield r;
    for (let i = real.length; i < total; i++) {
      yield { name: `synthetic-${i}.txt`, text: syntheticArticle(model, 250 + Math.floor(rand() * 300), rand) };
    }
  };
  let batch: { name: string; text: string }[] = [];
  let done = 0;
  const flush = () => {
    const stored = store.sources.batch(() => batch.map((r, k) => {
      const s = store.sources.insert({
        title: r.text.slice(0, r.text.indexOf('\n')).slice(0, 200) || r.name, published: null, publisher: null, url: null, byline: null,
        originalPath: null, originalName: r.name, sha256: `bench-${done + k}`, encoding: 'utf-8', text: r.text, chars: [...r.text].length,
      });
      return { seq: store.versionIndex.seqOf(s.id)!, signature: shingleSignature(r.text) };
    }));
    store.versionIndex.put(stored);
    done += batch.length;
    batch = [];
    process.stderr.write(`\r  generating the library: ${done} of ${total} sources`);
  };
  for (const r of rows()) {
    batch.push(r);
    if (batch.length === CHUNK) flush();
  }
  if (batch.length > 0) flush();
  process.stderr.write('\n');
}
