// The reader pane: the source's editable metadata header above a read-only
// ProseMirror view that this component mounts and owns.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, Source, SourceMeta } from '../../common/types.ts';
import { ReaderController, type ReaderHooks } from './controller.ts';
import { Backlinks } from '../notebook/Backlinks.tsx';

/** Where to take the reader: a passage (scrolled to and flashed) or a saved top offset. `seq` tells repeated requests apart. */
export interface RevealRequest { seq: number; sourceId: string; start: number; end: number; flash: boolean; top?: boolean }

export interface ReaderProps {
  source: Source | null;
  /** Applied once per request, after the view of its source is built. */
  reveal: RevealRequest | null;
  annotations: Annotation[];
  empty: boolean;
  hooks: ReaderHooks;
  onReady(ctrl: ReaderController | null): void;
  onScroll(): void;
  onSaveMeta(patch: Partial<SourceMeta>): Promise<void>;
  /** Buttons for the open source (export, import annotations), shown above the text. */
  tools?: ComponentChildren;
}

export function Reader({ source, reveal, annotations, empty, hooks, onReady, onScroll, onSaveMeta, tools }: ReaderProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const ctrlRef = useRef<ReaderController | null>(null);
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;

  // A layout effect: the view is built before the browser paints the new source.
  useLayoutEffect(() => {
    if (!source || !mountRef.current || !scrollRef.current) return undefined;
    performance.mark('lectern:reader-effect');
    const ctrl = new ReaderController(mountRef.current, scrollRef.current, source, annotations, {
      onSelect: (r) => hooksRef.current.onSelect(r),
      onHighlightClick: (id, rect) => hooksRef.current.onHighlightClick(id, rect),
      onDragSelection: (r, dt) => hooksRef.current.onDragSelection(r, dt),
    });
    ctrlRef.current = ctrl;
    performance.mark('lectern:reader-view');
    scrollRef.current.scrollTop = 0;
    onReady(ctrl);
    requestAnimationFrame(() => setTimeout(() => performance.mark('lectern:reader-frame'), 0));
    return () => { ctrl.destroy(); ctrlRef.current = null; onReady(null); };
    // the view is rebuilt only when another source opens; annotations sync below
  }, [source?.id]);

  useEffect(() => { ctrlRef.current?.sync(annotations); }, [annotations]);

  // After the build effect above (declared first), so a request that comes with a new source finds its view.
  const revealed = useRef(0);
  useLayoutEffect(() => {
    const ctrl = ctrlRef.current;
    if (!reveal || !ctrl || ctrl.source.id !== reveal.sourceId || revealed.current === reveal.seq) return;
    revealed.current = reveal.seq;
    if (reveal.top) ctrl.scrollToOffset(reveal.start);
    else ctrl.reveal(reveal.start, reveal.end, reveal.flash);
  }, [reveal, source?.id]);

  return (
    <section class="reader" aria-label="Reader">
      {source && tools && <div class="reader-tools" role="toolbar" aria-label="Source">{tools}</div>}
      <div class="reader-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={-1}>
        {source ? (
          <>
            <MetaHeader key={source.id + source.updatedAt} source={source} onSave={onSaveMeta} />
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

function MetaField({ label, value, type = 'text', onCommit, big, placeholder }: {
  label: string; value: string; type?: 'text' | 'date' | 'url'; big?: boolean; placeholder?: string; onCommit(v: string): void;
}) {
  const [v, setV] = useState(value);
  const commit = () => { if (v !== value) onCommit(v); };
  const props = {
    value: v, spellcheck: false, placeholder,
    onInput: (e: Event) => setV((e.target as HTMLInputElement | HTMLTextAreaElement).value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') { e.preventDefault(); commit(); }
      if (e.key === 'Escape') setV(value);
    },
  };
  return (
    <label class={big ? 'meta-field meta-title' : 'meta-field'}>
      <span class="meta-label">{label}</span>
      {big ? <textarea rows={1} {...props} /> : type === 'date' ? <input type="date" {...props} /> : type === 'url' ? <input type="url" {...props} /> : <input type="text" {...props} />}
    </label>
  );
}

function MetaHeader({ source, onSave }: { source: Source; onSave(patch: Partial<SourceMeta>): Promise<void> }) {
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  return (
    <header class="meta" aria-label="Source details">
      <h1 class="visually-hidden">{source.title}</h1>
      <MetaField big label="Title" value={source.title} onCommit={(v) => { if (v.trim()) void onSave({ title: v.trim() }); }} />
      <div class="meta-grid">
        <MetaField label="Published" type="date" value={source.published ?? ''} onCommit={(v) => void onSave({ published: opt(v) })} />
        <MetaField label="Publisher" placeholder="Add publisher" value={source.publisher ?? ''} onCommit={(v) => void onSave({ publisher: opt(v) })} />
        <MetaField label="Byline" placeholder="Add author or byline" value={source.byline ?? ''} onCommit={(v) => void onSave({ byline: opt(v) })} />
        <MetaField label="URL" type="url" placeholder="Add URL" value={source.url ?? ''} onCommit={(v) => void onSave({ url: opt(v) })} />
      </div>
      <dl class="meta-file">
        <div><dt>File</dt><dd>{source.originalName}</dd></div>
        <div><dt>SHA-256</dt><dd class="mono">{source.sha256}</dd></div>
        <div><dt>Encoding</dt><dd>{source.encoding}</dd></div>
        <div><dt>Length</dt><dd>{source.chars.toLocaleString()} characters</dd></div>
      </dl>
      <Backlinks id={source.id} label="Cited in" />
    </header>
  );
}
