// The review of carried annotations (issue 9.3): every copy on the target with
// its verdict (anchored / moved with its score / orphaned), the original
// passage beside the copy's, and Accept, Adjust (select another range in the
// target; the compare view does the selecting), Discard (to the trash); the
// app's one Undo takes back each of them. Orphans are listed here and never painted on text.
// Verdicts and decisions are the stored ones (common/carry-review.ts), so they
// stay when the list is reopened.
import { useEffect, useRef } from 'preact/hooks';
import type { Side } from '../../common/compare-rows.ts';
import type { Annotation, Source } from '../../common/types.ts';
import { ParagraphIndex } from '../../common/segment.ts';
import { copyReview, verdictCounts, verdictSummary, VERDICT_LABEL, type CopyReview } from '../../common/carry-review.ts';
import type { ActionUndo } from '../undo.ts';
import { decisionUndo } from './decision-undo.ts';

export interface ReviewListProps {
  from: Source;
  to: Source;
  fromSide: Side;
  /** The annotations of `from` (the originals). */
  originals: Annotation[];
  /** The annotations of `to` (the copies among them are reviewed). */
  copies: Annotation[];
  onClose(): void;
  /** Review the other direction (copies made from `to` onto `from`). */
  onSwitch(): void;
  onShow(side: Side, start: number): void;
  onAdjust(copy: Annotation): void;
  /** A copy's place or verdict changed (a decision, or its undo): show it so. */
  onPlaced(copy: Annotation): void;
  offerUndo?(undo: ActionUndo): void;
  onDiscard(copies: Annotation[]): void;
  fail(e: unknown): void;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const short = (t: string, n = 400) => (t.length > n ? `${t.slice(0, n)}…` : t);

function Verdict({ r }: { r: CopyReview }) {
  return <span class={`verdict verdict-${r.verdict}`}>{VERDICT_LABEL[r.verdict]}{r.score !== null ? ` · match ${pct(r.score)}` : ''}</span>;
}

export function ReviewList(p: ReviewListProps) {
  const byId = new Map(p.originals.map((x) => [x.id, x]));
  const items = p.copies.filter((c) => c.carriedFrom && byId.has(c.carriedFrom)).map((copy) => {
    const original = byId.get(copy.carriedFrom!)!;
    return { copy, original, review: copyReview(copy, original) };
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [p.fromSide]);
  const toSide: Side = p.fromSide === 'a' ? 'b' : 'a';
  const T = toSide.toUpperCase();
  const F = p.fromSide.toUpperCase();
  const parasFrom = new ParagraphIndex(p.from.text);
  const parasTo = new ParagraphIndex(p.to.text);
  const counts = verdictSummary(verdictCounts(items.map((i) => i.review)));

  const accept = async (copy: Annotation) => {
    try {
      p.onPlaced(await window.lectern.placeAnnotation(copy.id));
      p.offerUndo?.(decisionUndo(copy.status === 'orphaned' ? 'kept' : 'accepted', copy, p.onPlaced));
    } catch (e) { p.fail(e); }
  };

  return (
    <section class="review" aria-labelledby="review-title">
      <header class="review-head">
        <h2 id="review-title" ref={heading} tabIndex={-1}>Carried from {F} to {T}</h2>
        <p class="muted">
          {items.length === 0 ? `No annotation of ${F} has a copy on ${T}.`
            : `${items.length} cop${items.length === 1 ? 'y' : 'ies'} on “${p.to.title}”: ${counts}.`}
        </p>
        <div class="row">
          <button type="button" onClick={p.onSwitch}>Review {T} → {F}</button>
          {items.length > 0 && <button type="button" class="danger" onClick={() => p.onDiscard(items.map((i) => i.copy))}>Discard all {items.length}</button>}
          <button type="button" onClick={p.onClose}>Done</button>
        </div>
      </header>
      <ol class="review-list" aria-label="Carried annotations">
        {items.map(({ copy, original, review }) => {
          const placed = copy.status !== 'orphaned';
          const done = review.decided;
          return (
            <li key={copy.id} class={`review-item review-${review.verdict}${done ? ' accepted' : ''}`} data-annotation-id={copy.id}>
              <div class="review-verdict"><Verdict r={review} />{done && review.verdict !== 'placed' && <span class="verdict verdict-accepted">{placed ? 'Accepted' : 'Kept as orphan'}</span>}</div>
              <div class="review-pair">
                <figure>
                  <figcaption>In {F} (¶{parasFrom.numberAt(original.start)})</figcaption>
                  <blockquote class={`review-quote hl-${original.color}`}>{short(original.exact)}</blockquote>
                </figure>
                <figure>
                  <figcaption>{placed ? `In ${T} (¶${parasTo.numberAt(copy.start)})` : `In ${T}`}</figcaption>
                  {placed ? <blockquote class={`review-quote hl-${copy.color}`}>{short(copy.exact)}</blockquote>
                    : <p class="review-missing">Not found in {T}: the copy is kept here with its comment and tags, and paints no text.</p>}
                </figure>
              </div>
              {(copy.comment || copy.tags.length > 0) && (
                <p class="review-note">{copy.comment}{copy.tags.length ? <span class="muted"> · {copy.tags.join(', ')}</span> : null}</p>
              )}
              <div class="row review-actions" role="group" aria-label="Review this copy">
                <button type="button" disabled={done} onClick={() => void accept(copy)}>{placed ? 'Accept' : 'Keep as orphan'}</button>
                <button type="button" onClick={() => p.onAdjust(copy)}>{placed ? 'Adjust…' : 'Place…'}</button>
                <button type="button" class="danger" onClick={() => p.onDiscard([copy])}>Discard</button>
                {placed && <button type="button" class="link" onClick={() => p.onShow(toSide, copy.start)}>Show in {T}</button>}
                <button type="button" class="link" onClick={() => p.onShow(p.fromSide, original.start)}>Show in {F}</button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
