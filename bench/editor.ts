// npm run bench:editor — typing latency in a long note, in Chromium.
// Ours: the real notebook (the built renderer over the harness) showing a note
// of 5,000 paragraphs with 1,000 citations. Bare: in the same browser, a bare
// ProseMirror EditorView with prosemirror-schema-basic over the same text (the
// citations as their label text), in a container of the same size. Both get
// 200 characters typed at a steady pace in the middle of the doc; each is
// measured from keydown to the next frame after the update (rAF, then the
// task after it). Prints median and p95 of both and the ratio ours/bare.
// Goal: ours <= 1.5x bare; aim for p95 < 16 ms.
import { build } from 'esbuild';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openLectern, ROOT } from '../test/e2e/harness.ts';
import { showNotes } from '../test/e2e/helpers.ts';
import { SEED_000, SEED_001 } from '../test/helpers/tmp.ts';
import { citationFor } from '../common/citation.ts';
import { shortTitle } from '../common/citation-label.ts';
import type { CitationAttrs } from '../common/citation.ts';
import { quantile } from './stats.ts';

const PARAGRAPHS = 5000;
const CITATIONS = 1000;
const CHARS = 200;
const PACE_MS = 60;
const TEXT = 'Typing a sentence into a long note, steadily, to see how the editor keeps up with it. ';

const words = readFileSync(SEED_001, 'utf8').split(/\s+/).filter(Boolean);
const paragraphText = (i: number) => {
  const n = 12 + (i % 30);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(words[(i * 7 + k) % words.length]!);
  return out.join(' ');
};

/** Installs the keydown -> next-frame probe on the editor element. */
async function installProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    el.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => { w.__lat.push(performance.now() - t0); }, 0));
    }, true);
  }, selector);
}

/** Puts the caret at the end of the middle paragraph (clicking it, as a user would). */
async function caretInMiddle(page: Page, selector: string): Promise<void> {
  const box = await page.evaluate((sel) => {
    const ps = document.querySelectorAll(`${sel} > p`);
    const p = ps[Math.floor(ps.length / 2)]!;
    p.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.selectNodeContents(p);
    const rects = range.getClientRects();
    const r = rects[rects.length - 1]!;
    return { x: r.right - 1, y: r.top + r.height / 2 };
  }, selector);
  await page.mouse.click(box.x, box.y);
  await page.keyboard.press('End');
}

async function typeSteadily(page: Page): Promise<number[]> {
  await new Promise((r) => setTimeout(r, 200)); // let the caret placement's own frames pass
  await page.evaluate(() => { (window as unknown as { __lat: number[] }).__lat = []; });
  for (let i = 0; i < CHARS; i++) {
    const ch = TEXT[i % TEXT.length]!;
    const started = Date.now();
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    const wait = PACE_MS - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await new Promise((r) => setTimeout(r, 300));
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.slice());
}


async function bareBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { EditorState } from 'prosemirror-state';
        import { EditorView } from 'prosemirror-view';
        import { Schema } from 'prosemirror-model';
        import { schema } from 'prosemirror-schema-basic';
        window.__bare = (mount, paragraphs) => {
          const doc = schema.node('doc', null, paragraphs.map((t) => schema.node('paragraph', null, t ? [schema.text(t)] : [])));
          new EditorView(mount, { state: EditorState.create({ doc }) });
          void Schema;
        };`,
      resolveDir: ROOT, loader: 'js',
    },
    bundle: true, write: false, format: 'iife', minify: true, platform: 'browser', target: 'chrome130',
  });
  return result.outputFiles[0]!.text;
}

async function main(): Promise<void> {
  const l = await openLectern({ viewport: { width: 1400, height: 900 } });
  try {
    const { api, page } = l;
    // the cited material: annotations spread over both seeds
    const imported = (await api.importPaths([SEED_000, SEED_001])).imported;
    const cites: CitationAttrs[] = [];
    for (const item of imported) {
      const s = await api.getSource(item.id);
      const cps = Array.from(s.text);
      for (let k = 0; k < 20; k++) {
        const start = Math.floor((k / 20) * (cps.length - 80));
        const a = await api.createAnnotation({ sourceId: s.id, start, end: start + 40 });
        cites.push(citationFor(s, a.start, a.end, a.id));
      }
    }
    const every = PARAGRAPHS / CITATIONS;
    const content = [];
    const bareParagraphs: string[] = [];
    for (let i = 0; i < PARAGRAPHS; i++) {
      const text = paragraphText(i);
      if (i % every === 0) {
        const c = cites[(i / every) % cites.length]!;
        content.push({ type: 'paragraph', content: [{ type: 'text', text: `${text} ` }, { type: 'citation', attrs: c }] });
        bareParagraphs.push(`${text} ${shortTitle(c.sourceTitle)} ¶12`);
      } else {
        content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
        bareParagraphs.push(text);
      }
    }
    const note = await api.createNote({ title: 'Long note', doc: { type: 'doc', content } });
    await page.evaluate((id) => localStorage.setItem('lectern.notebook.lastNote', id), note.id);
    await l.reload();
    await showNotes(page);
    await page.waitForFunction((n) => document.querySelectorAll('.note-editor > p').length === n, PARAGRAPHS, { timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.note-editor cite')].every((c) => (c as HTMLElement).dataset.status === 'ok'), undefined, { timeout: 60_000 });
    const size = await page.evaluate(() => {
      const host = document.querySelector('.note-editor-host')!.getBoundingClientRect();
      return { width: Math.round(host.width), height: Math.round(host.height) };
    });
    await installProbe(page, '.note-editor');
    await caretInMiddle(page, '.note-editor');
    const ours = await typeSteadily(page);
    await new Promise((r) => setTimeout(r, 1500)); // the autosave runs after the last keystroke
    const savedOk = (await api.getNote(note.id)).text.includes(TEXT.slice(0, 40));

    // bare ProseMirror in the same browser, same size, same text
    const bare = await l.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const css = readFileSync(join(ROOT, 'node_modules', 'prosemirror-view', 'style', 'prosemirror.css'), 'utf8');
    await bare.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css}
      body { margin: 0; font: 14px system-ui, sans-serif; } #host { width: ${size.width}px; height: ${size.height}px; overflow: auto; border: 1px solid #ddd; }
      .ProseMirror { outline: none; padding: 10px 14px; line-height: 1.55; } .ProseMirror p { margin: 0 0 .6em; }</style></head>
      <body><div id="host"></div></body></html>`);
    await bare.addScriptTag({ content: await bareBundle() });
    await bare.evaluate((ps) => (window as unknown as { __bare(m: Element, p: string[]): void }).__bare(document.getElementById('host')!, ps), bareParagraphs);
    await bare.waitForFunction((n) => document.querySelectorAll('.ProseMirror > p').length === n, PARAGRAPHS);
    await installProbe(bare, '.ProseMirror');
    await caretInMiddle(bare, '.ProseMirror');
    const baseline = await typeSteadily(bare);

    const row = (name: string, xs: number[]) =>
      `${name.padEnd(6)} n=${xs.length}  median ${quantile(xs, 0.5).toFixed(1)} ms  p95 ${quantile(xs, 0.95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`editor typing: ${PARAGRAPHS} paragraphs, ${CITATIONS} citations, ${CHARS} characters every ${PACE_MS} ms, editor ${size.width}x${size.height}px`);
    console.log(row('ours', ours));
    console.log(row('bare', baseline));
    const rMed = quantile(ours, 0.5) / quantile(baseline, 0.5);
    const rP95 = quantile(ours, 0.95) / quantile(baseline, 0.95);
    console.log(`ratio ours/bare: median ${rMed.toFixed(2)}x, p95 ${rP95.toFixed(2)}x (goal <= 1.5x); ours p95 ${quantile(ours, 0.95) < 16 ? '<' : '>='} 16 ms`);
    if (!savedOk) console.log('warning: the typed text did not reach the store (autosave)');
    if (ours.length < CHARS || baseline.length < CHARS) console.log('warning: some keystrokes were not measured');
  } finally {
    await l.close();
  }
}

await main();
