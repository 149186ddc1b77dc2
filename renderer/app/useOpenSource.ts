// The source open in the reader: the source, its annotations in text order,
// the selected annotation, and the latest request to show a passage (a
// RevealRequest the Reader applies once its view of that source exists).
import { useRef, useState } from 'preact/hooks';
import type { Annotation, Source } from '../../common/types.ts';
import type { RevealRequest } from '../reader/Reader.tsx';

export interface OpenSource { source: Source; annotations: Annotation[] }
/** A passage to show (flashed unless flash is false), or with `top`, a saved offset to put at the top. */
export interface RevealTarget { start: number; end: number; flash?: boolean; top?: boolean }

const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end || a.created.localeCompare(b.created);

export function useOpenSource(fail: (e: unknown) => void) {
  const [open, setOpen] = useState<OpenSource | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  // Every request (a reveal or a load) takes the next number; a load that
  // another request overtook while it was being fetched is dropped.
  const requests = useRef(0);

  /** Opens a source (unless it is open) and optionally shows a passage in it. */
  const openSource = async (id: string, target?: RevealTarget): Promise<void> => {
    const n = ++requests.current;
    const request = target ? { seq: n, sourceId: id, flash: true, ...target } : null;
    if (open?.source.id === id) {
      if (request) setReveal(request);
      return;
    }
    const [source, annotations] = await Promise.all([window.lectern.getSource(id), window.lectern.listAnnotations(id)]);
    if (n !== requests.current) return;
    performance.mark('lectern:reader-source');
    setSelectedId(null);
    setReveal(request);
    setOpen({ source, annotations: annotations.sort(byPosition) });
    if (!target?.top) window.lectern.updateSettings({ lastSourceId: id, lastScrollOffset: target?.start ?? 0 }).catch(fail);
  };

  /** Changes the open source's annotations (kept in text order); `sourceId` guards against a source opened since. */
  const setAnnotations = (sourceId: string, fn: (list: Annotation[]) => Annotation[]) =>
    setOpen((o) => (o && o.source.id === sourceId ? { ...o, annotations: fn(o.annotations).sort(byPosition) } : o));

  const setSource = (source: Source) => setOpen((o) => (o && o.source.id === source.id ? { ...o, source } : o));

  const close = () => {
    ++requests.current;
    setSelectedId(null);
    setOpen(null);
    window.lectern.updateSettings({ lastSourceId: null, lastScrollOffset: 0 }).catch(() => {});
  };

  return { open, selectedId, setSelectedId, reveal, openSource, setAnnotations, setSource, close };
}
