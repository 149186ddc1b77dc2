// npm run bench:export — a ~100-page source with 500 annotations exported to an
// annotated PDF, against the time the same library (pdfkit, same embedded font,
// same size) takes to lay out the same text with no annotations, in the same run.
// Goal: annotated export within 1.5x of the plain layout, and under 3 s.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { exportSourcePdf } from '../electron/export/source-pdf.ts';
import { fontPath } from '../electron/export/layout.ts';
import { codePointLength } from '../common/offsets.ts';
import { quoteAt } from '../common/selectors.ts';
import { ANNOTATION_COLORS, type Annotation, type Source } from '../common/types.ts';
import { median } from './stats.ts';

const shared = new URL('../../shared/fixtures/seeds/', import.meta.url).pathname;
const seeds = ['000_75a8ae8bdfc13fc0.txt', '001_bfe0e10eea0bc990.txt'].map((f) => readFileSync(shared + f, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n').trim());

const TARGET_PAGES = 100;
const ANNOTATIONS = 500;

function buildText(chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const s = `${seeds[i % 2]}\n\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

function source(text: string): Source {
  return {
    id: 'bench', title: 'Benchmark source', published: '2024-03-30', publisher: 'Bench', url: null, byline: null,
    originalPath: '/bench/source.txt', originalName: 'source.txt', sha256: '0'.repeat(64), encoding: 'utf-8', text,
    chars: codePointLength(text), importedAt: '', updatedAt: '', format: 'text', hasOriginal: false, pages: [],
  };
}

function annotations(text: string, count: number): Annotation[] {
  const out: Annotation[] = [];
  const step = Math.floor(text.length / count);
  const colors = ANNOTATION_COLORS;
  for (let i = 0; i < count; i++) {
    // word-aligned passages of ~4..40 words, some spanning lines
    let s = i * step;
    while (s < text.length && /\S/.test(text[s - 1] ?? ' ')) s++;
    let e = s;
    for (let w = 0; w < 4 + (i * 7) % 37 && e < text.length; w++) e = text.indexOf(' ', e + 1) < 0 ? text.length : text.indexOf(' ', e + 1);
    const start = codePointLength(text.slice(0, s));
    const end = codePointLength(text.slice(0, e));
    out.push({
      id: `a${i}`, sourceId: 'bench', start, end, ...quoteAt(text, start, end), color: colors[i % colors.length]!,
      comment: i % 3 === 0 ? `Comment number ${i} on this passage.` : '', tags: i % 5 === 0 ? ['bench', `t${i % 7}`] : [],
      status: 'anchored', score: null, carriedFrom: null, author: '', created: '2024-04-01T00:00:00Z', modified: '2024-04-01T00:00:00Z',
    });
  }
  return out;
}

/** Plain pdfkit: the same text, font and size, its own line wrapping, no annotations. */
interface Timed { ms: number; cpuMs: number; pages: number }

/** Wall and CPU time (user + system, all threads of this process) since `t0` / `c0`. */
const elapsed = (t0: number, c0: NodeJS.CpuUsage): { ms: number; cpuMs: number } => {
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
};

async function plainLayout(text: string): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 64, bottom: 64, left: 64, right: 88 } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  doc.registerFont('body', readFileSync(fontPath('regular')));
  doc.font('body').fontSize(10.5);
  doc.text(text, { lineGap: 15.5 - doc.currentLineHeight(true), paragraphGap: 0 });
  doc.end();
  await done;
  return { ...elapsed(t0, c0), pages };
}

async function annotated(src: Source, anns: Annotation[]): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await exportSourcePdf(src, anns, { pageSize: 'A4', authorName: 'Bench', exportedAt: new Date(0) });
  return { ...elapsed(t0, c0), pages: r.pages };
}


// size the text to ~100 pages of the annotated export
let text = buildText(4000 * TARGET_PAGES);
const probe = await annotated(source(text), []);
text = buildText(Math.round((text.length * TARGET_PAGES) / probe.pages));
const src = source(text);
const anns = annotations(text, ANNOTATIONS);

await plainLayout(text); // warm-up (font parsing, JIT)
await annotated(src, anns);
const plain: number[] = [];
const ours: number[] = [];
const plainCpu: number[] = [];
const oursCpu: number[] = [];
let pages = 0;
let plainPages = 0;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
for (let i = 0; i < RUNS; i++) {
  const p = await plainLayout(text);
  plain.push(p.ms);
  plainCpu.push(p.cpuMs);
  plainPages = p.pages;
  const a = await annotated(src, anns);
  ours.push(a.ms);
  oursCpu.push(a.cpuMs);
  pages = a.pages;
}
const tPlain = median(plain);
const tOurs = median(ours);
console.log(`source: ${codePointLength(text)} code points, ${anns.length} annotations`);
console.log(`annotated export: ${pages} pages in ${tOurs.toFixed(0)} ms = ${(pages / (tOurs / 1000)).toFixed(1)} pages/s (median of ${RUNS}, alternating with the plain layout)`);
console.log(`plain pdfkit layout (same text, font, size; no annotations): ${plainPages} pages in ${tPlain.toFixed(0)} ms = ${(plainPages / (tPlain / 1000)).toFixed(1)} pages/s`);
console.log(`ratio annotated/plain: ${(tOurs / tPlain).toFixed(2)}x (goal <= 1.5x); annotated under 3 s: ${tOurs < 3000 ? 'yes' : 'no'}`);
// CPU time is steadier than wall time when other processes share the cores
console.log(`ratio on CPU time (median ${median(oursCpu).toFixed(0)} / ${median(plainCpu).toFixed(0)} ms): ${(median(oursCpu) / median(plainCpu)).toFixed(2)}x`);
