// Where focus goes when something that had it closes (a dialog, the popover):
// back to the element it came from if that is still on screen, else to the
// reader's text (or the reader pane), never to the page body.

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

const shown = (el: HTMLElement) => el.isConnected && el.checkVisibility({ visibilityProperty: true });

/** The element that has focus now (to give it back later), or null for the body. */
export function focusOrigin(): HTMLElement | null {
  const el = document.activeElement;
  return el instanceof HTMLElement && el !== document.body ? el : null;
}

export function returnFocus(origin: HTMLElement | null, fallback?: HTMLElement | null): void {
  const target = origin && shown(origin) ? origin
    : fallback && shown(fallback) ? fallback
    : document.querySelector<HTMLElement>('[data-reader]') ?? document.querySelector<HTMLElement>('.reader-scroll');
  target?.focus({ preventScroll: true });
}

/** After the next frame, when focus was lost (on the body, or on something now hidden): `returnFocus(origin, fallback())`. */
export function keepFocus(origin: HTMLElement | null, fallback: () => HTMLElement | null = () => null): void {
  requestAnimationFrame(() => {
    const now = focusOrigin();
    if (!now || !shown(now)) returnFocus(origin, fallback());
  });
}

/** The elements Tab can reach inside `root`, in order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && shown(el));
}

/** Keeps Tab and Shift+Tab inside `root` (a modal), wrapping at either end. */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const all = tabbables(root);
  if (all.length === 0) { e.preventDefault(); return; }
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || !root.contains(at))) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && (at === last || !root.contains(at))) { e.preventDefault(); first.focus(); }
}
