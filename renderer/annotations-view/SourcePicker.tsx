// The Annotations view's source filter: a combobox that searches the
// library's titles as one types (findSourcesByTitle: a bounded answer at
// 100,000 sources, never the whole list). Arrow keys move through the
// matches, Enter or a click adds (or, for one already chosen, removes) a
// source, Escape closes the list, Backspace in the empty box removes the last
// source chosen. The chosen sources are the view's chips; a chip removed
// there (or all filters cleared) empties the box. The list is placed inside
// the filter bar's width and the window's height, however narrow the view.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SourceTitleMatch, SourceTitleMatches } from '../../common/types.ts';
import type { PickedSource } from './useViewFilters.ts';

export interface SourcePickerProps {
  chosen: PickedSource[];
  onToggle(source: PickedSource): void;
  fail(e: unknown): void;
}

const TYPE_DELAY_MS = 120;
const LIST_ID = 'av-source-matches';
/** The list's width where there is room, its least and greatest height, and its margin from the bar's and window's edges (px). */
const POPUP_WIDTH = 360;
const POPUP_MIN_HEIGHT = 120;
const POPUP_MAX_HEIGHT = 320;
const EDGE = 8;

interface Placement { left: number; width: number; maxHeight: number }

/** Where the list goes under the picker: as wide as the picker or POPUP_WIDTH, shifted and narrowed to stay inside `bounds` and the window. */
function place(picker: DOMRect, bounds: DOMRect): Placement {
  const width = Math.min(Math.max(picker.width, POPUP_WIDTH), bounds.width - 2 * EDGE);
  const right = Math.min(bounds.right, window.innerWidth) - EDGE;
  const x = Math.max(Math.max(bounds.left, 0) + EDGE, Math.min(picker.left, right - width));
  return { left: x - picker.left, width, maxHeight: Math.min(POPUP_MAX_HEIGHT, Math.max(POPUP_MIN_HEIGHT, window.innerHeight - picker.bottom - EDGE)) };
}

export function SourcePicker(p: SourcePickerProps) {
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<SourceTitleMatches | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const asked = useRef(0);
  const root = useRef<HTMLSpanElement>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  // a source removed here (the list, Backspace) keeps the words; one removed elsewhere (its chip, Clear all) empties the box
  const removingHere = useRef(false);
  const chosenIds = p.chosen.map((s) => s.id).join('\n');
  const lastChosen = useRef(chosenIds);
  useEffect(() => {
    const before = lastChosen.current.split('\n').filter(Boolean);
    lastChosen.current = chosenIds;
    const here = removingHere.current;
    removingHere.current = false;
    if (here || before.every((id) => p.chosen.some((s) => s.id === id))) return;
    asked.current++;
    setTyped('');
    setFound(null);
    setOpen(false);
  }, [chosenIds]);

  useEffect(() => {
    const text = typed.trim();
    if (!text) { setFound(null); return; }
    const n = ++asked.current;
    const t = window.setTimeout(() => {
      window.lectern.findSourcesByTitle(text).then((r) => {
        if (n !== asked.current) return;
        setFound(r);
        setActive(0);
        setOpen(true);
      }, p.fail);
    }, TYPE_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);

  const items = found?.items ?? [];
  const repeated = repeatedKeys(items);
  const isChosen = (id: string) => p.chosen.some((s) => s.id === id);
  const pick = (i: number) => {
    const s = items[i];
    if (!s) return;
    removingHere.current = isChosen(s.id);
    p.onToggle({ id: s.id, title: s.title });
    // the words stay selected: arrows and Enter pick more of these matches, typing starts a new search (a trial's words ran on: "russia’s secdecade")
    root.current?.querySelector('input')?.select();
  };
  const onKey = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    if (e.key === 'Backspace' && input.value === '' && p.chosen.length > 0) {
      e.preventDefault();
      removingHere.current = true;
      p.onToggle(p.chosen[p.chosen.length - 1]!);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) { setOpen(items.length > 0); return; }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (items.length ? (a + step + items.length) % items.length : 0));
    } else if (e.key === 'Enter' && open && items[active]) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };
  const expanded = open && found !== null;
  useLayoutEffect(() => {
    if (!expanded) return;
    const measure = () => {
      const el = root.current;
      if (!el) return;
      const bounds = (el.closest('[role="search"]') ?? document.documentElement).getBoundingClientRect();
      setPlacement(place(el.getBoundingClientRect(), bounds));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [expanded]);

  return (
    <span class="av-source-picker" ref={root}>
      <label>Sources <input
        type="text" role="combobox" aria-autocomplete="list" aria-expanded={expanded} aria-controls={LIST_ID}
        aria-activedescendant={expanded && items[active] ? `av-source-${items[active].id}` : undefined}
        value={typed} placeholder="Find a source by title…" autocomplete="off"
        onInput={(e) => setTyped((e.target as HTMLInputElement).value)} onKeyDown={onKey}
        onFocus={() => setOpen(found !== null)} onBlur={() => setOpen(false)}
      /></label>
      {expanded && (
        <div class="av-source-popup" style={placement ? { left: `${placement.left}px`, width: `${placement.width}px`, maxHeight: `${placement.maxHeight}px` } : undefined}>
        <ul class="av-source-matches" id={LIST_ID} role="listbox" aria-label="Sources found" aria-multiselectable="true">
          {items.map((s, i) => (
            <li key={s.id} id={`av-source-${s.id}`} role="option" aria-selected={isChosen(s.id)}
              class={i === active ? 'active' : undefined}
              // mousedown, not click: the input keeps focus (its blur would close the list first)
              onMouseDown={(e) => { e.preventDefault(); setActive(i); pick(i); }}>
              <span class="av-source-check" aria-hidden="true">{isChosen(s.id) ? '✓' : ''}</span>
              <span class="av-source-title">{s.title}</span>
              {s.published && <span class="av-source-date">{s.published}</span>}
              {repeated.has(sameAs(s)) && <span class="av-source-date">imported {importedLabel(s.importedAt)}</span>}
            </li>
          ))}
        </ul>
        {items.length === 0 && <p class="av-source-note">No source title has these words.</p>}
        {found?.more && <p class="av-source-note">More sources match: type more of the title.</p>}
        </div>
      )}
    </span>
  );
}

/** What two matches share when only their import tells them apart (a file and its revision: the same title, the same date or none). */
const sameAs = (s: SourceTitleMatch) => `${s.title}\u0000${s.published ?? ''}`;
function repeatedKeys(items: readonly SourceTitleMatch[]): Set<string> {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(sameAs(s), (counts.get(sameAs(s)) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k));
}
/** "2026-12-01 22:31:05" (UTC, as stored). */
const importedLabel = (iso: string) => iso.slice(0, 19).replace('T', ' ');
