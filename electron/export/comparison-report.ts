// What a comparison report says (issue 9.5), gathered once for both formats
// (comparison-markdown.ts, comparison-pdf.ts): the two sources, the figures of
// their alignment, the rows as the compare view shows them (common/compare-rows.ts),
// and the annotations carried between them with their verdicts.
import type { Alignment, SegmentKind } from '../../common/align/types.ts';
import type { CompareRow } from '../../common/compare-rows.ts';
import { copyReview } from '../../common/carry-review.ts';
import type { Annotation, Source } from '../../common/types.ts';

/** One annotation copied from one of the two sources onto the other. */
export interface CarriedPair {
  /** Which way it went: 'ab' from A onto B, 'ba' from B onto A. */
  direction: 'ab' | 'ba';
  original: Annotation;
  copy: Annotation;
}

export interface ComparisonReport {
  a: Source;
  b: Source;
  similarity: number;
  aInB: number;
  bInA: number;
  /** Rows of each kind. */
  counts: Record<SegmentKind, number>;
  rows: CompareRow[];
  carried: CarriedPair[];
  exportedAt: Date;
  authorName: string;
}

/** Copies on `to` of annotations of `from`, in the copy's text order. */
function carriedBetween(fromList: Annotation[], toList: Annotation[], direction: CarriedPair['direction']): CarriedPair[] {
  const originals = new Map(fromList.map((x) => [x.id, x]));
  return toList.flatMap((copy) => {
    const original = copy.carriedFrom ? originals.get(copy.carriedFrom) : undefined;
    return original ? [{ direction, original, copy }] : [];
  });
}

/** `aligned`: the pair's alignment and its compare rows, as the alignment cache keeps them (built once for the view and the report). */
export function comparisonReport(a: Source, b: Source, aligned: { alignment: Alignment; rows: CompareRow[] }, annotations: { a: Annotation[]; b: Annotation[] }, opts: { exportedAt?: Date; authorName: string }): ComparisonReport {
  const { alignment, rows } = aligned;
  const counts: Record<SegmentKind, number> = { same: 0, changed: 0, moved: 0, onlyA: 0, onlyB: 0 };
  for (const r of rows) counts[r.kind]++;
  return {
    a, b, similarity: alignment.similarity, aInB: alignment.aInB, bInA: alignment.bInA, counts, rows,
    carried: [...carriedBetween(annotations.a, annotations.b, 'ab'), ...carriedBetween(annotations.b, annotations.a, 'ba')],
    exportedAt: opts.exportedAt ?? new Date(), authorName: opts.authorName,
  };
}

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** A copy's verdict as the review list says it (the stored one: common/carry-review.ts). */
export function verdict(pair: Pick<CarriedPair, 'original' | 'copy'>): string {
  const r = copyReview(pair.copy, pair.original);
  if (r.verdict === 'placed') return 'placed by hand (on other words than the original)';
  const notes = [
    r.verdict === 'orphaned' ? 'not found; listed, not placed' : null,
    r.score !== null ? `match ${percent(r.score)}` : null,
    r.decided ? (r.verdict === 'orphaned' ? 'kept as orphan' : 'accepted') : null,
  ].filter((x) => x !== null);
  return `${r.verdict}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** The facts of a source, labelled, in the order both formats print them. */
export function sourceFacts(s: Source): [string, string][] {
  const out: [string, string][] = [['Title', s.title]];
  if (s.byline) out.push(['By', s.byline]);
  if (s.publisher) out.push(['Publisher', s.publisher]);
  if (s.published) out.push(['Published', s.published]);
  if (s.url) out.push(['URL', s.url]);
  out.push(['Original file', s.originalPath ?? s.originalName]);
  out.push(['SHA-256', s.sha256]);
  out.push(['Length', `${s.chars.toLocaleString('en')} characters`]);
  return out;
}

/** How a row is headed: its number, kind and paragraphs. */
export function rowHeading(r: CompareRow, n: number, rows: readonly CompareRow[]): string {
  const where = [r.a ? `A ¶${r.a.paragraph}` : null, r.b ? `B ¶${r.b.paragraph}` : null].filter(Boolean).join(', ');
  const kind = r.kind === 'same' ? 'Same'
    : r.kind === 'changed' ? `Changed (${percent(r.score)} alike)`
      : r.kind === 'onlyA' ? 'Only in A'
        : r.kind === 'onlyB' ? 'Only in B'
          : `Moved: ${r.a ? 'B has it' : 'A has it'} ${r.link !== null ? `at row ${r.link + 1}` : 'elsewhere'} (${linkWhere(r, rows)})`;
  return `${n}. ${kind} — ${where}`;
}

function linkWhere(r: CompareRow, rows: readonly CompareRow[]): string {
  const to = r.link !== null ? rows[r.link] : undefined;
  const side = r.a ? to?.b : to?.a;
  return side ? `${r.a ? 'B' : 'A'} ¶${side.paragraph}` : 'not shown';
}
