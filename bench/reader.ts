// `npm run bench:reader`: a 1 MB source with 2,000 annotations. Times, in the
// real app (through the browser harness), from the reader receiving the source
// to the first frame showing the visible text with its highlights, and the time
// to scroll to the last annotation; in the same run the same for a bare
// ProseMirror view of the same text and decorations. Prints both and the ratio
// (goal: ours <= 1.5x bare). Not a test: nothing here asserts.
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLectern, RENDERER_DIR } from '../test/e2e/harness.ts';
import { CORPUS } from '../test/helpers/tmp.ts';
import { OffsetMap } from '../common/offsets.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const N_ANN = 2000;

// 1 MB of real prose: corpus articles one after another.
let text = '';
outer: for (const dir of ['business', 'entertainment', 'politics', 'sport', 'tech']) {
  for (const f of readdirSync(join(CORPUS, dir)).sort()) {
    text += readFileSync(join(CORPUS, dir, f), 'utf8').replace(/\r\n?/g, '\n').trim() + '\n\n';
    if (text.length >= 1_000_000) break outer;
  }
}
text = text.normalize('NFC');
const map = new OffsetMap(text);
// 2,000 annotations spread evenly, each over a word run of ~40 characters.
const ranges: [number, number][] = [];
const step = Math.floor(text.length / N_ANN);
for (let i = 0; i < N_ANN; i++) {
  let a = i * step + 7;
  while (a < text.length && /\s/.test(text[a]!)) a++;
  const b = Math.min(text.length, a + 40);
  ranges.push([a, b]);
}

const l = await openLectern({ viewport: { width: 1440, height: 900 } });
try {
  const { api, page } = l;
  const r = await api.importFiles([{ name: 'big.txt', bytes: new TextEncoder().encode(text) }, { name: 'small.txt', bytes: new TextEncoder().encode('A small source.\n\nTo switch between.\n') }]);
  const big = r.imported.find((i) => i.path === 'big.txt')!;
  const small = r.imported.find((i) => i.path === 'small.txt')!;
  const stored = await api.getSource(big.id);
  if (stored.text !== text) throw new Error('stored text differs from the generated text');
  const t0 = performance.now();
  for (const [a, b] of ranges) await api.createAnnotation({ sourceId: big.id, start: map.toCodePoint(a), end: map.toCodePoint(b) });
  console.log(`source: ${(text.length / 1e6).toFixed(2)} M UTF-16 units, ${text.split(/\n{2,}/).length} paragraphs, ${N_ANN} annotations (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await l.reload();

  const open = async (title: string) => page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
  const ours = { firstFrame: [] as number[], scroll: [] as number[] };
  for (let i = 0; i < RUNS + 1; i++) {
    await open(small.title);
    await page.locator('[role="document"][aria-label^="Text of"]').waitFor();
    await page.evaluate(() => performance.clearMarks());
    await open(big.title);
    await page.waitForFunction(() => performance.getEntriesByName('lectern:reader-frame').length > 0 && document.querySelectorAll('mark.hl').length > 0, undefined, { timeout: 60_000 });
    if (i > 0) console.log('  ours, ms after the source arrived: ' + await page.evaluate(() => ['lectern:reader-effect', 'lectern:reader-view', 'lectern:reader-frame'].map((n) => `${n.slice(14)} ${(performance.getEntriesByName(n)[0]!.startTime - performance.getEntriesByName('lectern:reader-source')[0]!.startTime).toFixed(0)}`).join(', ')));
    const ff = await page.evaluate(() => performance.getEntriesByName('lectern:reader-frame')[0]!.startTime - performance.getEntriesByName('lectern:reader-source')[0]!.startTime);
    // scroll to the last annotation (the side panel's last item)
    await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').last().getByRole('button', { name: /^Go to passage/ }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lectern:reveal-frame').length > 0, undefined, { timeout: 60_000 });
    const sc = await page.evaluate(() => performance.getEntriesByName('lectern:reveal-frame')[0]!.startTime - performance.getEntriesByName('lectern:reveal-start')[0]!.startTime);
    const visible = await page.evaluate(() => {
      const f = document.querySelector('.flash');
      const s = document.querySelector('.reader-scroll')!.getBoundingClientRect();
      const b = f?.getBoundingClientRect();
      return !!b && b.top >= s.top && b.bottom <= s.bottom;
    });
    if (!visible) console.warn('  warning: the last annotation was not in view after scrolling');
    if (i > 0) { ours.firstFrame.push(ff); ours.scroll.push(sc); } // first run warms up
  }

  // The bare view, same browser, same stylesheet, same viewport.
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'reader-bare.ts')], bundle: true, write: false, format: 'iife', minify: true, platform: 'browser', logLevel: 'error' });
  const bare = await l.browser.contexts()[0]!.newPage();
  await bare.setViewportSize({ width: 1440, height: 900 });
  const css = readFileSync(join(RENDERER_DIR, 'app.css'), 'utf8').replace(/content-visibility:auto;?/g, '').replace(/contain-intrinsic-size:[^;}]*;?/g, '');
  await bare.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div style="display:flex;height:100vh"><div style="width:300px"></div><div id="sc" class="reader-scroll" style="flex:1;overflow:auto"><div class="reader-text" id="m"></div></div><div style="width:340px"></div></div></body></html>`);
  await bare.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const bareRes = { firstFrame: [] as number[], scroll: [] as number[] };
  for (let i = 0; i < RUNS + 1; i++) {
    const res = await bare.evaluate(async ({ text, ranges }) => {
      const m = document.getElementById('m')!;
      const sc = document.getElementById('sc')!;
      sc.scrollTop = 0;
      m.textContent = '';
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return (window as unknown as { __bareBench(t: string, r: [number, number][], m: HTMLElement, s: HTMLElement): Promise<{ firstFrame: number; scroll: number }> }).__bareBench(text, ranges, m, sc);
    }, { text, ranges });
    if (i > 0) { bareRes.firstFrame.push(res.firstFrame); bareRes.scroll.push(res.scroll); }
  }

  const row = (name: string, o: number, b: number) => console.log(`${name.padEnd(34)} ours ${o.toFixed(0).padStart(5)} ms   bare ${b.toFixed(0).padStart(5)} ms   ours/bare ${(o / b).toFixed(2)}x`);
  console.log(`median of ${RUNS} runs (after one warm-up), Chromium headless, 1440x900:`);
  row('open -> first frame w/ highlights', median(ours.firstFrame), median(bareRes.firstFrame));
  row('scroll to last annotation', median(ours.scroll), median(bareRes.scroll));
  console.log(`goal: ours <= 1.5x bare; first frame < 200 ms`);
  console.log(`raw ours first frame: ${ours.firstFrame.map((x) => x.toFixed(0)).join(' ')}; bare: ${bareRes.firstFrame.map((x) => x.toFixed(0)).join(' ')}`);
  if (l.errors.length) console.log('page errors:', l.errors);
} finally {
  await l.close();
}
