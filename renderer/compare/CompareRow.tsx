// One row of the compare view: A's passage beside B's, each cell holding
// exactly its source's text (changed words in <del>/<ins>, annotations in
// <mark>), or an empty gap that says what the other side has instead.
import type { ComponentChild } from 'preact';
import { memo } from 'preact/compat';
import type { CompareRow, Side } from '../../common/compare-rows.ts';
import type { Annotation } from '../../common/types.ts';
import { cellRuns, overlapping, type Run } from './cell-runs.ts';

export interface RowViewProps {
  row: CompareRow;
  index: number;
  /** Where the virtual list puts the row (px from the top of the rows). */
  top: number;
  current: boolean;
  /** Whether the row starts a new paragraph on each side (¶N shown in the gutter). */
  paraA: boolean;
  paraB: boolean;
  annotationsA: readonly Annotation[];
  annotationsB: readonly Annotation[];
  /** Paragraph of the other side at the row a moved row links to. */
  linkParagraph: number | null;
  flashing: boolean;
  onLink(index: number): void;
  measure(el: HTMLElement | null): void;
}

function runNode(run: Run, side: Side, key: number): ComponentChild {
  let node: ComponentChild = run.text;
  if (run.mark === 'inserted') node = <ins class="d-ins">{node}</ins>;
  else if (run.mark === 'deleted') node = <del class="d-del">{node}</del>;
  else if (run.mark === 'replaced') node = side === 'a' ? <del class="d-rep">{node}</del> : <ins class="d-rep">{node}</ins>;
  for (let i = run.annotations.length - 1; i >= 0; i--) {
    const a = run.annotations[i]!;
    node = <mark class={`hl hl-${a.color}`} data-annotation-id={a.id}>{node}</mark>;
  }
  return <span key={key}>{node}</span>;
}

const LETTER: Record<Side, string> = { a: 'A', b: 'B' };

function Cell({ row, side, index, annotations, linkParagraph, onLink }: {
  row: CompareRow; side: Side; index: number; annotations: readonly Annotation[]; linkParagraph: number | null; onLink(i: number): void;
}) {
  const s = row[side];
  if (!s) {
    if (row.kind === 'moved' && row.link !== null) {
      // this side lacks the passage here: the linked row is where this side has it
      const where = `${LETTER[side]} has it ${row.link < index ? 'above' : 'below'}${linkParagraph !== null ? `, ¶${linkParagraph}` : ''}`;
      return (
        <div role="cell" class="cmp-cell cmp-gap cmp-gap-moved">
          <button type="button" class="link" onClick={() => onLink(row.link!)} title={`Go to row ${row.link + 1}, where ${where.replace(' has it', ' has this passage')}`}>
            {`Moved: ${where}`} <span aria-hidden="true">{row.link < index ? '↑' : '↓'}</span>
          </button>
        </div>
      );
    }
    return <div role="cell" class="cmp-cell cmp-gap">{`Not in ${LETTER[side]}`}</div>;
  }
  const changes = side === 'a' ? row.changesA : row.changesB;
  const runs = cellRuns(s, changes, overlapping(annotations, s.start, s.end));
  return (
    <div role="cell" class={`cmp-cell cmp-${side}`} data-side={side} data-cell-start={s.start}>
      {runs.map((r, i) => runNode(r, side, i))}
    </div>
  );
}

export const CompareRowView = memo(function CompareRowView(p: RowViewProps) {
  const { row, index } = p;
  return (
    <div
      role="row" aria-rowindex={index + 2} data-index={index} ref={p.measure}
      class={`cmp-row cmp-${row.kind}${p.current ? ' current' : ''}${p.flashing ? ' flash-row' : ''}`}
      aria-current={p.current ? 'true' : undefined} style={{ transform: `translateY(${p.top}px)` }}
    >
      <div class="cmp-para" aria-hidden="true">{p.paraA && row.a ? `¶${row.a.paragraph}` : ''}</div>
      <Cell row={row} side="a" index={index} annotations={p.annotationsA} linkParagraph={p.linkParagraph} onLink={p.onLink} />
      <Cell row={row} side="b" index={index} annotations={p.annotationsB} linkParagraph={p.linkParagraph} onLink={p.onLink} />
      <div class="cmp-para" aria-hidden="true">{p.paraB && row.b ? `¶${row.b.paragraph}` : ''}</div>
    </div>
  );
});
