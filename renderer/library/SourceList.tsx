// The library's sources as a windowed listbox: only the rows in view are in
// the DOM, read from the store a page at a time (useSourcePages). Arrow keys,
// Page Up/Down, Home and End move and open; typing a title's first letters
// jumps to it; Delete deletes. In date order a divider marks where undated
// sources begin. Rows drag onto collections.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SourceSort, SourceSummary } from '../../common/types.ts';
import type { SourcePages } from './useSourcePages.ts';
import { useVirtualRows } from '../virtual-rows.ts';
import { setDraggedSources } from './drag.ts';
import { storyVersions } from '../../common/story-versions.ts';
import { revisionPlace, revisionPlaceTitle } from '../versions/figures.ts';
import { plural } from '../plural.ts';

/** Every row is this tall (px): the windowing places rows by it. */
export const ROW_HEIGHT = 52;
/** Typed letters make one title prefix while they come this close together (ms). */
const TYPE_AHEAD_MS = 900;
/** A source reached by typing opens once typing pauses this long (ms). */
const OPEN_AFTER_MS = 250;

export interface SourceListProps {
  pages: SourcePages;
  sort: SourceSort;
  currentId: string | null;
  listRef: { current: HTMLElement | null };
  onOpen(id: string): void;
  onDelete(id: string): void;
  /** When the list shows a collection: takes a source out of it. */
  onRemove?: (id: string) => void;
  removeLabel?: string;
}

const rowStyle = (top: number) => ({ transform: `translateY(${top}px)`, height: `${ROW_HEIGHT}px` });
const versionsTitle = (others: number) => `This story is in the library in ${storyVersions(others)} versions: this one and ${plural(others, 'other', 'others')}`;

export function SourceList({ pages, sort, currentId, listRef, onOpen, onDelete, onRemove, removeLabel }: SourceListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pages.count?.total ?? 0;
  const undated = pages.count?.undated ?? 0;
  // date order: a divider row before the first undated source (when some are dated)
  const dividerAt = sort === 'date' && undated > 0 && undated < total ? total - undated : -1;
  const rowCount = total + (dividerAt >= 0 ? 1 : 0);
  const toRow = (index: number) => (dividerAt >= 0 && index >= dividerAt ? index + 1 : index);
  const toIndex = (row: number) => (dividerAt >= 0 && row > dividerAt ? row - 1 : row);

  const virtual = useVirtualRows(rowCount, scrollRef, () => ROW_HEIGHT);
  /** The source the keyboard is on (its offset), or -1. */
  const [active, setActive] = useState(-1);
  const [hover, setHover] = useState<number | null>(null);
  const typed = useRef({ text: '', at: 0, open: 0 });

  const show = (index: number) => virtual.scrollToIndex(toRow(index), { align: 'auto' });

  // Where the open source is in this listing: found again when it or the listing changes.
  useEffect(() => {
    if (!currentId) { setActive(-1); return; }
    if (active >= 0 && pages.rowAt(active)?.id === currentId) return;
    let stale = false;
    pages.locate({ id: currentId }).then((i) => {
      if (stale) return;
      setActive(i ?? -1);
      if (i !== null) show(i);
    }).catch(() => {});
    return () => { stale = true; };
  }, [currentId, pages]);

  // the listing of the last render: a key typed while the sort or filter was changing is looked up again in the new one
  const latest = useRef(pages);
  latest.current = pages;

  const openAt = async (index: number, listing = pages) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setActive(clamped);
    show(clamped);
    const row = await listing.load(clamped);
    if (row) onOpen(row.id);
  };

  const typeAhead = (ch: string) => {
    const t = typed.current;
    const now = performance.now();
    t.text = now - t.at < TYPE_AHEAD_MS ? t.text + ch : ch;
    t.at = now;
    const text = t.text;
    const find = (listing: SourcePages): Promise<void> => listing.locate({ titlePrefix: text }).then((i) => {
      if (typed.current.text !== text) return undefined;
      if (latest.current !== listing) return find(latest.current);
      if (i === null) return undefined;
      setActive(i);
      show(i);
      clearTimeout(t.open);
      t.open = window.setTimeout(() => {
        if (latest.current !== listing) void find(latest.current).catch(() => {});
        else void openAt(i, listing);
      }, OPEN_AFTER_MS);
      return undefined;
    });
    find(pages).catch(() => {});
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (total === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const from = Math.max(0, active);
    const go: Record<string, number> = { ArrowDown: from + (active < 0 ? 0 : 1), ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: total - 1 };
    if (e.key in go && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void openAt(go[e.key]!);
      return;
    }
    if (e.key === 'Enter' && active >= 0) { e.preventDefault(); void openAt(active); return; }
    if (e.key === 'Delete' && currentId) {
      e.preventDefault();
      e.stopPropagation();
      onDelete(currentId);
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key !== ' ' || typed.current.text)) {
      e.preventDefault();
      e.stopPropagation(); // a letter here is type-ahead, not a shortcut
      typeAhead(e.key);
    }
  };

  const activeRow = active >= 0 ? pages.rowAt(active) : undefined;
  const items = virtual.getVirtualItems();
  // aria-activedescendant may name only an element in the page: a windowed-out or not yet loaded row is not
  const activeRendered = active >= 0 && items.some((v) => toIndex(v.index) === active);
  const hoverRow = hover !== null ? pages.rowAt(hover) : undefined;
  const actionFor = hoverRow ?? (activeRow && activeRow.id === currentId ? activeRow : undefined);
  const actionIndex = hoverRow ? hover! : active;

  useLayoutEffect(() => { listRef.current = scrollRef.current?.querySelector('[role="listbox"]') ?? null; });
  // the first frame that shows rows (bench:library times it from the page's start)
  const shownRows = items.length > 0 && pages.rowAt(toIndex(items[0]!.index)) !== undefined;
  useLayoutEffect(() => {
    if (!shownRows || performance.getEntriesByName('lectern:library-rows').length > 0) return;
    performance.mark('lectern:library-rows');
    requestAnimationFrame(() => performance.mark('lectern:library-frame'));
  }, [shownRows]);

  const row = (s: SourceSummary | undefined, index: number, style: Record<string, string>) => s ? (
    <li key={s.id} id={`src-${s.id}`} style={style} role="option" aria-selected={s.id === currentId} aria-setsize={total} aria-posinset={index + 1}
      class={`list-item source-row${index === active ? ' active' : ''}`} draggable
      onClick={() => { setActive(index); onOpen(s.id); }} onMouseEnter={() => setHover(index)}
      onDragStart={(e) => setDraggedSources(e.dataTransfer!, [s.id], s.title)}>
      <span class="item-title" title={s.title}>{s.title}</span>
      <span class="item-meta">
        {s.revision && <span class="revision-mark" title={revisionPlaceTitle(s.revision)}>{revisionPlace(s.revision)}</span>}
        {s.published && <time dateTime={s.published}>{s.published}</time>}
        {s.publisher && <span>{s.publisher}</span>}
        {s.versions > 0 && <span class="versions-mark" title={versionsTitle(s.versions)}>{plural(storyVersions(s.versions), 'version', 'versions')}</span>}
        {s.annotationCount > 0 && <span class="badge" title="Annotations">{plural(s.annotationCount, 'annotation', 'annotations')}</span>}
      </span>
    </li>
  ) : (
    <li key={`loading-${index}`} style={style} role="option" aria-selected={false} aria-setsize={total} aria-posinset={index + 1} aria-busy="true" class="list-item source-row loading">
      <span class="item-title">Loading…</span>
    </li>
  );

  return (
    <div class="source-scroll" ref={scrollRef} onMouseLeave={() => setHover(null)}>
      <ul
        id="source-list" class="list virtual" role="listbox" aria-label="Sources" tabIndex={0}
        aria-activedescendant={activeRow && activeRendered ? `src-${activeRow.id}` : undefined}
        style={{ height: `${virtual.getTotalSize()}px` }} onKeyDown={onKeyDown}
        onFocus={() => { if (active < 0 && total > 0) setActive(Math.min(total - 1, Math.max(0, virtual.getVirtualItems()[0] ? toIndex(virtual.getVirtualItems()[0]!.index) : 0))); }}
      >
        {items.map((v) => {
          if (v.index === dividerAt) return null;
          const index = toIndex(v.index);
          return row(pages.rowAt(index), index, rowStyle(v.start));
        })}
      </ul>
      {/* beside the listbox, not in it: a listbox holds only options */}
      {items.some((v) => v.index === dividerAt) && (
        <div class="list-divider" style={rowStyle(dividerAt * ROW_HEIGHT)}>Undated · {plural(undated, 'source', 'sources')}</div>
      )}
      {actionFor && actionIndex >= 0 && (
        <div class="item-actions" style={{ top: `${toRow(actionIndex) * ROW_HEIGHT + ROW_HEIGHT / 2}px` }}>
          {onRemove && (
            <button type="button" class="item-action" aria-label={`${removeLabel ?? 'Remove from collection'}: ${actionFor.title}`} title={removeLabel ?? 'Remove from this collection'}
              onClick={() => onRemove(actionFor.id)}>
              <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
                <path d="M3.5 8h9" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
              </svg>
            </button>
          )}
          <button type="button" class="item-action" aria-label={`Delete source: ${actionFor.title}`} title="Delete this source and its annotations (Delete key; undo with Ctrl+Z)"
            onClick={() => onDelete(actionFor.id)}>
            <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
              <path d="M6 2h4M2.5 4h11M4 4l.7 9.2c.1.5.5.8 1 .8h4.6c.5 0 .9-.3 1-.8L12 4M6.5 6.5v5M9.5 6.5v5"
                fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
          </button>
        </div>
      )}
    </div>
  );
}
