// One annotation in the Annotations view: its colour, passage, source and
// date, tags and comment. The passage is a button (click or Enter opens it in
// the reader); the source adds itself to the source filter, a tag chooses itself.
import { memo } from 'preact/compat';
import type { AnnotationListItem } from '../../common/types.ts';
import { revisionPlace, revisionPlaceTitle } from '../versions/figures.ts';

export interface AnnotationRowProps {
  index: number;
  top: number;
  /** Undefined while its page is being read. */
  item: AnnotationListItem | undefined;
  measure(el: HTMLElement | null): void;
  onOpen(): void;
  onSource(source: { id: string; title: string }): void;
  onTag(tag: string): void;
}

const day = (iso: string) => iso.slice(0, 10);

export const AnnotationRow = memo(function AnnotationRow(p: AnnotationRowProps) {
  const a = p.item;
  // a file and its revision share a title: the row says which it is
  const source = a ? `${a.sourceTitle}${a.sourceRevision ? `, ${revisionPlace(a.sourceRevision)}` : ''}` : '';
  return (
    <li class="av-row" data-index={p.index} ref={p.measure} style={{ transform: `translateY(${p.top}px)` }}>
      {!a ? <div class="av-loading" aria-busy="true">Reading…</div> : (
        <>
          <button type="button" class="av-open" onClick={p.onOpen}
            aria-label={`${a.exact.slice(0, 200)} — ${source}, open in the reader`}>
            <span class={`av-swatch hl-${a.color}`} aria-hidden="true" />
            <span class="av-exact">{a.exact}</span>
          </button>
          <div class="av-meta">
            <button type="button" class="link av-source" title="Filter by this source too" aria-label={source} onClick={() => p.onSource({ id: a.sourceId, title: a.sourceTitle })}>
              {a.sourceTitle}
            </button>
            {a.sourceRevision && <span class="revision-mark" aria-hidden="true" title={revisionPlaceTitle(a.sourceRevision)}>{revisionPlace(a.sourceRevision)}</span>}
            {a.sourcePublished && <span class="av-date" title="Published">{a.sourcePublished}</span>}
            <span class="av-date" title={`Annotated ${a.created}`}>annotated {day(a.created)}</span>
            <span class="visually-hidden">colour {a.color}</span>
            {a.status !== 'anchored' && <span class="av-status">{a.status}</span>}
            {a.tags.length > 0 && (
              <ul class="chips av-tags" aria-label="Tags">
                {a.tags.map((t) => <li key={t}><button type="button" class="chip av-tag" title={`Only “${t}”`} onClick={() => p.onTag(t)}>{t}</button></li>)}
              </ul>
            )}
          </div>
          {a.comment && <p class="av-comment">{a.comment}</p>}
        </>
      )}
    </li>
  );
});
