// The source header's versions (issue 9.1): the sources that are versions of
// this one, revisions of it, or share passages with it, each with its figures
// ("version · 92% of this text is in it · likely derived from it"), and
// Compare, Carry…, Confirm (a detected relation), Dismiss, and "Link a version…".
// Dismissed relations are listed apart, with Restore; a Dismiss is handed to
// the app's one Undo (its toast and Mod-Z), which restores it.
import { useEffect, useState } from 'preact/hooks';
import type { RelatedSource } from '../../common/types.ts';
import { emit } from '../bus.ts';
import { useBusEvent } from '../app/useBusEvent.ts';
import { KIND_LABEL, relationFigures } from './figures.ts';
import { LinkDialog } from './LinkDialog.tsx';
import type { ActionUndo } from '../undo.ts';
import './versions.css';

export function VersionsList({ sourceId, title, fail, offerUndo, onChanged, onOpen }: {
  sourceId: string; title: string; fail(e: unknown): void;
  /** Opens a related source in the reader (its title is a link). */
  onOpen(id: string): void;
  /** Hands a dismissal's undo to the app's one Undo. */
  offerUndo(undo: ActionUndo): void;
  /** After a link, confirmation or dismissal: the app re-reads the library (whose marks change) and tells the other panes. */
  onChanged(): Promise<void>;
}) {
  const [relations, setRelations] = useState<RelatedSource[] | null>(null);
  const [linking, setLinking] = useState(false);
  const [showDismissed, setShowDismissed] = useState(false);
  const read = () => window.lectern.sourceRelations(sourceId).then((r) => setRelations(r.relations), fail);
  useEffect(() => { setRelations(null); void read(); }, [sourceId]);
  useBusEvent('changed', ({ what }) => { if (what === 'sources') void read(); });

  /** Runs a change, then shows it here and wherever sources are listed; false when it failed (said). */
  const act = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      await onChanged(); // its 'changed' event on the bus re-reads this list
      return true;
    } catch (e) { fail(e); return false; }
  };
  /** Links, confirms or restores (the API's one way back from a dismissal). */
  const link = (other: string) => act(() => window.lectern.linkSources(sourceId, other));
  const dismiss = async (r: RelatedSource) => {
    if (!await act(() => window.lectern.unlinkSources(sourceId, r.id))) return;
    offerUndo({
      message: `Dismissed “${r.title}” as related.`,
      run: async () => { await window.lectern.linkSources(sourceId, r.id); await onChanged(); },
    });
  };
  if (!relations) return null;
  const live = relations.filter((r) => !r.dismissed);
  const dismissed = relations.filter((r) => r.dismissed);
  return (
    <section class="versions" aria-label="Versions">
      <div class="versions-head">
        <h2 class="versions-title">{live.length === 0 ? 'No versions' : live.length === 1 ? '1 related source' : `${live.length} related sources`}</h2>
        <button type="button" class="link" onClick={() => setLinking(true)}>Link a version…</button>
        {dismissed.length > 0 && (
          <button type="button" class="link" aria-expanded={showDismissed} onClick={() => setShowDismissed((x) => !x)}>
            {showDismissed ? 'Hide dismissed' : `${dismissed.length} dismissed`}
          </button>
        )}
      </div>
      {live.length > 0 && (
        <ul class="versions-list">
          {live.map((r) => (
            <li key={r.id} class="version-item" data-source-id={r.id}>
              <span class={`version-kind kind-${r.kind}`}>{KIND_LABEL[r.kind]}</span>
              <button type="button" class="link version-title" title={`Open “${r.title}”`} onClick={() => onOpen(r.id)}>{r.title}</button>
              <span class="version-figures">{relationFigures(r)}{r.origin === 'manual' ? ' · linked by you' : ' · found by Lectern'}</span>
              <span class="version-actions" role="group" aria-label={`Actions for ${r.title}`}>
                <button type="button" onClick={() => emit('compare', { a: sourceId, b: r.id })}>Compare</button>
                <button type="button" onClick={() => emit('compare', { a: sourceId, b: r.id, carry: true })}>Carry…</button>
                {r.origin === 'detected' && <button type="button" onClick={() => void link(r.id)} title="Keep this relation: it is a version">Confirm</button>}
                <button type="button" onClick={() => void dismiss(r)} title="Not related: never proposed again (Undo or Restore brings it back)">Dismiss</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {showDismissed && dismissed.length > 0 && (
        <ul class="versions-list dismissed" aria-label="Dismissed">
          {dismissed.map((r) => (
            <li key={r.id} class="version-item" data-source-id={r.id}>
              <span class="version-kind">dismissed</span>
              <span class="version-title" title={r.title}>{r.title}</span>
              <span class="version-actions"><button type="button" onClick={() => void link(r.id)}>Restore</button></span>
            </li>
          ))}
        </ul>
      )}
      {linking && (
        <LinkDialog sourceId={sourceId} title={title} exclude={new Set(relations.filter((r) => !r.dismissed).map((r) => r.id))} onClose={() => setLinking(false)}
          onLink={(other) => { setLinking(false); void link(other); }} />
      )}
    </section>
  );
}
