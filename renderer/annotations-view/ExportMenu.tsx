// The Annotations view's exports behind one "Export" menu button (three
// buttons did not fit a narrow view): Enter, Space or ArrowDown on the button
// opens the menu with focus on its first item; the menu's keys are
// renderer/menu-keys.ts (Escape gives focus back to the button, Tab goes on to
// what follows); a click elsewhere closes it.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { menuItems, onMenuKey } from '../menu-keys.ts';

export interface ExportChoice { label: string; title: string; run(): void }

const MENU_ID = 'av-export-menu';

export function ExportMenu({ choices }: { choices: ExportChoice[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => { if (open) menuItems(menu.current)[0]?.focus(); }, [open]);
  const close = (refocus: boolean) => { setOpen(false); if (refocus) button.current?.focus(); };

  return (
    <span class="av-export">
      <button
        type="button" ref={button} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? MENU_ID : undefined}
        title="Export the passages shown or the codebook" onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown' && !open) { e.preventDefault(); setOpen(true); } }}
      >Export <span aria-hidden="true">▾</span></button>
      {open && (
        <div class="av-export-menu" id={MENU_ID} role="menu" aria-label="Export" ref={menu}
          onKeyDown={(e) => onMenuKey(e, menu.current, (k) => close(k.key === 'Escape'))}
          onFocusOut={(e) => {
            const to = e.relatedTarget as Node | null;
            if (!menu.current?.contains(to) && to !== button.current) setOpen(false);
          }}>
          {choices.map((c) => (
            <button key={c.label} type="button" role="menuitem" tabIndex={-1} title={c.title}
              onClick={() => { close(true); c.run(); }}>{c.label}</button>
          ))}
        </div>
      )}
    </span>
  );
}
