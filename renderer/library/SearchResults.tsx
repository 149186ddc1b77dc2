// Search results grouped by kind, each group saying how many match in all
// ("60 of 427", or "60 of about 99,000" when the search matched too much of the
// library to count), versions of one story as one row ("3 versions"), and
// "Show more" up to the API's limit.
import type { SearchHit, SearchKind, SearchPage, SearchTotal } from '../../common/types.ts';
import { MAX_SEARCH_LIMIT } from '../../common/types.ts';
import { snippetParts } from './find-match.ts';

export const KIND_LABEL: Record<SearchKind, string> = { source: 'Sources', annotation: 'Annotations', note: 'Notes' };
export const KIND_ORDER: SearchKind[] = ['source', 'annotation', 'note'];
/** Results added by each "Show more". */
export const MORE_RESULTS = 200;

/** An estimate rounded to two significant digits: "about 99,000". */
export function totalText(t: SearchTotal): string {
  if (t.exact) return t.count.toLocaleString();
  const digits = Math.max(0, String(Math.round(t.count)).length - 2);
  const rounded = Math.round(t.count / 10 ** digits) * 10 ** digits;
  return `about ${rounded.toLocaleString()}`;
}

export function Snippet({ text }: { text: string }) {
  return <span class="snippet">{snippetParts(text).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</span>;
}

/** How many matches some hits stand for: a row of n versions is n (the totals count every version). */
const stoodFor = (hits: SearchHit[]) => hits.reduce((n, h) => n + (h.versions?.count ?? 1), 0);

/** The hits in the order the groups show them (what arrow keys step through). */
export const inGroupOrder = (hits: SearchHit[]): SearchHit[] => KIND_ORDER.flatMap((k) => hits.filter((h) => h.kind === k));

export function SearchResults({ query, page, full, error, active, scope, onActivate, onOpenHit, onShowMore }: {
  query: string;
  page: SearchPage;
  /** The page came back as long as asked: there may be more (versions collapsed into one row are not). */
  full: boolean;
  error: string;
  /** Index in inGroupOrder(page.hits). */
  active: number;
  /** The collection searched, when not the whole library. */
  scope: string | null;
  onActivate(index: number): void;
  onOpenHit(hit: SearchHit): void;
  onShowMore(): void;
}) {
  const flat = inGroupOrder(page.hits);
  const groups = KIND_ORDER.map((kind) => {
    const hits = flat.filter((h) => h.kind === kind);
    return { kind, hits, shown: stoodFor(hits), total: page.totals[kind] };
  }).filter((g) => g.hits.length > 0);
  const total: SearchTotal = {
    count: KIND_ORDER.reduce((n, k) => n + page.totals[k].count, 0),
    exact: KIND_ORDER.every((k) => page.totals[k].exact),
  };
  const shown = stoodFor(flat);
  const more = Math.min(MORE_RESULTS, total.count - shown, MAX_SEARCH_LIMIT - flat.length);
  return (
    <div class="results" id="search-results" role="region" aria-label="Search results" aria-live="polite">
      {error && <p class="panel-empty" role="alert">{error}</p>}
      {!error && flat.length === 0 && <p class="panel-empty">Nothing {scope ? `in “${scope}” ` : ''}matches “{query.trim()}”.</p>}
      {groups.map((g) => (
        <section key={g.kind} class="result-group" aria-label={KIND_LABEL[g.kind]}>
          <h2 class="group-title">
            {KIND_LABEL[g.kind]} <span class="count">{g.total.count > g.shown || !g.total.exact ? `${g.shown} of ${totalText(g.total)}` : g.shown}</span>
          </h2>
          <ul role="listbox" aria-label={`${KIND_LABEL[g.kind]} found`} class="list">
            {g.hits.map((h) => {
              const index = flat.indexOf(h);
              return (
                <li key={h.kind + h.id} id={`hit-${h.kind}-${h.id}`} role="option" aria-selected={index === active}
                  class="list-item hit" onClick={() => { onActivate(index); onOpenHit(h); }}>
                  <span class="item-title">{h.title}</span>
                  {h.snippet && <Snippet text={h.snippet} />}
                  {h.versions && (
                    <span class="item-meta">
                      <span class="badge versions-count" title="Versions of this story: the best match is shown">{h.versions.count} versions</span>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {flat.length > 0 && (total.count > shown || !total.exact) && (
        <div class="results-more">
          <span class="muted">Showing {shown.toLocaleString()} of {totalText(total)} results{total.exact ? '' : ' (the best of the title matches, then the newest)'}</span>
          {more > 0 && full && flat.length < MAX_SEARCH_LIMIT
            ? <button type="button" onClick={onShowMore}>Show {more.toLocaleString()} more</button>
            : full && <span class="muted">Refine the search to see the others.</span>}
        </div>
      )}
    </div>
  );
}
