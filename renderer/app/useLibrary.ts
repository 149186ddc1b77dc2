// What the app knows of the library as a whole: how many sources it holds,
// the tags in use, the collections, and a version that every change bumps
// (the library pane reads its rows again, a page at a time; nothing here holds
// the sources). `changed` is the one refresh after a change in the app: it
// re-reads once and tells the other panes (the notebook's caches) on the bus;
// the app itself does not listen for its own event.
import { useCallback, useState } from 'preact/hooks';
import type { Collection } from '../../common/types.ts';
import { emit } from '../bus.ts';

export function useLibrary() {
  const [version, setVersion] = useState(0);
  /** Sources in the library; null until first read. */
  const [count, setCount] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [collections, setCollections] = useState<Collection[] | null>(null);

  const refresh = useCallback(async () => {
    const [c, t, cols] = await Promise.all([window.lectern.countSources(), window.lectern.listTags(), window.lectern.listCollections()]);
    setCount(c.library);
    setTags(t);
    setCollections(cols);
    setVersion((v) => v + 1);
  }, []);

  /** After sources, annotations or collections changed: one re-read, and the other panes are told. */
  const changed = useCallback(async (what: { sources?: boolean; annotations?: boolean; collections?: boolean }) => {
    await refresh();
    if (what.sources) emit('changed', { what: 'sources' });
    if (what.annotations) emit('changed', { what: 'annotations' });
  }, [refresh]);

  return { version, count, tags, collections, refresh, changed };
}
