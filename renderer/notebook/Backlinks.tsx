// Notes citing an annotation or a source (window.lectern.backlinks); a click
// opens the note at its citation of that id ('open-note').
import { useEffect, useState } from 'preact/hooks';
import type { Backlink } from '../../common/types.ts';
import { emit, on } from '../bus.ts';

export function Backlinks({ id, exclude, label = 'Cited in', compact = false }: {
  /** An annotation id or a source id. */
  id: string;
  /** A note id to leave out (the note being edited). */
  exclude?: string | null;
  label?: string;
  compact?: boolean;
}) {
  const [links, setLinks] = useState<Backlink[] | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => on('changed', (e) => { if (e.what === 'notes') setTick((t) => t + 1); }), []);
  useEffect(() => {
    let live = true;
    window.lectern.backlinks(id).then((l) => { if (live) setLinks(l); }, () => { if (live) setLinks([]); });
    return () => { live = false; };
  }, [id, tick]);
  if (links === null) return null;
  const shown = links.filter((l) => l.noteId !== exclude);
  return (
    <section class={`backlinks${compact ? ' compact' : ''}`} aria-label={`${label}: notes citing this`}>
      <h3 class="backlinks-title">{label}</h3>
      {shown.length === 0 ? (
        <p class="backlinks-empty">{exclude ? 'No other note cites this.' : 'No note cites this yet.'}</p>
      ) : (
        <ul class="backlinks-list">
          {shown.map((l) => (
            <li key={l.noteId}>
              <button type="button" class="link backlink" aria-label={`Open note ${l.title || 'Untitled note'}`}
                onClick={() => emit('open-note', { noteId: l.noteId, citing: id })}>
                {l.title || 'Untitled note'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
