// The baseline for bench/reader.ts: a bare ProseMirror view of the same
// paragraphs with the same 2,000 inline decorations, no incremental rendering.
// Bundled by esbuild and run in the page by the benchmark.
import { Schema } from 'prosemirror-model';
import { EditorState, Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';

const schema = new Schema({
  nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*', whitespace: 'pre', toDOM: () => ['p', 0] }, text: {} },
});

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** ranges: [from, to) as UTF-16 offsets into text; paragraphs split on blank lines like the reader. */
async function run(text: string, ranges: [number, number][], mount: HTMLElement, scroller: HTMLElement) {
  const t0 = performance.now();
  const starts: number[] = [];
  const paras: ReturnType<typeof schema.node>[] = [];
  const re = /\n{2,}/g;
  let last = 0;
  const push = (a: number, b: number) => { if (b > a) { starts.push(a); paras.push(schema.node('paragraph', null, [schema.text(text.slice(a, b))])); } };
  for (let m = re.exec(text); m; m = re.exec(text)) { push(last, m.index); last = m.index + m[0].length; }
  push(last, text.length);
  // positions computed once, cumulatively (not part of what a view costs, but kept cheap)
  const sizes: number[] = [];
  let acc = 0;
  for (const p of paras) { sizes.push(acc); acc += p.nodeSize; }
  const fastPos = (u: number) => {
    let lo = 0; let hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= u) lo = mid; else hi = mid - 1; }
    return sizes[lo]! + 1 + (u - starts[lo]!);
  };
  const doc = schema.node('doc', null, paras);
  const decos = ranges.map(([a, b], i) => Decoration.inline(fastPos(a), fastPos(b), { nodeName: 'mark', class: 'hl hl-yellow', 'data-annotation-id': String(i) }));
  const set = DecorationSet.create(doc, decos);
  const plugin2: Plugin<DecorationSet> = new Plugin<DecorationSet>({ state: { init: () => set, apply: (_tr, v) => v }, props: { decorations(s): DecorationSet | undefined { return plugin2.getState(s); } } });
  const view = new EditorView(mount, { state: EditorState.create({ doc, plugins: [plugin2] }), editable: () => false, attributes: { class: 'reader-doc bare' } });
  await frame();
  const firstFrame = performance.now() - t0;
  const t1 = performance.now();
  const [la] = ranges[ranges.length - 1]!;
  const coords = view.coordsAtPos(fastPos(la));
  scroller.scrollTop += coords.top - scroller.getBoundingClientRect().top - scroller.clientHeight / 3;
  await frame();
  const scroll = performance.now() - t1;
  view.destroy();
  return { firstFrame, scroll };
}

(window as unknown as { __bareBench: typeof run }).__bareBench = run;
