// The library's collections: choose one to see (and search) only its sources,
// drop sources from the list onto one to add them, make, rename and delete
// them (a deletion can be undone; the sources stay in the library).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Collection } from '../../common/types.ts';
import { carriesSources, draggedSources } from './drag.ts';

export interface CollectionsProps {
  collections: Collection[];
  libraryCount: number;
  /** The collection shown, or null for the whole library. */
  selected: string | null;
  onSelect(id: string | null): void;
  onCreate(name: string): Promise<void>;
  onRename(id: string, name: string): Promise<void>;
  onDelete(id: string): void;
  onAdd(id: string, sourceIds: string[]): void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function NameForm({ label, initial, submit, onDone }: { label: string; initial: string; submit: string; onDone(name: string | null): Promise<void> }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState('');
  // autofocus is not honoured for an element added after the page loaded: focus it as it shows
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => { input.current?.focus(); input.current?.select(); }, []);
  return (
    <form class="collection-form" onSubmit={(e) => {
      e.preventDefault();
      if (!name.trim()) { setError('A collection needs a name.'); return; }
      onDone(name).catch((err) => setError(messageOf(err)));
    }}>
      <input ref={input} aria-label={label} value={name} maxLength={200}
        onInput={(e) => { setName((e.target as HTMLInputElement).value); setError(''); }}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); void onDone(null); } }} />
      <button type="submit">{submit}</button>
      <button type="button" onClick={() => void onDone(null)}>Cancel</button>
      {error && <p class="form-error" role="alert">{error}</p>}
    </form>
  );
}

export function Collections(p: CollectionsProps) {
  const [editing, setEditing] = useState<'new' | 'rename' | null>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const current = p.collections.find((c) => c.id === p.selected) ?? null;

  const dropTarget = (c: Collection) => ({
    onDragOver: (e: DragEvent) => {
      if (!carriesSources(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
      setDropOn(c.id);
    },
    onDragLeave: () => setDropOn((d) => (d === c.id ? null : d)),
    onDrop: (e: DragEvent) => {
      setDropOn(null);
      if (!carriesSources(e.dataTransfer)) return;
      e.preventDefault();
      const ids = draggedSources(e.dataTransfer!);
      if (ids.length) p.onAdd(c.id, ids);
    },
  });

  return (
    <section class="collections" aria-label="Collections">
      <div class="collections-head">
        <h2 class="group-title">Collections</h2>
        <button type="button" class="icon" aria-label="New collection" title="New collection (drag sources onto a collection to add them)"
          onClick={() => setEditing('new')}>+</button>
      </div>
      <ul class="collection-list">
        <li>
          <button type="button" class="collection" aria-pressed={p.selected === null} onClick={() => p.onSelect(null)}>
            <span class="name">All sources</span> <span class="count">{p.libraryCount.toLocaleString()}</span>
          </button>
        </li>
        {p.collections.map((c) => (
          <li key={c.id}>
            <button type="button" class={`collection${dropOn === c.id ? ' drop' : ''}`} aria-pressed={p.selected === c.id}
              data-collection-id={c.id} title={`Show only “${c.name}” (drop sources here to add them)`}
              onClick={() => p.onSelect(c.id)} {...dropTarget(c)}>
              <span class="name">{c.name}</span> <span class="count">{c.sourceCount.toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
      {p.collections.length === 0 && editing !== 'new' && (
        <p class="collections-hint muted">Group sources into collections: make one with +, then drag sources onto it.</p>
      )}
      {editing === 'new' && (
        <NameForm label="Name of the new collection" initial="" submit="Create" onDone={async (name) => {
          if (name !== null) await p.onCreate(name);
          setEditing(null);
        }} />
      )}
      {editing === 'rename' && current && (
        <NameForm label="New name of the collection" initial={current.name} submit="Rename" onDone={async (name) => {
          if (name !== null && name.trim() !== current.name) await p.onRename(current.id, name);
          setEditing(null);
        }} />
      )}
      {current && editing === null && (
        <div class="collection-tools">
          <button type="button" onClick={() => setEditing('rename')}>Rename…</button>
          <button type="button" onClick={() => p.onDelete(current.id)}>Delete collection</button>
        </div>
      )}
    </section>
  );
}
