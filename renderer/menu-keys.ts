// The keys of an open menu (the WAI-ARIA menu pattern), one definition for the
// app's small menus (the Annotations view's Export menu, the note toolbar's
// More formatting): ArrowDown / ArrowUp move to the next / previous item,
// wrapping; Home / End to the first / last; Escape closes the menu and goes no
// further (not the view or the editor behind it); Tab closes it. Where focus
// goes when it closes is the menu's own choice: `close(e)` gets the key's event.

/** A menu's items that can take focus, in order. */
const ITEMS = ['menuitem', 'menuitemcheckbox', 'menuitemradio'].map((r) => `[role="${r}"]:not([disabled])`).join(', ');

export const menuItems = (menu: HTMLElement | null): HTMLElement[] => [...(menu?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];

/** Handles a keydown in the open menu `menu`; `close` is called for Escape and Tab. */
export function onMenuKey(e: KeyboardEvent, menu: HTMLElement | null, close: (e: KeyboardEvent) => void): void {
  const items = menuItems(menu);
  const n = items.length;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const to = { ArrowDown: at + 1, ArrowUp: (at < 0 ? 0 : at) - 1 + n, Home: 0, End: n - 1 }[e.key];
  if (to !== undefined) {
    e.preventDefault();
    items[to % n]?.focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    close(e);
  } else if (e.key === 'Tab') {
    close(e);
  }
}
