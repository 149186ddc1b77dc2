// A modal built on the native <dialog> (focus trap, Escape, the dialog role).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog({ title, onClose, children, class: cls, scrollable = false }: {
  title: string; onClose(): void; children: ComponentChildren; class?: string;
  /** Read-only content that may need scrolling: the body takes focus so the keyboard can scroll it. */
  scrollable?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => { if (d.open) d.close(); };
  }, []);
  return (
    <dialog ref={ref} class={`dialog ${cls ?? ''}`} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={onClose}>×</button>
      </header>
      <div class="dialog-body" tabIndex={scrollable ? 0 : undefined}>{children}</div>
    </dialog>
  );
}
