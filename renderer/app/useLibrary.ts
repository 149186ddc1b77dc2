// The library's list of sources, read from the back end. Its tags are derived
// from the sources (each summary lists its annotations' tags), not fetched or
// kept separately. `changed` is the one refresh after a change in the app:
// it re-reads the list once and tells the other panes (the notebook's
// caches) on the bus; the app itself does not listen for its own event.
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { SourceSummary } from '../../common/types.ts';
import { emit } from '../bus.ts';

export function useLibrary() {
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const tags = useMemo(() => [...new Set(sources.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b)), [sources]);

  const refresh = useCallback(async () => { setSources(await window.lectern.listSources()); }, []);

  /** After sources or annotations changed: one re-read, and the other panes are told. */
  const changed = useCallback(async (what: { sources?: boolean; annotations?: boolean }) => {
    await refresh();
    if (what.sources) emit('changed', { what: 'sources' });
    if (what.annotations) emit('changed', { what: 'annotations' });
  }, [refresh]);

  return { sources, tags, refresh, changed };
}
