// Which DOM to run Readability on: linkedom or jsdom. Corpus articles are
// wrapped in the three real-looking page templates (navigation, ads, comments,
// scripts around them); for each page and each DOM: whether the article
// extracted is exactly the article's paragraphs (correctness), and the time
// to parse and extract (speed). Rustdoc pages installed on this machine, if
// any, are added as real-world pages (speed only).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { blocksOf } from '../electron/import/formats/html-text.ts';
import { blogPage, newsPage, savedPage } from '../scripts/fixtures/html-pages.ts';
import type { Article } from '../scripts/fixtures/articles.ts';
import { CORPUS } from '../test/helpers/tmp.ts';

const PAGES = Number(process.env.PAGES ?? 300);

function corpusArticles(n: number): Article[] {
  const out: Article[] = [];
  for (const folder of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort().slice(0, Math.ceil(n / 5))) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n');
      const [title, ...rest] = text.split('\n').map((l) => l.trim()).filter(Boolean);
      if (!title || rest.length < 3) continue;
      out.push({ title, byline: 'Staff reporter', published: '2024-01-01', publisher: 'BBC News', url: `https://example.org/${f}`, body: rest.map((p) => p.replace(/\s+/g, ' ')) });
    }
  }
  return out.slice(0, n);
}

const doms = {
  linkedom: (html: string) => parseHTML(html).document as unknown as Document,
  jsdom: (html: string) => new JSDOM(html).window.document,
};

const templates = { news: newsPage, blog: blogPage, saved: savedPage };
const articles = corpusArticles(PAGES);
const expected = (a: Article) => a.body.map((b) => (typeof b === 'string' ? b : '')).join('\n\n').normalize('NFC');

console.log(`bench:html-dom: ${articles.length} corpus articles x ${Object.keys(templates).length} page templates`);
for (const [name, dom] of Object.entries(doms)) {
  let exact = 0;
  let pages = 0;
  const perTemplate: Record<string, number> = {};
  const t = performance.now();
  for (const a of articles) {
    for (const [tname, template] of Object.entries(templates)) {
      const doc = dom(template(a));
      const r = new Readability<Element>(doc, { serializer: (el) => el as Element }).parse();
      const text = r?.content ? blocksOf(r.content).filter((b) => b !== a.title).join('\n\n').normalize('NFC') : '';
      // the saved page's dateline ("Staff reporter, 2024-01-01") stands inside its story: part of the article
      const want = tname === 'saved' ? `${a.byline}, ${a.published}\n\n${expected(a)}` : expected(a);
      if (text === want) { exact++; perTemplate[tname] = (perTemplate[tname] ?? 0) + 1; }
      pages++;
    }
  }
  const ms = performance.now() - t;
  console.log(`  ${name.padEnd(9)} exact article ${exact}/${pages} (${(100 * exact / pages).toFixed(1)}%)  ${(ms / pages).toFixed(2)} ms/page  (per template: ${JSON.stringify(perTemplate)})`);
}

const rustdoc = '/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html/rustdoc';
if (existsSync(rustdoc)) {
  const files = readdirSync(rustdoc).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(rustdoc, f), 'utf8'));
  for (const [name, dom] of Object.entries(doms)) {
    const t = performance.now();
    let words = 0;
    for (const html of files) words += (new Readability(dom(html)).parse()?.textContent ?? '').split(/\s+/).length;
    console.log(`  real rustdoc pages (${files.length}), ${name}: ${((performance.now() - t) / files.length).toFixed(2)} ms/page, ${words} words extracted`);
  }
}
