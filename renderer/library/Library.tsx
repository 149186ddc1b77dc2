// The library pane: the search box (its results replace the list while there
// is a query), the collections, sort and tag filter, how many sources are
// shown, and the windowed list of sources. Everything listed is read from the
// store as needed (a library of 100,000 sources is never held here).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Collection, SearchHit, SearchPage, SourceCount, SourceSort } from '../../common/types.ts';
import { MAX_SEARCH_LIMIT, SOURCE_SORTS } from '../../common/types.ts';
import { useSourcePages } from './useSourcePages.ts';
import { SourceList } from './SourceList.tsx';
import { Collections } from './Collections.tsx';
import { MORE_RESULTS, SearchResults, inGroupOrder } from './SearchResults.tsx';

export { Snippet } from './SearchResults.tsx';
export type SortKey = SourceSort;

/** Results asked for first (a screenful or two; "Show more" asks for more). */
const FIRST_RESULTS = 60;
/** A search waits this long after the last key (ms). */
const SEARCH_DELAY = 120;

/** Every tag plus each of its parents (a filter on "a" also shows "a/b"). */
export function tagTree(tags: string[]): string[] {
  const all = new Set<string>();
  for (const t of tags) {
    const parts = t.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort((a, b) => a.localeCompare(b));
}

const SORT_NOTE: Record<SourceSort, string> = { date: 'newest first', title: 'by title', imported: 'newest import first' };

/** "1,204 of 20,950 sources · newest first · 310 undated, listed last" */
function countLine(c: SourceCount, sort: SourceSort, filtered: boolean): string {
  const n = filtered ? `${c.total.toLocaleString()} of ${c.library.toLocaleString()} sources` : `${c.total.toLocaleString()} ${c.total === 1 ? 'source' : 'sources'}`;
  const undated = sort === 'date' && c.undated > 0
    ? (c.undated === c.total ? ' · none has a date' : ` · ${c.undated.toLocaleString()} undated, listed last`) : '';
  return `${n} · ${SORT_NOTE[sort]}${undated}`;
}

/** Why a filtered listing is empty. */
function emptyFilter(collection: string | null, tag: boolean, withVersions: boolean): string {
  const what = [tag && 'has this tag', withVersions && 'has a version'].filter(Boolean).join(' and ');
  if (collection) return `No source in “${collection}”${what ? ` ${what}` : ' yet: drag sources onto it'}.`;
  return `No source ${what}.`;
}

const stored = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
  const v = localStorage.getItem(key);
  return allowed.includes(v as T) ? (v as T) : fallback;
};

export interface LibraryProps {
  /** Bumped by the app whenever sources, annotations or collections change: what is shown is read again. */
  version: number;
  tags: string[];
  /** Null until first read. */
  collections: Collection[] | null;
  currentId: string | null;
  searchRef: { current: HTMLInputElement | null };
  onOpen(id: string): void;
  onOpenHit(hit: SearchHit): void;
  /** Deletes a source (the shell offers undo). */
  onDelete(id: string): void;
  /** Deletes a collection (the shell offers undo). */
  onDeleteCollection(id: string): void;
  /** After collections changed here (made, renamed, sources added or removed). */
  onCollectionsChanged(): void;
  /** A passing message (not an error). */
  notify(message: string): void;
  fail(error: unknown): void;
}

export function Library(p: LibraryProps) {
  const [sort, setSort] = useState<SourceSort>(() => stored('lectern.sort', SOURCE_SORTS, 'date'));
  const [tag, setTag] = useState('');
  const [withVersions, setWithVersions] = useState(() => localStorage.getItem('lectern.withVersions') === '1');
  const [collectionId, setCollectionId] = useState<string | null>(() => localStorage.getItem('lectern.collection'));
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<SearchPage | null>(null);
  const [limit, setLimit] = useState(FIRST_RESULTS);
  const [searchError, setSearchError] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLElement | null>(null);
  const seq = useRef(0);
  /** The search being answered (settles, never rejects), or null. */
  const inFlight = useRef<Promise<void> | null>(null);

  const collections = p.collections ?? [];
  // a collection deleted meanwhile (or elsewhere) is no longer a filter
  const collection = collections.find((c) => c.id === collectionId) ?? null;
  useEffect(() => { if (collectionId && p.collections && !collection) setCollectionId(null); }, [p.collections]);
  useEffect(() => { localStorage.setItem('lectern.sort', sort); }, [sort]);
  useEffect(() => {
    if (withVersions) localStorage.setItem('lectern.withVersions', '1');
    else localStorage.removeItem('lectern.withVersions');
  }, [withVersions]);
  useEffect(() => {
    if (collectionId) localStorage.setItem('lectern.collection', collectionId);
    else localStorage.removeItem('lectern.collection');
  }, [collectionId]);

  const listQuery = useMemo(() => ({
    sort, ...(tag && { tag }), ...(collection && { collectionId: collection.id }), ...(withVersions && { withVersions }),
  }), [sort, tag, collection?.id, withVersions]);
  // a collection chosen last time filters the list once the collections are known (not the whole library first)
  const pages = useSourcePages(listQuery, p.version, p.collections !== null || !collectionId);
  const libraryCount = pages.count?.library ?? 0;

  useEffect(() => { setLimit(FIRST_RESULTS); }, [query, collection?.id]);
  useEffect(() => {
    const q = query.trim();
    if (!q) { setPage(null); setSearchError(''); return undefined; }
    const n = ++seq.current;
    const more = limit > FIRST_RESULTS;
    const send = () => {
      if (n !== seq.current) return; // a newer query replaced this one while it waited
      performance.mark('lectern:search-request');
      const done: Promise<void> = window.lectern.searchPage(q, { limit, ...(collection && { collectionId: collection.id }) }).then((r) => {
        if (n !== seq.current) return;
        setPage(r);
        setSearchError('');
        if (!more) setActive(0);
        requestAnimationFrame(() => performance.mark('lectern:search-frame'));
      }, (e: Error) => {
        if (n !== seq.current) return;
        setPage({ hits: [], totals: { source: { count: 0, exact: true }, annotation: { count: 0, exact: true }, note: { count: 0, exact: true } } });
        setSearchError(e.message);
      });
      inFlight.current = done;
      void done.then(() => { if (inFlight.current === done) inFlight.current = null; });
    };
    // One search at a time: the back end answers in turn, so a query typed while one is being answered waits for it
    // (its answer is then ignored) and only the latest goes, rather than every query typed queuing behind it.
    const t = setTimeout(() => {
      if (!inFlight.current) { send(); return; }
      performance.mark('lectern:search-waiting');
      void inFlight.current.then(send);
    }, more ? 0 : SEARCH_DELAY);
    return () => clearTimeout(t);
  }, [query, limit, collection?.id, p.version]);

  const flatHits = page ? inGroupOrder(page.hits) : [];
  const moveHits = (e: KeyboardEvent) => {
    if (!flatHits.length) return;
    if (e.key === 'ArrowDown') { setActive((a) => Math.min(flatHits.length - 1, a + 1)); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { setActive((a) => Math.max(0, a - 1)); e.preventDefault(); }
    else if (e.key === 'Enter') { e.preventDefault(); p.onOpenHit(flatHits[Math.min(active, flatHits.length - 1)]!); }
  };
  useEffect(() => {
    document.getElementById(flatHits[active] ? `hit-${flatHits[active]!.kind}-${flatHits[active]!.id}` : '')?.scrollIntoView({ block: 'nearest' });
  }, [active, page]);

  /** A change to collections made here, then the message that says it was done. */
  const act = (what: Promise<unknown>, done: string) => what.then(() => {
    p.onCollectionsChanged();
    p.notify(done);
  }, p.fail);

  const searching = page !== null;
  const filtered = !!(collection || tag || withVersions);
  const empty = pages.count !== null && pages.count.library === 0;
  const listShown = pages.count !== null && pages.count.total > 0;

  return (
    <aside class="library" aria-label="Library">
      <div class="library-search" role="search">
        <input
          ref={(el) => { p.searchRef.current = el; }}
          type="search" aria-label="Search" placeholder={collection ? `Search in ${collection.name}` : 'Search sources, annotations, notes'}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) { e.preventDefault(); setQuery(''); return; }
            if (searching) moveHits(e);
            else if (e.key === 'ArrowDown') { e.preventDefault(); listRef.current?.focus(); }
          }}
          aria-controls={searching ? 'search-results' : listShown ? 'source-list' : undefined}
          aria-activedescendant={searching && flatHits[active] ? `hit-${flatHits[active]!.kind}-${flatHits[active]!.id}` : undefined}
        />
        {collection && (
          <p class="search-scope">
            In <strong>{collection.name}</strong>
            <button type="button" class="link" onClick={() => setCollectionId(null)}>Show all sources</button>
          </p>
        )}
      </div>
      {page && (
        <SearchResults query={query} page={page} full={page.hits.length >= limit} error={searchError} active={active}
          scope={collection?.name ?? null} onActivate={setActive} onOpenHit={p.onOpenHit}
          onShowMore={() => setLimit((l) => Math.min(MAX_SEARCH_LIMIT, l + MORE_RESULTS))} />
      )}
      <div class="library-browse" hidden={searching}>
        <Collections
          collections={collections} libraryCount={libraryCount} selected={collection?.id ?? null} onSelect={setCollectionId}
          onCreate={async (name) => {
            const c = await window.lectern.createCollection(name); // a name in use is an error the form shows
            p.onCollectionsChanged();
            setCollectionId(c.id);
          }}
          onRename={async (id, name) => { await window.lectern.renameCollection(id, name); p.onCollectionsChanged(); }}
          onDelete={p.onDeleteCollection}
          onAdd={(id, ids) => {
            const name = collections.find((c) => c.id === id)?.name ?? 'the collection';
            window.lectern.addToCollection(id, ids).then((r) => {
              p.onCollectionsChanged();
              p.notify(r.changed > 0 ? `Added ${r.changed === 1 ? 'the source' : `${r.changed} sources`} to “${name}”.` : `Already in “${name}”.`);
            }, p.fail);
          }}
        />
        <div class="library-tools">
          <label class="inline">
            <span>Sort</span>
            <select aria-label="Sort by" value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as SourceSort)}>
              <option value="date">Date</option>
              <option value="title">Title</option>
              <option value="imported">Imported</option>
            </select>
          </label>
          <label class="inline">
            <span>Tag</span>
            <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
              <option value="">All</option>
              {tagTree(p.tags).map((t) => <option key={t} value={t}>{'\u2003'.repeat(t.split('/').length - 1)}{t.split('/').pop()}</option>)}
            </select>
          </label>
          <label class="inline library-versions-filter" title="List only sources that have another version (or revision) in the library">
            <input type="checkbox" checked={withVersions} onChange={(e) => setWithVersions((e.target as HTMLInputElement).checked)} />
            <span>With versions</span>
          </label>
        </div>
        {pages.count && !empty && <p class="library-count" role="status">{countLine(pages.count, sort, filtered)}</p>}
        {empty ? (
          <div class="library-empty">
            <p class="empty-title">Drop text files here</p>
            <p class="empty-hint">Lectern keeps .txt and .md files in a local library. Drop files or folders anywhere, or press Ctrl+O.</p>
          </div>
        ) : pages.count && pages.count.total === 0 ? (
          <p class="panel-empty">{emptyFilter(collection?.name ?? null, !!tag, withVersions)}</p>
        ) : (
          <SourceList
            pages={pages} sort={sort} currentId={p.currentId} listRef={listRef} onOpen={p.onOpen} onDelete={p.onDelete}
            {...(collection && {
              removeLabel: `Remove from “${collection.name}”`,
              onRemove: (id: string) => {
                void act(window.lectern.removeFromCollection(collection.id, [id]), `Removed from “${collection.name}” (the source stays in the library).`);
              },
            })}
          />
        )}
      </div>
    </aside>
  );
}
