// Notes citing an annotation or a source (window.lectern.backlinks); a click
// opens the note at its citation of that id ('open-note').
// Compact backlinks (one per annotation in the side panel, possibly thousands)
// ask the back end only while they are on screen, and say nothing when no note
// cites their annotation.
import { useEffect, useRef, useState } from 'preact/hooks';
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
  const [visible, setVisible] = useState(!compact);
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => on('changed', (e) => { if (e.what === 'notes') setTick((t) => t + 1); }), []);
  const shown = (links ?? []).filter((l) => l.noteId !== exclude);
  // an annotation no note cites shows nothing; inside a note (exclude) "no other note" is worth saying
  const quiet = links === null || (compact && !exclude && shown.length === 0);
  useEffect(() => {
    if (!compact || !slot.current) return undefined;
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)));
    io.observe(slot.current);
    return () => io.disconnect();
  }, [compact, quiet]);
  useEffect(() => {
    if (!visible) return undefined;
    let live = true;
    window.lectern.backlinks(id).then((l) => { if (live) setLinks(l); }, () => { if (live) setLinks([]); });
    return () => { live = false; };
  }, [id, tick, visible]);
  if (quiet) return <div ref={slot} class="backlinks-slot" />;
  return (
    <section ref={slot} class={`backlinks${compact ? ' compact' : ''}`} aria-label={`${label}: notes citing this`}>
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
