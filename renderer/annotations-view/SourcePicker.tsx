// The Annotations view's source filter: a combobox that searches the
// library's titles as one types (findSourcesByTitle: a bounded answer at
// 100,000 sources, never the whole list). Arrow keys move through the
// matches, Enter or a click adds (or, for one already chosen, removes) a
// source, Escape closes the list. The chosen sources are the view's chips.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SourceTitleMatches } from '../../common/types.ts';
import type { PickedSource } from './useViewFilters.ts';

export interface SourcePickerProps {
  chosen: PickedSource[];
  onToggle(source: PickedSource): void;
  fail(e: unknown): void;
}

const TYPE_DELAY_MS = 120;
const LIST_ID = 'av-source-matches';

export function SourcePicker(p: SourcePickerProps) {
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<SourceTitleMatches | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const asked = useRef(0);

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
  const isChosen = (id: string) => p.chosen.some((s) => s.id === id);
  const pick = (i: number) => {
    const s = items[i];
    if (s) p.onToggle({ id: s.id, title: s.title });
  };
  const onKey = (e: KeyboardEvent) => {
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

  return (
    <span class="av-source-picker">
      <label>Sources <input
        type="text" role="combobox" aria-autocomplete="list" aria-expanded={expanded} aria-controls={LIST_ID}
        aria-activedescendant={expanded && items[active] ? `av-source-${items[active].id}` : undefined}
        value={typed} placeholder="Find a source by title…" autocomplete="off"
        onInput={(e) => setTyped((e.target as HTMLInputElement).value)} onKeyDown={onKey}
        onFocus={() => setOpen(found !== null)} onBlur={() => setOpen(false)}
      /></label>
      {expanded && (
        <div class="av-source-popup">
        <ul class="av-source-matches" id={LIST_ID} role="listbox" aria-label="Sources found" aria-multiselectable="true">
          {items.map((s, i) => (
            <li key={s.id} id={`av-source-${s.id}`} role="option" aria-selected={isChosen(s.id)}
              class={i === active ? 'active' : undefined}
              // mousedown, not click: the input keeps focus (its blur would close the list first)
              onMouseDown={(e) => { e.preventDefault(); setActive(i); pick(i); }}>
              <span class="av-source-check" aria-hidden="true">{isChosen(s.id) ? '✓' : ''}</span>
              <span class="av-source-title">{s.title}</span>
              {s.published && <span class="av-source-date">{s.published}</span>}
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
