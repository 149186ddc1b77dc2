// The reader pane: the source's details (MetaHeader) above a read-only
// ProseMirror view that this component mounts and owns.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, Source, SourceMeta } from '../../common/types.ts';
import { ReaderController, type ReaderHooks } from './controller.ts';
import { MetaHeader } from './MetaHeader.tsx';
import { FindBar } from './FindBar.tsx';

/** Where to take the reader: a passage (scrolled to and flashed) or a saved top offset. `seq` tells repeated requests apart. */
export interface RevealRequest { seq: number; sourceId: string; start: number; end: number; flash: boolean; top?: boolean }

export interface ReaderProps {
  source: Source | null;
  /** Applied once per request, after the view of its source is built. */
  reveal: RevealRequest | null;
  /** A passage request is in place on screen; `rect` is where its text is now. */
  onRevealed?(request: RevealRequest, rect: DOMRect): void;
  annotations: Annotation[];
  empty: boolean;
  hooks: ReaderHooks;
  onReady(ctrl: ReaderController | null): void;
  onScroll(): void;
  onSaveMeta(patch: Partial<SourceMeta>): Promise<void>;
  /** Buttons for the open source (export, import annotations), shown above the text. */
  tools?: ComponentChildren;
  /** Grows with each Mod-F in the reader: opens (or refocuses) the find bar. */
  findRequest: number;
  /** Shown under the source's details, above its text (the versions list). */
  header?: ComponentChildren;
}

export function Reader({ source, reveal, onRevealed, annotations, empty, hooks, onReady, onScroll, onSaveMeta, tools, findRequest, header }: ReaderProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const ctrlRef = useRef<ReaderController | null>(null);
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const onRevealedRef = useRef(onRevealed);
  onRevealedRef.current = onRevealed;

  // A layout effect: the view is built before the browser paints the new source.
  useLayoutEffect(() => {
    if (!source || !mountRef.current || !scrollRef.current) return undefined;
    performance.mark('lectern:reader-effect');
    const ctrl = new ReaderController(mountRef.current, scrollRef.current, source, annotations, {
      onSelect: (r) => hooksRef.current.onSelect(r),
      onHighlightClick: (id, rect) => hooksRef.current.onHighlightClick(id, rect),
      onDragSelection: (r, dt) => hooksRef.current.onDragSelection(r, dt),
      onSelectionKey: (k, r) => hooksRef.current.onSelectionKey(k, r),
      onEnter: () => hooksRef.current.onEnter(),
    });
    ctrlRef.current = ctrl;
    performance.mark('lectern:reader-view');
    scrollRef.current.scrollTop = 0;
    onReady(ctrl);
    requestAnimationFrame(() => setTimeout(() => performance.mark('lectern:reader-frame'), 0));
    return () => { ctrl.destroy(); ctrlRef.current = null; onReady(null); };
    // the view is rebuilt only when another source opens, or its text is replaced (reopened with another encoding); annotations sync below
  }, [source?.id, source?.text]);

  useEffect(() => { ctrlRef.current?.sync(annotations); }, [annotations]);

  // After the build effect above (declared first), so a request that comes with a new source finds its view.
  const revealed = useRef(0);
  useLayoutEffect(() => {
    const ctrl = ctrlRef.current;
    if (!reveal || !ctrl || ctrl.source.id !== reveal.sourceId || revealed.current === reveal.seq) return;
    revealed.current = reveal.seq;
    if (reveal.top) { ctrl.scrollToOffset(reveal.start); return; }
    const request = reveal;
    void ctrl.reveal(request.start, request.end, request.flash).then(() => {
      if (ctrlRef.current === ctrl) onRevealedRef.current?.(request, ctrl.rangeRect(request.start, request.end));
    });
  }, [reveal, source?.id]);

  // the find bar is open from a Mod-F until it closes, and not across sources
  const [findShown, setFindShown] = useState(0);
  useLayoutEffect(() => { if (findRequest) setFindShown(findRequest); }, [findRequest]);
  useEffect(() => () => setFindShown(0), [source?.id]);

  return (
    <section class="reader" aria-label="Reader">
      {source && tools && <div class="reader-tools" role="toolbar" aria-label="Source">{tools}</div>}
      {source && findShown > 0 && <FindBar ctrl={() => ctrlRef.current} request={findShown} onClose={() => setFindShown(0)} />}
      <div class="reader-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={-1}>
        {source ? (
          <>
            <MetaHeader key={source.id} source={source} onSave={onSaveMeta} />
            {header}
            <div class="reader-text" ref={mountRef} />
          </>
        ) : (
          <div class="reader-empty">
            <p class="empty-title">{empty ? 'Drop text files here' : 'Choose a source'}</p>
            <p class="empty-hint">{empty
              ? 'Drag .txt or .md files or whole folders anywhere onto this window, or use Import… (Ctrl+O).'
              : 'Pick a source in the library, or search with Ctrl+K.'}</p>
          </div>
        )}
      </div>
    </section>
  );
}
