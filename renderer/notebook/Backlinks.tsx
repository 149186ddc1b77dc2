// Notes citing an annotation or a source (window.lectern.backlinks); a click
// opens the note at its citation of that id ('open-note').
// The side panel shows one per annotation (possibly thousands): given the
// annotation's sourceId, they share one index per source, built from the notes
// citing that source (one backlinks call, then those notes' citations), rather
// than a call each. A compact one says nothing when no note cites its id.
import { useEffect, useState } from 'preact/hooks';
import type { Backlink } from '../../common/types.ts';
import { citationsOf } from '../../common/note-citations.ts';
import { readNoteDoc } from '../../common/note-parse.ts';
import { emit, on } from '../bus.ts';

type Index = Map<string, Backlink[]>;
const NONE: Backlink[] = [];
const indexes = new Map<string, { promise: Promise<Index>; value: Index | null }>();

/** annotation id -> notes citing it, for the annotations of one source. */
function sourceIndex(sourceId: string): { promise: Promise<Index>; value: Index | null } {
  let entry = indexes.get(sourceId);
  if (!entry) {
    const e: { promise: Promise<Index>; value: Index | null } = { promise: Promise.resolve(new Map()), value: null };
    e.promise = (async () => {
      const index: Index = new Map();
      const citing = await window.lectern.backlinks(sourceId);
      const notes = await Promise.all(citing.map((b) => window.lectern.getNote(b.noteId).catch(() => null)));
      for (const [i, note] of notes.entries()) {
        if (!note) continue;
        // a note this build cannot read counts with the citations it can
        const ids = new Set(citationsOf(readNoteDoc(note).doc).map((c) => c.attrs.annotationId).filter((x): x is string => !!x));
        for (const id of ids) index.set(id, [...(index.get(id) ?? []), citing[i]!]);
      }
      e.value = index;
      return index;
    })();
    e.promise.catch(() => indexes.delete(sourceId));
    indexes.set(sourceId, e);
    entry = e;
  }
  return entry;
}

/** Per source, the mounted Backlinks reading its index (told when it is rebuilt). */
const readers = new Map<string, Set<(ix: Index) => void>>();

// After a note is saved, rebuild the index of each source on screen once, then
// tell its readers (most find their list unchanged and do not re-render).
on('changed', (e) => {
  if (e.what !== 'notes') return;
  indexes.clear();
  for (const [sourceId, set] of readers) {
    if (set.size) sourceIndex(sourceId).promise.then((ix) => { for (const fn of set) fn(ix); }, () => {});
  }
});

const same = (a: Backlink[] | null, b: Backlink[]) =>
  !!a && a.length === b.length && a.every((x, i) => x.noteId === b[i]!.noteId && x.title === b[i]!.title);

export function Backlinks({ id, sourceId, exclude, label = 'Cited in', compact = false }: {
  /** An annotation id or a source id. */
  id: string;
  /** For an annotation: its source, so all of that source's annotations share one lookup. */
  sourceId?: string;
  /** A note id to leave out (the note being edited). */
  exclude?: string | null;
  label?: string;
  compact?: boolean;
}) {
  const [links, setLinks] = useState<Backlink[] | null>(() => {
    const ready = sourceId ? indexes.get(sourceId)?.value : null;
    return ready ? (ready.get(id) ?? NONE) : null;
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (sourceId) return undefined; // the shared index tells us instead
    return on('changed', (e) => { if (e.what === 'notes') setTick((t) => t + 1); });
  }, [sourceId]);
  useEffect(() => {
    let live = true;
    const got = (l: Backlink[]) => { if (live) setLinks((prev) => (same(prev, l) ? prev : l)); };
    if (!sourceId) {
      window.lectern.backlinks(id).then(got, () => got(NONE));
      return () => { live = false; };
    }
    const read = (ix: Index) => got(ix.get(id) ?? NONE);
    let set = readers.get(sourceId);
    if (!set) readers.set(sourceId, (set = new Set()));
    set.add(read);
    const entry = sourceIndex(sourceId);
    if (entry.value) read(entry.value);
    else entry.promise.then(read, () => got(NONE));
    return () => { live = false; set.delete(read); if (!set.size) readers.delete(sourceId); };
  }, [id, sourceId, tick]);
  const shown = (links ?? NONE).filter((l) => l.noteId !== exclude);
  // an annotation no note cites shows nothing; inside a note (exclude) "no other note" is worth saying
  if (links === null || (compact && !exclude && shown.length === 0)) return null;
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
