// Find in the open source (Mod-F): a bar above the text with the query, the
// count ("3 of 17"), previous / next (buttons, Shift+Enter / Enter) and close
// (Escape). Closing selects the current match in the text and gives the text
// focus, so it can be highlighted next (Enter or H); Escape with no match
// returns focus to where it was.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ReaderController } from './controller.ts';
import { matchCount, type FindMatches } from './find.ts';

export function FindBar({ ctrl, request, onClose }: {
  ctrl: () => ReaderController | null;
  /** Grows with each Mod-F: the bar (re)takes focus and selects its query. */
  request: number;
  onClose(): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const origin = useRef<Element | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<(FindMatches & { current: number }) | null>(null);

  // a layout effect: the box has focus before the next key arrives (none is lost to the text)
  useLayoutEffect(() => {
    if (!origin.current || !input.current?.contains(document.activeElement)) origin.current = document.activeElement;
    input.current?.focus();
    input.current?.select();
  }, [request]);

  const run = (q: string) => {
    setQuery(q);
    const c = ctrl();
    setFound(c && q.trim() ? c.find(q) : null);
    if (c && !q.trim()) c.endFind(false);
  };
  const step = (dir: 1 | -1) => {
    const c = ctrl();
    if (!c || !found?.ranges.length) return;
    setFound({ ...found, current: c.findStep(dir) });
  };
  const close = () => {
    const c = ctrl();
    const hit = !!found?.ranges.length;
    c?.endFind(hit);
    onClose();
    if (hit && c) c.view.focus();
    else (origin.current as HTMLElement | null)?.focus?.({ preventScroll: true });
  };

  return (
    <div class="find-bar" role="search" aria-label="Find in source">
      <input
        ref={input} type="search" aria-label="Find in source" placeholder="Find in this source" value={query} spellcheck={false}
        onInput={(e) => run((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); step(e.shiftKey ? -1 : 1); }
          if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
        }}
      />
      <span class="find-count" role="status" aria-live="polite">{found ? matchCount(found.current, found) : ''}</span>
      <button type="button" class="icon" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!found?.ranges.length} onClick={() => step(-1)}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M3.5 10L8 5.5l4.5 4.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" /></svg>
      </button>
      <button type="button" class="icon" aria-label="Next match" title="Next match (Enter)" disabled={!found?.ranges.length} onClick={() => step(1)}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M3.5 6L8 10.5 12.5 6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" /></svg>
      </button>
      <button type="button" class="icon" aria-label="Close find" title="Close (Escape)" onClick={close}>×</button>
    </div>
  );
}
