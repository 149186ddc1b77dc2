// The Annotations view's exports behind one "Export" menu button (three
// buttons did not fit a narrow view): Enter, Space or ArrowDown on the button
// opens the menu with focus on its first item; arrows, Home and End move;
// Escape closes it (not the view) and gives focus back to the button; Tab or a
// click elsewhere closes it.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface ExportChoice { label: string; title: string; run(): void }

const MENU_ID = 'av-export-menu';

export function ExportMenu({ choices }: { choices: ExportChoice[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => { if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus(); }, [open]);
  const close = (refocus: boolean) => { setOpen(false); if (refocus) button.current?.focus(); };

  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1 + items.length, Home: 0, End: items.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      items[to % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <span class="av-export">
      <button
        type="button" ref={button} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? MENU_ID : undefined}
        title="Export the passages shown or the codebook" onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown' && !open) { e.preventDefault(); setOpen(true); } }}
      >Export <span aria-hidden="true">▾</span></button>
      {open && (
        <div class="av-export-menu" id={MENU_ID} role="menu" aria-label="Export" ref={menu} onKeyDown={onMenuKey}
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
