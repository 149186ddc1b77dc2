// The library pane: search box with grouped results, sort and tag filter, and
// the list of sources. Arrow keys move through whichever list is shown.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchCounts, SearchHit, SearchKind, SourceSummary } from '../../common/types.ts';
import { snippetParts } from './find-match.ts';

export type SortKey = 'date' | 'title' | 'imported';

const KIND_LABEL: Record<SearchKind, string> = { source: 'Sources', annotation: 'Annotations', note: 'Notes' };
/** Results asked for first, added by each "Show more", and at most (the API's cap). */
const FIRST_RESULTS = 60;
const MORE_RESULTS = 200;
const MAX_RESULTS = 1000;

function sortSources(list: SourceSummary[], key: SortKey): SourceSummary[] {
  const out = [...list];
  if (key === 'title') out.sort((a, b) => a.title.localeCompare(b.title));
  else if (key === 'imported') out.sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title));
  else out.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title));
  return out;
}

/** Every tag plus each of its parents (a filter on "a" also shows "a/b"). */
export function tagTree(tags: string[]): string[] {
  const all = new Set<string>();
  for (const t of tags) {
    const parts = t.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function Snippet({ text }: { text: string }) {
  return <span class="snippet">{snippetParts(text).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</span>;
}

export function Library({ sources, tags, currentId, searchRef, onOpen, onOpenHit, search, searchCounts, onDelete }: {
  sources: SourceSummary[];
  tags: string[];
  currentId: string | null;
  searchRef: { current: HTMLInputElement | null };
  onOpen(id: string): void;
  onOpenHit(hit: SearchHit): void;
  search(q: string, limit: number): Promise<SearchHit[]>;
  /** How many of each kind match, beyond the hits shown. */
  searchCounts(q: string): Promise<SearchCounts>;
  /** Deletes a source (the shell offers undo). */
  onDelete(id: string): void;
}) {
  const [sort, setSort] = useState<SortKey>(() => (localStorage.getItem('lectern.sort') as SortKey | null) ?? 'date');
  const [tag, setTag] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [counts, setCounts] = useState<SearchCounts | null>(null);
  const [limit, setLimit] = useState(FIRST_RESULTS);
  const [searchError, setSearchError] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The item's "Delete" button: options may not contain controls, so it sits
  // beside the listbox, placed over the hovered (else the current) item.
  const [hoverId, setHoverId] = useState<string | null>(null);
  const [actionAt, setActionAt] = useState<{ id: string; top: number } | null>(null);
  const seq = useRef(0);

  useEffect(() => { localStorage.setItem('lectern.sort', sort); }, [sort]);

  useEffect(() => { setLimit(FIRST_RESULTS); }, [query]);
  useEffect(() => {
    const q = query.trim();
    if (!q) { setHits(null); setCounts(null); setSearchError(''); return undefined; }
    const n = ++seq.current;
    const more = limit > FIRST_RESULTS;
    const t = setTimeout(() => {
      Promise.all([search(q, limit), searchCounts(q)]).then(([r, c]) => {
        if (n !== seq.current) return;
        setHits(r);
        setCounts(c);
        setSearchError('');
        if (!more) setActive(0);
      }).catch((e: Error) => { if (n === seq.current) { setHits([]); setCounts(null); setSearchError(e.message); } });
    }, more ? 0 : 120);
    return () => clearTimeout(t);
  }, [query, limit, search, searchCounts]);
  const totalFound = counts ? counts.source + counts.annotation + counts.note : 0;
  /** Matches the hits stand for: a row for several versions of one story counts each. */
  const represented = (list: SearchHit[]) => list.reduce((n, h) => n + (h.versions?.count ?? 1), 0);

  const shown = useMemo(() => {
    const f = tag ? sources.filter((s) => s.tags.some((t) => t === tag || t.startsWith(`${tag}/`))) : sources;
    return sortSources(f, sort);
  }, [sources, sort, tag]);

  const groups = useMemo(() => {
    if (!hits) return [];
    const order: SearchKind[] = ['source', 'annotation', 'note'];
    return order.map((k) => ({ kind: k, hits: hits.filter((h) => h.kind === k) })).filter((g) => g.hits.length);
  }, [hits]);
  const flatHits = groups.flatMap((g) => g.hits);

  useEffect(() => {
    const el = listRef.current?.querySelector('[aria-selected="true"]') as HTMLElement | null;
    el?.scrollIntoView({ block: 'nearest' });
  }, [active, currentId]);

  const actionId = [hoverId, currentId].find((id) => id && shown.some((s) => s.id === id)) ?? null;
  useLayoutEffect(() => {
    const li = actionId ? listRef.current?.querySelector<HTMLElement>(`#src-${CSS.escape(actionId)}`) : null;
    setActionAt(li ? { id: actionId!, top: li.offsetTop + li.offsetHeight / 2 } : null);
  }, [actionId, shown, hits === null]);

  const moveSources = (e: KeyboardEvent) => {
    if (!shown.length) return;
    if (e.key === 'Delete' && currentId && shown.some((s) => s.id === currentId)) {
      e.preventDefault();
      e.stopPropagation();
      onDelete(currentId);
      return;
    }
    const i = Math.max(0, shown.findIndex((s) => s.id === currentId));
    let j: number;
    if (e.key === 'ArrowDown') j = Math.min(shown.length - 1, i + 1);
    else if (e.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = shown.length - 1;
    else if (e.key === 'Enter') { onOpen(shown[i]!.id); e.preventDefault(); return; }
    else return;
    e.preventDefault();
    onOpen(shown[j]!.id);
  };

  const moveHits = (e: KeyboardEvent) => {
    if (!flatHits.length) return;
    if (e.key === 'ArrowDown') { setActive((a) => Math.min(flatHits.length - 1, a + 1)); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { setActive((a) => Math.max(0, a - 1)); e.preventDefault(); }
    else if (e.key === 'Enter') { e.preventDefault(); onOpenHit(flatHits[Math.min(active, flatHits.length - 1)]!); }
  };

  return (
    <aside class="library" aria-label="Library">
      <div class="library-search" role="search">
        <input
          ref={(el) => { searchRef.current = el; }}
          type="search" aria-label="Search" placeholder="Search sources, annotations, notes"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) { e.preventDefault(); setQuery(''); return; }
            if (hits) moveHits(e);
            else if (e.key === 'ArrowDown') { e.preventDefault(); listRef.current?.focus(); }
          }}
          aria-controls={hits ? 'search-results' : sources.length ? 'source-list' : undefined}
          aria-activedescendant={hits && flatHits[active] ? `hit-${flatHits[active]!.kind}-${flatHits[active]!.id}` : undefined}
        />
      </div>
      {hits ? (
        <div class="results" id="search-results" role="region" aria-label="Search results" aria-live="polite">
          {searchError && <p class="panel-empty" role="alert">{searchError}</p>}
          {!searchError && flatHits.length === 0 && <p class="panel-empty">Nothing matches “{query.trim()}”.</p>}
          {groups.map((g) => (
            <section key={g.kind} class="result-group" aria-label={KIND_LABEL[g.kind]}>
              <h2 class="group-title">{KIND_LABEL[g.kind]} <span class="count">{counts && counts[g.kind] > represented(g.hits) ? `${represented(g.hits)} of ${counts[g.kind].toLocaleString()}` : represented(g.hits)}</span></h2>
              <ul role="listbox" aria-label={`${KIND_LABEL[g.kind]} found`} class="list">
                {g.hits.map((h) => {
                  const idx = flatHits.indexOf(h);
                  return (
                    <li
                      key={h.kind + h.id} id={`hit-${h.kind}-${h.id}`} role="option" aria-selected={idx === active}
                      class="list-item hit" onClick={() => { setActive(idx); onOpenHit(h); }}
                    >
                      <span class="item-title">{h.title}</span>
                      {h.versions && <span class="muted hit-versions">{h.versions.count} versions</span>}
                      <Snippet text={h.snippet} />
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          {hits.length > 0 && totalFound > represented(hits) && (
            <div class="results-more">
              <span class="muted">Showing {represented(hits).toLocaleString()} of {totalFound.toLocaleString()} results</span>
              {limit < MAX_RESULTS
                ? <button type="button" onClick={() => setLimit((l) => Math.min(MAX_RESULTS, l + MORE_RESULTS))}>Show {Math.min(MORE_RESULTS, totalFound - represented(hits), MAX_RESULTS - hits.length)} more</button>
                : <span class="muted">Refine the search to see the others.</span>}
            </div>
          )}
        </div>
      ) : (
        <>
          <div class="library-tools">
            <label class="inline">
              <span>Sort</span>
              <select aria-label="Sort by" value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)}>
                <option value="date">Date</option>
                <option value="title">Title</option>
                <option value="imported">Imported</option>
              </select>
            </label>
            <label class="inline">
              <span>Tag</span>
              <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
                <option value="">All</option>
                {tagTree(tags).map((t) => <option key={t} value={t}>{'\u2003'.repeat(t.split('/').length - 1)}{t.split('/').pop()}</option>)}
              </select>
            </label>
          </div>
          {sources.length === 0 ? (
            <div class="library-empty">
              <p class="empty-title">Drop text files here</p>
              <p class="empty-hint">Lectern keeps .txt and .md files in a local library. Drop files or folders anywhere, or press Ctrl+O.</p>
            </div>
          ) : (
            <div class="source-scroll" ref={scrollRef} onMouseLeave={() => setHoverId(null)}>
            <ul
              ref={listRef} id="source-list" class="list" role="listbox" aria-label="Sources" tabIndex={0}
              aria-activedescendant={currentId && shown.some((s) => s.id === currentId) ? `src-${currentId}` : undefined}
              onKeyDown={moveSources}
            >
              {shown.length === 0 && <li class="panel-empty" role="presentation">No source has this tag.</li>}
              {shown.map((s) => (
                <li key={s.id} id={`src-${s.id}`} role="option" aria-selected={s.id === currentId} class="list-item"
                  onClick={() => onOpen(s.id)} onMouseEnter={() => setHoverId(s.id)}>
                  <span class="item-title">{s.title}</span>
                  <span class="item-meta">
                    {s.published && <time dateTime={s.published}>{s.published}</time>}
                    {s.publisher && <span>{s.publisher}</span>}
                    <span class="badge" title="Annotations">{s.annotationCount} {s.annotationCount === 1 ? 'annotation' : 'annotations'}</span>
                  </span>
                </li>
              ))}
            </ul>
            {actionAt && (() => {
              const s = shown.find((x) => x.id === actionAt.id);
              return s && (
                <button type="button" class="item-action" style={{ top: `${actionAt.top}px` }}
                  aria-label={`Delete source: ${s.title}`} title="Delete this source and its annotations (Delete key; undo with Ctrl+Z)"
                  onClick={() => onDelete(s.id)}>
                  <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
                    <path d="M6 2h4M2.5 4h11M4 4l.7 9.2c.1.5.5.8 1 .8h4.6c.5 0 .9-.3 1-.8L12 4M6.5 6.5v5M9.5 6.5v5"
                      fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round" />
                  </svg>
                </button>
              );
            })()}
            </div>
          )}
        </>
      )}
    </aside>
  );
}
