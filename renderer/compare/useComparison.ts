// The two sources of the compare view, their alignment as rows, and their
// annotations (re-read whenever annotations change anywhere in the app). The
// main process builds the rows (API comparisonRows); the first page comes with
// the texts up to where it reaches, so the first screen shows before the
// whole texts and the other rows arrive (`complete` false until then). A
// complete comparison is kept for the session: swapping sides mirrors it
// (common/compare-rows.ts swapRows) instead of fetching it again.
import { useEffect, useState } from 'preact/hooks';
import { swapRows, type CompareRow, type RowOutline } from '../../common/compare-rows.ts';
import { MAX_COMPARISON_PAGE, unpackRows, withText, type ComparisonPage } from '../../common/comparison-page.ts';
import type { Annotation, Source, SourceComparison } from '../../common/types.ts';
import { useBusEvent } from '../app/useBusEvent.ts';

export interface Comparison {
  /** While `complete` is false, each text holds only its beginning, up to where `rows` reach. */
  a: Source;
  b: Source;
  figures: Pick<SourceComparison, 'similarity' | 'aInB' | 'bInA'>;
  rows: CompareRow[];
  /** How many rows the comparison has (more than `rows` until it is complete). */
  total: number;
  /** Whether every row and both whole texts are here. */
  complete: boolean;
}

/** Rows of the first page: more than a tall window shows, so the first screen needs nothing else. */
const FIRST_PAGE = 60;

const aligned = new Map<string, Comparison>();
const KEPT = 4;

function keep(key: string, c: Comparison): void {
  aligned.set(key, c);
  while (aligned.size > KEPT) aligned.delete(aligned.keys().next().value!);
}

const figuresOf = (p: ComparisonPage) => ({ similarity: p.similarity, aInB: p.aInB, bInA: p.bInA });
const sameTexts = (p: ComparisonPage, q: ComparisonPage) =>
  p.total === q.total && p.a.updatedAt === q.a.updatedAt && p.b.updatedAt === q.b.updatedAt;

/** The rest of the comparison after its first page: both whole texts and the other rows, page by page. */
async function rest(a: string, b: string, first: ComparisonPage, firstRows: RowOutline[]): Promise<Comparison | null> {
  const outlines = [...firstRows];
  const pages: Promise<ComparisonPage>[] = [];
  for (let at = first.rows.kinds.length; at < first.total; at += MAX_COMPARISON_PAGE) {
    pages.push(window.lectern.comparisonRows(a, b, { start: at, count: Math.min(MAX_COMPARISON_PAGE, first.total - at) }));
  }
  const [sa, sb, ...more] = await Promise.all([window.lectern.getSource(a), window.lectern.getSource(b), ...pages]);
  // a text reopened with another encoding meanwhile: these rows are not of one comparison
  if (sa.updatedAt !== first.a.updatedAt || sb.updatedAt !== first.b.updatedAt || more.some((p) => !sameTexts(p, first))) return null;
  for (const p of more) outlines.push(...unpackRows(p.rows));
  return { a: sa, b: sb, figures: figuresOf(first), rows: withText(outlines, { a: sa.text, b: sb.text }), total: first.total, complete: true };
}

/**
 * The comparison of a with b: `show` gets the first screen's part as soon as
 * it is here, then the complete one (at once when it is kept).
 */
async function load(a: string, b: string, show: (c: Comparison) => void): Promise<void> {
  const key = `${a}|${b}`;
  const hit = aligned.get(key);
  if (hit) { show(hit); return; }
  const mirror = aligned.get(`${b}|${a}`);
  if (mirror) {
    const c = { ...mirror, a: mirror.b, b: mirror.a, figures: { similarity: mirror.figures.similarity, aInB: mirror.figures.bInA, bInA: mirror.figures.aInB }, rows: swapRows(mirror.rows) };
    keep(key, c);
    show(c);
    return;
  }
  for (let attempt = 0; ; attempt++) {
    const first = await window.lectern.comparisonRows(a, b, { start: 0, count: FIRST_PAGE, withText: true });
    performance.mark('lectern:compare-fetched');
    const text = first.text!;
    const firstRows = unpackRows(first.rows);
    show({
      a: { ...first.a, text: text.a }, b: { ...first.b, text: text.b },
      figures: figuresOf(first), rows: withText(firstRows, text), total: first.total, complete: false,
    });
    const c = await rest(a, b, first, firstRows);
    if (c) { keep(key, c); show(c); return; }
    if (attempt > 0) throw new Error('The two texts changed while the comparison was loading; open it again');
  }
}

const byStart = (x: Annotation, y: Annotation) => x.start - y.start || x.end - y.end;

export type ComparisonState =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; comparison: Comparison };

export function useComparison(a: string, b: string) {
  const [state, setState] = useState<ComparisonState>({ state: 'loading' });
  const [annotations, setAnnotations] = useState<{ a: Annotation[]; b: Annotation[] }>({ a: [], b: [] });

  const readAnnotations = async () => {
    const [la, lb] = await Promise.all([window.lectern.listAnnotations(a), window.lectern.listAnnotations(b)]);
    setAnnotations({ a: la.sort(byStart), b: lb.sort(byStart) });
  };

  useEffect(() => {
    let live = true;
    setState({ state: 'loading' });
    performance.mark('lectern:compare-start');
    const annotated = readAnnotations();
    // the first screen waits for the annotations it paints, not for the rest of the rows
    let shown = false;
    const show = (comparison: Comparison) => {
      annotated.then(() => {
        if (!shown) performance.mark('lectern:compare-data');
        shown = true;
        if (comparison.complete) performance.mark('lectern:compare-complete');
        if (live) setState({ state: 'ready', comparison });
      }, () => {});
    };
    Promise.all([load(a, b, show), annotated]).catch(
      (e: unknown) => { if (live) setState({ state: 'error', message: e instanceof Error ? e.message : String(e) }); });
    return () => { live = false; };
  }, [a, b]);

  useBusEvent('changed', ({ what }) => { if (what === 'annotations' || what === 'sources') readAnnotations().catch(() => {}); });

  /** Changes one side's list at once (after a create, edit or delete here), kept in text order. */
  const update = (sourceId: string, fn: (list: Annotation[]) => Annotation[]) => setAnnotations((x) => ({
    a: sourceId === a ? fn(x.a).sort(byStart) : x.a,
    b: sourceId === b ? fn(x.b).sort(byStart) : x.b,
  }));

  return { ...state, annotations, update, reload: readAnnotations };
}
