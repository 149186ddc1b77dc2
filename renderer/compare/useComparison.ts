// The two sources of the compare view, their alignment as rows, and their
// annotations (re-read whenever annotations change anywhere in the app). The
// alignment of a pair is kept for the session: swapping sides mirrors it
// (common/compare-rows.ts swapRows) instead of aligning again.
import { useEffect, useState } from 'preact/hooks';
import { compareRows, swapRows, type CompareRow } from '../../common/compare-rows.ts';
import type { Annotation, Source, SourceComparison } from '../../common/types.ts';
import { useBusEvent } from '../app/useBusEvent.ts';

export interface Comparison {
  a: Source;
  b: Source;
  figures: Pick<SourceComparison, 'similarity' | 'aInB' | 'bInA'>;
  rows: CompareRow[];
}

const aligned = new Map<string, Comparison>();
const KEPT = 4;

async function load(a: string, b: string): Promise<Comparison> {
  const key = `${a}|${b}`;
  const hit = aligned.get(key);
  if (hit) return hit;
  const mirror = aligned.get(`${b}|${a}`);
  let c: Comparison;
  if (mirror) {
    c = { a: mirror.b, b: mirror.a, figures: { similarity: mirror.figures.similarity, aInB: mirror.figures.bInA, bInA: mirror.figures.aInB }, rows: swapRows(mirror.rows) };
  } else {
    const [sa, sb, cmp] = await Promise.all([window.lectern.getSource(a), window.lectern.getSource(b), window.lectern.compareSources(a, b)]);
    performance.mark('lectern:compare-fetched');
    c = { a: sa, b: sb, figures: { similarity: cmp.similarity, aInB: cmp.aInB, bInA: cmp.bInA }, rows: compareRows(cmp, sa.text, sb.text) };
  }
  aligned.set(key, c);
  while (aligned.size > KEPT) aligned.delete(aligned.keys().next().value!);
  return c;
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
    Promise.all([load(a, b), readAnnotations()]).then(([comparison]) => {
      performance.mark('lectern:compare-data');
      if (live) setState({ state: 'ready', comparison });
    },
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
