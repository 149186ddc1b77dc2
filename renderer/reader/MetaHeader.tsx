// The source's details above its text, one line by default: the editable
// title and publisher, date, byline. Opened (remembered), it shows the title
// in full, the other editable fields, the file's facts (name, SHA-256,
// encoding, length) and the notes citing the source. A field's unsaved text is kept as a
// draft (renderer/drafts.ts) until it is saved on Enter or when focus leaves;
// a draft left by a reload is saved when the field appears again.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Source, SourceMeta } from '../../common/types.ts';
import { clearDraft, readDraft, writeDraft } from '../drafts.ts';
import { Backlinks } from '../notebook/Backlinks.tsx';

const EXPANDED_KEY = 'lectern.meta.expanded';

function MetaField({ label, value, draftKey, type = 'text', onCommit, big, placeholder }: {
  label: string; value: string; draftKey: string; type?: 'text' | 'date' | 'url'; big?: boolean; placeholder?: string;
  onCommit(v: string): void;
}) {
  const [v, setV] = useState(() => readDraft<string>(draftKey) ?? value);
  // what was last sent, so Enter followed by the blur of a re-render does not send it twice
  const sent = useRef(value);
  const commit = (next = v) => {
    if (next === value || next === sent.current) { clearDraft(draftKey); return; }
    sent.current = next;
    clearDraft(draftKey);
    onCommit(next);
  };
  // a draft from before a reload is what the researcher typed: save it
  useEffect(() => { if (v !== value) commit(v); }, []);
  // the stored value changed (saved here, or elsewhere): show it
  const shown = useRef(value);
  useEffect(() => {
    if (shown.current === value) return;
    shown.current = value;
    sent.current = value;
    setV(value);
  }, [value]);
  const props = {
    value: v, spellcheck: false, placeholder,
    onInput: (e: Event) => {
      const next = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      setV(next);
      if (next === value) clearDraft(draftKey); else writeDraft(draftKey, next);
    },
    onBlur: () => commit(),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') { e.preventDefault(); commit(); }
      if (e.key === 'Escape' && v !== value) { e.stopPropagation(); setV(value); clearDraft(draftKey); }
    },
  };
  return (
    <label class={big ? 'meta-field meta-title' : 'meta-field'}>
      <span class="meta-label">{label}</span>
      {big ? <textarea rows={1} {...props} /> : type === 'date' ? <input type="date" {...props} /> : type === 'url' ? <input type="url" {...props} /> : <input type="text" {...props} />}
    </label>
  );
}

export function MetaHeader({ source, onSave }: { source: Source; onSave(patch: Partial<SourceMeta>): Promise<void> }) {
  const [expanded, setExpanded] = useState(() => localStorage.getItem(EXPANDED_KEY) === 'true');
  const detailsId = useId();
  const toggle = () => setExpanded((x) => { localStorage.setItem(EXPANDED_KEY, String(!x)); return !x; });
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  const key = (field: keyof SourceMeta) => `meta:${source.id}:${field}`;
  const summary = [source.publisher, source.published, source.byline].filter(Boolean).join(' · ');
  return (
    <header class={`meta${expanded ? ' expanded' : ''}`} aria-label="Source details">
      <h1 class="visually-hidden">{source.title}</h1>
      <div class="meta-line">
        <button type="button" class="meta-toggle" aria-expanded={expanded} aria-controls={detailsId} aria-label="Details"
          title={expanded ? 'Hide the source details' : 'Show and edit the source details'} onClick={toggle}>
          <span class="chevron" aria-hidden="true" />
        </button>
        <MetaField big={expanded} label="Title" draftKey={key('title')} value={source.title} onCommit={(v) => { if (v.trim()) void onSave({ title: v.trim() }); }} />
        {!expanded && summary && <span class="meta-summary" title={summary}>{summary}</span>}
      </div>
      <div id={detailsId} class="meta-details" hidden={!expanded}>
        <div class="meta-grid">
          <MetaField label="Published" type="date" draftKey={key('published')} value={source.published ?? ''} onCommit={(v) => void onSave({ published: opt(v) })} />
          <MetaField label="Publisher" placeholder="Add publisher" draftKey={key('publisher')} value={source.publisher ?? ''} onCommit={(v) => void onSave({ publisher: opt(v) })} />
          <MetaField label="Byline" placeholder="Add author or byline" draftKey={key('byline')} value={source.byline ?? ''} onCommit={(v) => void onSave({ byline: opt(v) })} />
          <MetaField label="URL" type="url" placeholder="Add URL" draftKey={key('url')} value={source.url ?? ''} onCommit={(v) => void onSave({ url: opt(v) })} />
        </div>
        <dl class="meta-file">
          <div><dt>File</dt><dd>{source.originalName}</dd></div>
          <div><dt>SHA-256</dt><dd class="mono">{source.sha256}</dd></div>
          <div><dt>Encoding</dt><dd>{source.encoding}</dd></div>
          <div><dt>Length</dt><dd>{source.chars.toLocaleString()} characters</dd></div>
        </dl>
        <Backlinks id={source.id} label="Cited in" />
      </div>
    </header>
  );
}
