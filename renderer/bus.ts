// App-wide events between the panes (reader, annotations, notebook) that do not
// own each other. Payloads are typed here so every pane agrees on them.
import type { CitationAttrs } from '../common/citation.ts';

export interface BusEvents {
  /** Open a source in the reader, scrolled to [start, end) code points and flashed. */
  'open-passage': { sourceId: string; start: number; end: number };
  /** Open a note in the notebook, optionally scrolled to its citation of this annotation/source id. */
  'open-note': { noteId: string; citing?: string };
  /** Insert a quote + citation into the note being edited ("Add to note"). */
  'cite': CitationAttrs;
  /** Create a note and focus it (File > New Note, Mod-N). */
  'new-note': Record<string, never>;
  /** Show two sources side by side in the main area (a: left, b: right); carry: open the carry dialog there. */
  'compare': { a: string; b: string; carry?: boolean };
  /** Something changed in the store that lists should re-read; ids: notes rewritten elsewhere (an open one reloads). */
  'changed': { what: 'sources' | 'annotations' | 'notes' | 'settings'; ids?: string[] };
}

type Listener<K extends keyof BusEvents> = (payload: BusEvents[K]) => void;

const listeners = new Map<keyof BusEvents, Set<Listener<never>>>();

export function on<K extends keyof BusEvents>(event: K, fn: Listener<K>): () => void {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(fn as Listener<never>);
  return () => set.delete(fn as Listener<never>);
}

export function emit<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void {
  for (const fn of listeners.get(event) ?? []) (fn as Listener<K>)(payload);
}
