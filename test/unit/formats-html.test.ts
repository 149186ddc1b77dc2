// HTML import: the article out of a real-looking page (navigation, ads,
// comments, scripts around it), paragraphs as the article has them, metadata
// from the page itself, the page's charset, HTML saved as .txt, and pages
// that are hostile (scripts that would write, fetch or navigate) or too big.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFormat } from '../../electron/import/formats/read.ts';
import { ARCHIVE, FLOOD, expectedParagraphs } from '../../scripts/fixtures/articles.ts';
import { newsPage } from '../../scripts/fixtures/html-pages.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'html');
const read = (name: string) => readFormat(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
const paragraphs = (text: string) => text.split('\n\n');

test('a news page: exactly the article (headline first), none of the navigation, ads, comments or scripts; its metadata', async () => {
  const r = await read('news-flood.html');
  assert.equal(r.format, 'html');
  assert.equal(r.encoding, 'utf-8');
  assert.deepEqual(paragraphs(r.text), [FLOOD.title, ...expectedParagraphs(FLOOD)]);
  assert.deepEqual(r.meta, { title: FLOOD.title, byline: FLOOD.byline, published: FLOOD.published, publisher: FLOOD.publisher, url: FLOOD.url });
  for (const chrome of ['cookie', 'Advertisement', 'Related stories', 'Dredge the river', 'morning briefing', 'injected by a script', 'All rights reserved', 'Share on']) {
    assert.ok(!r.text.includes(chrome), `"${chrome}" is not article text`);
  }
  assert.match(r.summary, /^HTML article: 2\d\d words; \d+ other blocks dropped \(navigation, ads, comments\)$/);
  assert.ok(Number(/; (\d+) other/.exec(r.summary)![1]) >= 15, r.summary);
});

test('a blog post in windows-1252, declared by a meta http-equiv: decoded as declared; meta author, og:site_name, article:published_time', async () => {
  const r = await read('blog-archive.htm');
  assert.equal(r.encoding, 'windows-1252');
  assert.deepEqual(paragraphs(r.text), [ARCHIVE.title, ...expectedParagraphs(ARCHIVE)]);
  assert.deepEqual(r.meta, { title: ARCHIVE.title, byline: ARCHIVE.byline, published: ARCHIVE.published, publisher: ARCHIVE.publisher, url: ARCHIVE.url });
  assert.ok(!r.text.includes('Leave a Reply') && !r.text.includes('Recent Posts') && !r.text.includes('great-grandmother'));
});

test('an HTML page saved as .txt is read as a page (sniffed, not by its name); the saved-from URL, meta author and date', async () => {
  const r = await read('saved-flood.txt');
  assert.equal(r.format, 'html');
  assert.equal(paragraphs(r.text)[0], FLOOD.title);
  for (const p of expectedParagraphs(FLOOD)) assert.ok(paragraphs(r.text).includes(p), p);
  assert.ok(!/<|saved from|alert\(/.test(r.text), 'no markup, comment or script in the text');
  assert.equal(r.meta.url, FLOOD.url);
  assert.equal(r.meta.byline, FLOOD.byline);
  assert.equal(r.meta.published, FLOOD.published);
});

test('a hostile page: scripts, handlers, refresh, frames and javascript: links run nothing and fetch nothing', async () => {
  const calls: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: unknown) => { calls.push(String(input)); throw new Error('no network'); }) as typeof fetch;
  const marker = Symbol.for('lectern.hostile.ran');
  try {
    const hostile = newsPage(FLOOD)
      .replace('<head>', `<head><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">
<script>globalThis[Symbol.for('lectern.hostile.ran')] = true; require('child_process').execSync('touch /tmp/pwned')</script>`)
      .replace('<main>', `<main><img src="x" onerror="globalThis[Symbol.for('lectern.hostile.ran')]=true"><iframe srcdoc="<script>parent.x=1</script>"></iframe>
<a href="javascript:globalThis[Symbol.for('lectern.hostile.ran')]=true">click</a><svg onload="globalThis[Symbol.for('lectern.hostile.ran')]=true"><script>1</script></svg>`);
    const r = await readFormat(new TextEncoder().encode(hostile), 'hostile.html');
    assert.deepEqual(paragraphs(r.text), [FLOOD.title, ...expectedParagraphs(FLOOD)]);
    assert.equal((globalThis as Record<symbol, unknown>)[marker], undefined, 'no script ran');
    assert.deepEqual(calls, [], 'nothing fetched');
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('a page that is only its text keeps it all; a page with no text is refused with that reason', async () => {
  const bare = await readFormat(new TextEncoder().encode('<html><body><p>Only one short line.</p><p>And a second.</p></body></html>'), 'bare.html');
  assert.equal(bare.text, 'Only one short line.\n\nAnd a second.');
  await assert.rejects(readFormat(new TextEncoder().encode('<!doctype html><html><head><title>t</title></head><body><script>x()</script></body></html>'), 'empty.html'),
    /HTML page with no text/);
});

test('a 50 MB page is refused by its size, before any decoding or parsing', async () => {
  const big = Buffer.alloc(50 * 1024 * 1024, `<p>${'A sentence of a very long page that nobody should parse whole. '.repeat(20)}</p>\n`);
  big.write('<!doctype html><html><body>', 0);
  await assert.rejects(readFormat(new Uint8Array(big), 'big.html'), /HTML page too large \(50\.0 MB; pages are read up to 20 MB\)/);
});
