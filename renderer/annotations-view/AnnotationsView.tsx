// The Annotations view (issue 14.2): every annotation of the library in one
// list, in the main area, with the codebook beside it (in a narrow view, a
// pane the Codebook button opens over the list: annotations-view.css). Filter by tag (a parent
// takes its children), colours, sources (a title search), collection and
// words, shown as removable chips and kept across a reload (useViewFilters);
// sort by source order, date or tag; a click or Enter opens the passage in the
// reader ('open-passage'). The store filters, sorts and pages
// (useAnnotationPages: scrolling on seeks from the last page's cursor); only the rows on screen are in the DOM
// (@tanstack/virtual-core), so 50,000 annotations scroll as 1,000 do. The
// codebook is read after the first page, which it would otherwise delay.
// Exports take the filter as it is.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationSort, CodebookTag, Collection, PassagesFormat, TrashItem } from '../../common/types.ts';
import { emit } from '../bus.ts';
import type { ActionUndo } from '../undo.ts';
import { useBusEvent } from '../app/useBusEvent.ts';
import { useVirtualRows } from '../virtual-rows.ts';
import { Codebook } from './Codebook.tsx';
import { AnnotationRow } from './AnnotationRow.tsx';
import { useAnnotationPages } from './useAnnotationPages.ts';
import { NO_FILTERS, isFiltered, queryOf, useViewFilters, type PickedSource } from './useViewFilters.ts';
import { ColorToggles } from './ColorToggles.tsx';
import { SourcePicker } from './SourcePicker.tsx';
import { FilterChips } from './FilterChips.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import './annotations-view.css';
import { depthOf } from '../../common/tag-path.ts';
import { trapTab } from '../focus.ts';

export interface AnnotationsViewProps {
  /** The library's collections (null until read): the app's one copy, so a collection made, renamed or deleted anywhere shows here. */
  collections: Collection[] | null;
  onClose(): void;
  /** Tags went to the trash: the app offers Undo (restore). */
  onDeleted(items: TrashItem[]): void;
  /** Tags were renamed, merged, moved or described (the open source's annotations, the library's tags). */
  onTagsChanged(): void;
  /** A tag change the app's Undo can take back (a merge). */
  offerUndo(undo: ActionUndo): void;
  fail(e: unknown): void;
}

const SORTS: Array<{ value: AnnotationSort; label: string }> = [
  { value: 'source', label: 'Source order' }, { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' }, { value: 'tag', label: 'Tag' },
];
const ROW_ESTIMATE = 104;
const TEXT_DELAY_MS = 200;

export function AnnotationsView(p: AnnotationsViewProps) {
  const api = window.lectern;
  const { filters, change } = useViewFilters();
  const { tag, sort } = filters;
  const setTag = (name: string) => change({ tag: name });
  const [typed, setTyped] = useState(filters.text);
  const [codebook, setCodebook] = useState<CodebookTag[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const [said, setSaid] = useState('');
  // the codebook's pane over the list, where the view is too narrow to show it beside (the toggle shows only then)
  const [codebookOpen, setCodebookOpen] = useState(false);
  const codebookToggle = useRef<HTMLButtonElement>(null);
  const codebookPane = useRef<HTMLDivElement>(null);
  /** The view is narrow (its CSS shows the Codebook button only then). */
  const narrow = () => !!codebookToggle.current && codebookToggle.current.offsetParent !== null;
  const root = useRef<HTMLDivElement>(null);
  // narrow or not, as a state: the pane is a modal over the rows only while narrow (a window widened while it is open gives the rows back)
  const [narrowNow, setNarrowNow] = useState(false);
  useEffect(() => {
    const watch = new ResizeObserver(() => setNarrowNow(narrow()));
    watch.observe(root.current!);
    return () => watch.disconnect();
  }, []);
  /** The codebook is a modal pane over the rows: Tab stays in it, the rows behind are inert, Escape closes it. */
  const modal = codebookOpen && narrowNow;
  /** Focus goes back to the Codebook button once the pane is closed (the button is inert behind the modal until then). */
  const refocus = useRef(false);
  const closeCodebook = () => {
    refocus.current = true;
    setCodebookOpen(false);
  };
  // layout effects: focus moves in the commit that opens or closes the pane, not a frame later (a key pressed in between met it elsewhere)
  useLayoutEffect(() => {
    if (codebookOpen || !refocus.current) return;
    refocus.current = false;
    codebookToggle.current?.focus();
  }, [codebookOpen]);
  // focus taken elsewhere with the mouse (the library, the side panel): the pane closes, as a click beside it does
  useEffect(() => {
    if (!modal) return;
    const away = (e: FocusEvent) => { if (!codebookPane.current?.contains(e.target as Node)) setCodebookOpen(false); };
    document.addEventListener('focusin', away);
    return () => document.removeEventListener('focusin', away);
  }, [modal]);
  // a tag picked in the pane over the rows: the pane makes way for the rows it picks (reopened, it shows the tag's editor)
  const pickTag = (name: string) => { setTag(name); if (modal) closeCodebook(); };
  useLayoutEffect(() => {
    if (modal) codebookPane.current?.querySelector<HTMLElement>('.codebook-tag[aria-pressed="true"]')?.focus();
  }, [modal]);

  useEffect(() => {
    if (typed === filters.text) return;
    const t = window.setTimeout(() => change({ text: typed }), TEXT_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);
  // the words' chip removed, or "Clear all": the box empties too
  useEffect(() => { if (!filters.text.trim()) setTyped(''); }, [filters.text]);

  const filter = queryOf(filters);
  const rows = useAnnotationPages(filter, reloadKey, p.fail);
  const count = rows.total ?? 0;

  const readCodebook = useCallback(() => { api.listCodebook().then(setCodebook, p.fail); }, []);
  const sideRead = useRef(false);
  useEffect(() => {
    if (rows.total === null || sideRead.current) return;
    sideRead.current = true;
    readCodebook();
  }, [rows.total]);
  const collections = p.collections ?? [];
  // a remembered collection that is gone (deleted here, elsewhere or by another process) no longer filters
  useEffect(() => {
    const cols = p.collections;
    if (cols) change((f) => (f.collectionId && !cols.some((c) => c.id === f.collectionId) ? { collectionId: '' } : {}));
  }, [p.collections]);
  const toggleSource = (s: PickedSource) => change((f) => ({
    sources: f.sources.some((x) => x.id === s.id) ? f.sources.filter((x) => x.id !== s.id) : [...f.sources, s],
  }));
  const addSource = (s: PickedSource) => change((f) => (f.sources.some((x) => x.id === s.id) ? {} : { sources: [...f.sources, s] }));
  useBusEvent('changed', ({ what }) => {
    if (what === 'annotations' || what === 'sources') { readCodebook(); setReloadKey((n) => n + 1); }
  });

  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualRows(count, scroller, () => ROW_ESTIMATE);
  const items = v.getVirtualItems();
  useEffect(() => { v.scrollToOffset(0); }, [JSON.stringify(filter)]);
  useEffect(() => { if (rows.total !== null) performance.mark('lectern:annotations-rows'); }, [rows.total]);

  const open = (i: number) => {
    const a = rows.item(i);
    if (a) emit('open-passage', { sourceId: a.sourceId, start: a.start, end: a.end });
  };
  const focusRow = (i: number) => {
    const j = Math.max(0, Math.min(count - 1, i));
    v.scrollToIndex(j, { align: 'auto' });
    const tryFocus = (n: number) => {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${j}"] .av-open`);
      if (el) el.focus();
      else if (n > 0) requestAnimationFrame(() => tryFocus(n - 1));
    };
    tryFocus(10);
  };
  const onListKey = (e: KeyboardEvent) => {
    const at = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
    if (at < 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_ESTIMATE));
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: count - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    focusRow(to);
  };

  const exportAs = async (format: PassagesFormat | 'qdc') => {
    try {
      const name = format === 'csv' ? 'passages.csv' : format === 'markdown' ? 'passages.md' : 'codebook.qdc';
      const path = await api.chooseSavePath(name);
      if (path === null) return;
      const r = format === 'qdc' ? await api.exportCodebook(path) : await api.exportPassages(filter, path, format);
      setSaid(format === 'qdc' ? `Exported ${r.tags} codes to ${r.path}` : `Exported ${r.annotations} passages to ${r.path}`);
    } catch (e) { p.fail(e); }
  };

  // (the app's refresh after a tag edit comes back as a 'changed' event: the codebook and rows are read there, once)
  const tagsChanged = (name: string) => {
    setTag(name);
    p.onTagsChanged();
  };

  return (
    <div class="av" ref={root} onKeyDown={(e) => {
      if (modal && codebookPane.current) trapTab(e, codebookPane.current);
      if (e.key !== 'Escape') return;
      if (modal && codebookPane.current?.contains(e.target as Node)) { e.preventDefault(); closeCodebook(); return; }
      if (!(e.target as HTMLElement).closest('input, textarea, select')) { e.preventDefault(); p.onClose(); }
    }}>
      <div class="av-codebook-pane" id="av-codebook" ref={codebookPane} data-open={codebookOpen ? '' : undefined}
        {...(modal ? { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Codebook' } : {})}>
        <button type="button" class="icon av-codebook-close" aria-label="Close the codebook" title="Close the codebook (Esc)" onClick={closeCodebook}>×</button>
        <Codebook
          tags={codebook} selected={tag} onSelect={pickTag} fail={p.fail} onChanged={tagsChanged} offerUndo={p.offerUndo}
          onDeleted={(gone) => { setTag(''); p.onDeleted(gone); p.onTagsChanged(); }}
        />
      </div>
      {codebookOpen && <div class="av-scrim" aria-hidden="true" onClick={closeCodebook} />}
      <section class="av-main" aria-label="Annotations across the library" inert={modal}>
        <div class="av-head">
          <button type="button" class="av-codebook-toggle" ref={codebookToggle} aria-expanded={codebookOpen} aria-controls="av-codebook"
            title="The codebook: tags with counts, rename, move, merge, delete" onClick={() => setCodebookOpen((o) => !o)}>Codebook</button>
          <h2 class="av-title">Annotations</h2>
          <span class="av-count" role="status">{rows.total === null ? 'Reading…' : `${count.toLocaleString('en')} ${count === 1 ? 'annotation' : 'annotations'}`}</span>
          <span class="spacer" />
          <ExportMenu choices={[
            { label: 'Passages as CSV…', title: 'The passages shown, one row each (CSV)', run: () => void exportAs('csv') },
            { label: 'Passages as Markdown…', title: 'The passages shown, grouped by tag, with citations (Markdown)', run: () => void exportAs('markdown') },
            { label: 'Codebook as QDC…', title: 'The codebook as a REFI-QDA file (QDC) for NVivo, ATLAS.ti, MAXQDA', run: () => void exportAs('qdc') },
          ]} />
          <button type="button" class="icon" aria-label="Close the Annotations view" title="Close (Esc)" onClick={p.onClose}>×</button>
        </div>
        <div class="av-filters" role="search">
          <label>Tag <select value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
            <option value="">All tags</option>
            {codebook.map((t) => <option key={t.name} value={t.name}>{`${'  '.repeat(depthOf(t.name))}${t.name}`}</option>)}
          </select></label>
          <ColorToggles selected={filters.colors} onChange={(colors) => change({ colors })} />
          <SourcePicker chosen={filters.sources} onToggle={toggleSource} fail={p.fail} />
          {collections.length > 0 && (
            <label>Collection <select value={filters.collectionId} onChange={(e) => change({ collectionId: (e.target as HTMLSelectElement).value })}>
              <option value="">All sources</option>
              {collections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select></label>
          )}
          <label>Words <input type="search" value={typed} placeholder="in passages and comments" onInput={(e) => setTyped((e.target as HTMLInputElement).value)} /></label>
          <label>Sort <select value={sort} onChange={(e) => change({ sort: (e.target as HTMLSelectElement).value as AnnotationSort })}>
            {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select></label>
        </div>
        <FilterChips filters={filters} collections={collections} onRemove={change} onClear={() => change({ ...NO_FILTERS, sort })} />
        {said && <p class="av-said" role="status">{said}</p>}
        <div class="av-scroll" ref={scroller} onKeyDown={onListKey}>
          {rows.total === 0 && <p class="av-empty">{isFiltered(filters) ? 'No annotation matches these filters.' : 'No annotations yet: select a passage in the reader to make one.'}</p>}
          <ul class="av-list" aria-label="Annotations" style={{ height: `${v.getTotalSize()}px` }}>
            {items.map((it) => (
              <AnnotationRow
                key={it.key} index={it.index} top={it.start} item={rows.item(it.index)} measure={v.measureElement}
                onOpen={() => open(it.index)} onSource={addSource} onTag={setTag}
              />
            ))}
          </ul>
        </div>
      </section>
    </div>
  );
}
