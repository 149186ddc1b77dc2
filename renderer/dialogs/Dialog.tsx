// A modal built on the native <dialog> (Escape, the dialog role, the rest of
// the window inert). Tab and Shift+Tab cycle inside it; when it closes, focus
// returns to where it was when it opened (renderer/focus.ts).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { focusOrigin, returnFocus, trapTab } from '../focus.ts';

export function Dialog({ title, onClose, children, class: cls, scrollable = false }: {
  title: string; onClose(): void; children: ComponentChildren; class?: string;
  /** Read-only content that may need scrolling: the body takes focus so the keyboard can scroll it. */
  scrollable?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current!;
    const origin = focusOrigin();
    if (!d.open) d.showModal();
    return () => {
      // only focus that was in the dialog (or lost with it) goes back: a command run as it closed
      // (Find right after Escape) may have put focus somewhere on purpose
      const now = document.activeElement;
      const inside = !now || now === document.body || d.contains(now);
      if (d.open) d.close();
      if (inside) returnFocus(origin);
    };
  }, []);
  return (
    <dialog ref={ref} class={`dialog ${cls ?? ''}`} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }}
      onKeyDown={(e) => trapTab(e, e.currentTarget)}>
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={onClose}>×</button>
      </header>
      <div class="dialog-body" tabIndex={scrollable ? 0 : undefined}>{children}</div>
    </dialog>
  );
}
