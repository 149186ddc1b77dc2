// A toolbar that stays on one row: the buttons that do not fit the width move,
// from the end, into a "More formatting" menu (the same actions, named alike,
// toggles as checkable menu items). Pinned items always stay on the row.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { menuItems, onMenuKey } from '../menu-keys.ts';

export interface ToolItem {
  label: string;
  /** Shown after the label in the tooltip, e.g. "Ctrl+B". */
  keys?: string;
  /** A toggle's state; undefined for an action. */
  pressed?: boolean;
  disabled?: boolean;
  onClick(): void;
  /** The face on the row (the menu shows the label). */
  face: ComponentChildren;
}
export type RowItem = ToolItem | 'separator';

/** The More button's width with its gap, reserved once anything overflows. */
const MORE_WIDTH = 32;

// keep the editor's selection: act on mousedown's default prevented
const keepSelection = (e: MouseEvent) => e.preventDefault();

function Btn({ item, hidden, pinned }: { item: ToolItem; hidden?: boolean; pinned?: boolean }) {
  return (
    <button
      type="button" class={`tb-btn${item.pressed ? ' on' : ''}`} aria-label={item.label} title={item.keys ? `${item.label} (${item.keys})` : item.label}
      aria-pressed={item.pressed} disabled={item.disabled} hidden={hidden} {...(pinned ? { 'data-pinned': '' } : { 'data-tb-item': '' })}
      onMouseDown={keepSelection} onClick={item.onClick}
    >{item.face}</button>
  );
}

/** How many of the items fit in `room` px, given each one's width and the gap between them. */
export function fitting(widths: number[], gap: number, room: number): number {
  const total = widths.reduce((a, w) => a + w + gap, 0);
  if (total <= room) return widths.length;
  let used = MORE_WIDTH;
  let n = 0;
  while (n < widths.length && used + widths[n]! + gap <= room) used += widths[n++]! + gap;
  return n;
}

export function ToolbarRow({ label, items, pinned, after }: {
  label: string; items: RowItem[]; pinned: ToolItem[];
  /** Shown under the row, inside the toolbar (the link form). */
  after?: ComponentChildren;
}) {
  const row = useRef<HTMLDivElement>(null);
  const widths = useRef<number[]>([]);
  const [shown, setShown] = useState(items.length);
  const [menuOpen, setMenuOpen] = useState(false);
  const moreRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = row.current!;
    const measure = () => {
      const kids = [...el.querySelectorAll<HTMLElement>(':scope > .tb-items > [data-tb-item]')];
      kids.forEach((k, i) => { if (!k.hidden && k.offsetWidth > 0) widths.current[i] = k.offsetWidth; });
      const gap = parseFloat(getComputedStyle(el).columnGap) || 0;
      const pinnedWidth = [...el.querySelectorAll<HTMLElement>(':scope > .tb-pinned > [data-pinned]')].reduce((a, k) => a + k.offsetWidth + gap, 0);
      const room = el.clientWidth - pinnedWidth;
      setShown(fitting(items.map((_, i) => widths.current[i] ?? 28), gap, room));
    };
    measure();
    const seen = new ResizeObserver(measure);
    seen.observe(el);
    return () => seen.disconnect();
  }, [items.length]);

  useLayoutEffect(() => {
    if (menuOpen) menuItems(menuRef.current)[0]?.focus();
  }, [menuOpen]);

  // a separator never ends the row
  let visible = shown;
  while (visible > 0 && items[visible - 1] === 'separator') visible--;
  const overflow = items.slice(shown).filter((i): i is ToolItem => i !== 'separator');
  const closeMenu = (refocus: boolean) => { setMenuOpen(false); if (refocus) moreRef.current?.focus(); };

  return (
    <div class="note-toolbar" role="toolbar" aria-label={label} ref={row}>
      <div class="tb-items">
        {items.map((item, i) => (item === 'separator'
          ? <span class="tb-sep" aria-hidden="true" data-tb-item="" hidden={i >= visible} />
          : <Btn item={item} hidden={i >= shown} />))}
      </div>
      <div class="tb-pinned">
        {overflow.length > 0 && (
          <button type="button" class="tb-btn tb-more" ref={moreRef} aria-label="More formatting" title="More formatting" aria-haspopup="menu" aria-expanded={menuOpen}
            onMouseDown={keepSelection} onClick={() => setMenuOpen((o) => !o)}>⋯</button>
        )}
        {pinned.map((item) => <Btn item={item} pinned />)}
      </div>
      {menuOpen && overflow.length > 0 && (
        <div class="tb-menu" role="menu" aria-label="More formatting" ref={menuRef}
          // (Tab too gives focus back to the More button: the toolbar is one stop of the editor's Tab order)
          onKeyDown={(e) => onMenuKey(e, menuRef.current, (k) => { k.preventDefault(); closeMenu(true); })}
          onFocusOut={(e) => { if (!menuRef.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget !== moreRef.current) setMenuOpen(false); }}>
          {overflow.map((item) => (
            <button type="button" role={item.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'} aria-checked={item.pressed} tabIndex={-1}
              class={`tb-menu-item${item.pressed ? ' on' : ''}`} disabled={item.disabled} onMouseDown={keepSelection}
              onClick={() => { closeMenu(false); item.onClick(); }}>
              <span class="tb-menu-face" aria-hidden="true">{item.face}</span>{item.label}{item.keys && <span class="tb-menu-keys" aria-hidden="true">{item.keys}</span>}
            </button>
          ))}
        </div>
      )}
      {after}
    </div>
  );
}
