// "Also in" (issue 9.4): for each version of a cited or annotated passage's
// source, whether the passage is there and whether it reads the same, with the
// other wording marked against the cited one (struck / underlined, as in the
// compare view). Shown in a citation's card and under the selected annotation
// in the side panel, each with "Cite this version" (the card's chip; the
// panel's annotation's citations in notes: switch-citations.ts).
import { useEffect, useState } from 'preact/hooks';
import type { PassageInVersion } from '../../common/types.ts';
import { emit } from '../bus.ts';
import { useBusEvent } from '../app/useBusEvent.ts';
import { KIND_LABEL } from './figures.ts';
import { wordingRuns } from './wording-diff.ts';
import './also-in.css';

export interface CitedPassage {
  sourceId: string;
  /** Code points of the source. */
  start: number;
  end: number;
  exact: string;
  annotationId: string | null;
}

export type AlsoInVerdict = 'same' | 'differs' | 'absent' | 'unknown';

export function alsoInVerdict(p: PassageInVersion, cited: string): AlsoInVerdict {
  if (p.status === null) return 'unknown';
  if (p.status === 'orphaned') return 'absent';
  return p.exact.trim() === cited.trim() ? 'same' : 'differs';
}

function verdictText(p: PassageInVersion, v: AlsoInVerdict): string {
  if (v === 'unknown') return `Cannot tell: ${p.unavailable ?? 'not aligned'}`;
  if (v === 'absent') return 'Not in this version';
  if (v === 'same') return 'Same wording';
  return `Reads differently · ${Math.round(p.score * 100)}% alike`;
}

function Wording({ cited, other }: { cited: string; other: string }) {
  return (
    <blockquote class="also-in-wording">
      {wordingRuns(cited, other).map((r, i) => (r.mark === 'deleted' ? <del key={i} class="d-del">{r.text}</del>
        : r.mark === 'inserted' ? <ins key={i} class="d-ins">{r.text}</ins> : <span key={i}>{r.text}</span>))}
    </blockquote>
  );
}

export function AlsoIn({ passage, onSwitch, switchLabel = 'Cite this version', onLayout }: {
  passage: CitedPassage;
  /** Points the citation (the card's) or the citations of the annotation (the panel's) at that version's passage instead. */
  onSwitch?(p: PassageInVersion): void;
  switchLabel?: string;
  /** The list's size changed (the card repositions). */
  onLayout?(): void;
}) {
  const [found, setFound] = useState<PassageInVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { sourceId, start, end, annotationId } = passage;
  // an annotation made or carried meanwhile (a "Cite this version" just now) is the one to cite there next time
  const [reads, setReads] = useState(0);
  useBusEvent('changed', ({ what }) => { if (what === 'annotations') setReads((n) => n + 1); });
  // another passage: nothing shown until its list is in (a re-read keeps the list on screen)
  useEffect(() => { setFound(null); setError(null); }, [sourceId, start, end, annotationId]);
  useEffect(() => {
    let live = true;
    window.lectern.passageInVersions(sourceId, start, end, annotationId).then(
      (list) => { if (live) { setFound(list); setError(null); } },
      (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)); },
    );
    return () => { live = false; };
  }, [sourceId, start, end, annotationId, reads]);
  useEffect(() => { onLayout?.(); }, [found, error]);
  if (error) return <p class="also-in-error">Other versions could not be checked: {error}</p>;
  if (!found || found.length === 0) return null;
  return (
    <section class="also-in" aria-label="Also in">
      <h3 class="also-in-title">Also in</h3>
      <ul class="also-in-list">
        {found.map((p) => {
          const v = alsoInVerdict(p, passage.exact);
          const placed = v === 'same' || v === 'differs';
          return (
            <li key={p.id} class={`also-in-item also-in-${v}`} data-source-id={p.id} data-verdict={v}>
              <p class="also-in-head">
                <span class="also-in-kind">{KIND_LABEL[p.kind]}</span> <span class="also-in-source">{p.title}</span>
              </p>
              <p class="also-in-verdict">{verdictText(p, v)}{p.annotationId && placed ? ' · annotated there' : ''}</p>
              {v === 'differs' && <Wording cited={passage.exact} other={p.exact} />}
              {placed && (
                <div class="also-in-actions" role="group" aria-label={`In ${p.title}`}>
                  <button type="button" class="link" onClick={() => emit('open-passage', { sourceId: p.id, start: p.start, end: p.end })}>Open there</button>
                  <button type="button" class="link" onClick={() => emit('compare', { a: sourceId, b: p.id })}>Compare</button>
                  {onSwitch && <button type="button" class="link" onClick={() => onSwitch(p)}>{switchLabel}</button>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
