// Tags as removable chips plus an input that suggests existing tags (a native
// datalist). `parent/child` tags nest; typing "parent/" suggests its children.
import { useId, useState } from 'preact/hooks';

export function TagInput({ tags, known, onChange }: { tags: string[]; known: string[]; onChange(tags: string[]): void }) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = (raw: string) => {
    const t = raw.trim().replace(/\s*\/\s*/g, '/').replace(/^\/+|\/+$/g, '');
    if (t && !tags.includes(t)) onChange([...tags, t]);
    setDraft('');
  };
  return (
    <div class="tag-input">
      <ul class="chips" aria-label="Tags on this annotation">
        {tags.map((t) => (
          <li key={t} class="chip">
            <span>{t}</span>
            <button type="button" class="chip-x" aria-label={`Remove tag ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>×</button>
          </li>
        ))}
      </ul>
      <input
        type="text" list={listId} value={draft} aria-label="Add tag" placeholder="Add tag (parent/child)…"
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          if (v.endsWith(',')) add(v.slice(0, -1));
          else setDraft(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft.trim()) { e.preventDefault(); e.stopPropagation(); add(draft); }
          if (e.key === 'Backspace' && !draft && tags.length) onChange(tags.slice(0, -1));
        }}
        onBlur={() => { if (draft.trim()) add(draft); }}
      />
      <datalist id={listId}>
        {known.filter((k) => !tags.includes(k)).map((k) => <option key={k} value={k} />)}
      </datalist>
    </div>
  );
}
