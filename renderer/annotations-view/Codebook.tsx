// The codebook beside the Annotations view: every tag as a tree with its
// passage count (a parent counts its children's passages too), a click
// filters the view by it; the chosen tag can be renamed, moved under another
// parent, merged into another tag, described and deleted (a merge and a
// delete have Undo in the toast). After a delete, focus goes to the next tag's
// row (the previous one's when it was the last), not to the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodebookTag, TrashItem } from '../../common/types.ts';
import type { ActionUndo } from '../undo.ts';
import { depthOf, isWithin, leafOf, sameTag } from '../../common/tag-path.ts';

export interface CodebookProps {
  tags: CodebookTag[];
  /** The tag the view is filtered by ('' for none). */
  selected: string;
  onSelect(name: string): void;
  /** A tag was renamed, moved or merged (name: what the chosen tag is called now), or described. */
  onChanged(name: string): void;
  onDeleted(items: TrashItem[]): void;
  /** A change the app's one Undo (toast, Mod-Z) can take back: a merge, a delete. */
  offerUndo(undo: ActionUndo): void;
  fail(e: unknown): void;
}

/** The parent part of a tag's path ('' at the top level). */
const parentOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')));

/** The row to focus once `name` (and its children) are deleted: the next tag outside it, else the one before it; '' for "All annotations". */
function focusAfterDelete(tags: CodebookTag[], name: string): string {
  const at = tags.findIndex((t) => sameTag(t.name, name));
  const next = tags.slice(at + 1).find((t) => !isWithin(t.name, name));
  return (next ?? tags.slice(0, Math.max(0, at)).reverse().find((t) => !isWithin(t.name, name)))?.name ?? '';
}

/** The Undo of a tag deletion, naming the tag chosen (a parent may have no row of its own: every item can be a child). */
function tagDeletionUndo(name: string, gone: TrashItem[], onRestored: (name: string) => void): ActionUndo {
  const children = gone.filter((t) => !sameTag(t.title, name)).length;
  return {
    message: `Deleted the tag “${name}”${children ? ` and ${children} ${children === 1 ? 'child' : 'children'}` : ''}.`,
    run: async () => { await window.lectern.restore(gone.map((t) => t.id)); onRestored(name); },
  };
}

export function Codebook(p: CodebookProps) {
  const current = p.tags.find((t) => sameTag(t.name, p.selected));
  const list = useRef<HTMLUListElement>(null);
  /** After a delete: the row that takes focus once the codebook is read again without the deleted tag. */
  const focusNext = useRef<{ deleted: string; row: string } | null>(null);
  useEffect(() => {
    const next = focusNext.current;
    if (!next || p.tags.some((t) => sameTag(t.name, next.deleted))) return;
    focusNext.current = null;
    [...(list.current?.querySelectorAll<HTMLButtonElement>('button.codebook-tag') ?? [])]
      .find((b) => sameTag(b.dataset.tag ?? '', next.row))?.focus();
  }, [p.tags]);
  const onDeleted = (items: TrashItem[]) => {
    if (current) focusNext.current = { deleted: current.name, row: focusAfterDelete(p.tags, current.name) };
    p.onDeleted(items);
  };
  return (
    <nav class="codebook" aria-label="Codebook">
      <h2 class="codebook-title">Codebook</h2>
      <ul class="codebook-list" ref={list}>
        <li>
          <button type="button" class="codebook-tag" data-tag="" aria-pressed={!p.selected} onClick={() => p.onSelect('')}>
            <span class="codebook-name">All annotations</span>
          </button>
        </li>
        {p.tags.map((t) => (
          <li key={t.name}>
            <button
              type="button" class="codebook-tag" data-tag={t.name} aria-pressed={sameTag(t.name, p.selected)} title={t.description || t.name}
              style={{ paddingLeft: `${8 + depthOf(t.name) * 14}px` }} onClick={() => p.onSelect(sameTag(t.name, p.selected) ? '' : t.name)}
            >
              <span class="codebook-name">{leafOf(t.name)}</span>
              <span class="codebook-count" aria-label={`${t.total} ${t.total === 1 ? 'passage' : 'passages'}`}>{t.total}</span>
            </button>
          </li>
        ))}
      </ul>
      {p.tags.length === 0 && <p class="codebook-empty">No tags yet. Tag a passage in the reader and it appears here.</p>}
      {current && <TagEditor key={current.name} {...p} onDeleted={onDeleted} tag={current} />}
    </nav>
  );
}

function TagEditor(p: CodebookProps & { tag: CodebookTag }) {
  const { tag } = p;
  const [name, setName] = useState(tag.name);
  // the tag's own parent as the codebook spells it: Move is for another one
  const ownParent = p.tags.find((t) => sameTag(t.name, parentOf(tag.name)))?.name ?? parentOf(tag.name);
  const [parent, setParent] = useState(ownParent);
  const [into, setInto] = useState('');
  const [description, setDescription] = useState(tag.description);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setDescription(tag.description); }, [tag.description]);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const next = await work();
      if (next !== null) p.onChanged(next);
    } catch (e) { p.fail(e); } finally { setBusy(false); }
  };
  // neither a parent nor a merge target may be the tag itself or lie under it
  const others = p.tags.filter((t) => !isWithin(t.name, tag.name));
  const api = window.lectern;

  return (
    <section class="tag-editor" aria-label={`Tag “${tag.name}”`}>
      <h3 class="tag-editor-title">{tag.name}</h3>
      <p class="tag-editor-counts">
        {tag.count} {tag.count === 1 ? 'passage' : 'passages'}{tag.total !== tag.count ? `, ${tag.total} with its children` : ''}
      </p>
      <form class="tag-row" onSubmit={(e) => { e.preventDefault(); void run(async () => { await api.renameTag(tag.name, name); return name; }); }}>
        <label class="tag-label" for="tag-rename">Name</label>
        <input id="tag-rename" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy || !name.trim() || name.trim() === tag.name}>Rename</button>
      </form>
      <form class="tag-row" onSubmit={(e) => {
        e.preventDefault();
        void run(async () => { await api.moveTag(tag.name, parent || null); return parent ? `${parent}/${leafOf(tag.name)}` : leafOf(tag.name); });
      }}>
        <label class="tag-label" for="tag-move">Move under</label>
        <select id="tag-move" value={parent} onChange={(e) => setParent((e.target as HTMLSelectElement).value)}>
          <option value="">(top level)</option>
          {others.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
        </select>
        <button type="submit" disabled={busy || sameTag(parent, ownParent)}>Move</button>
      </form>
      <form class="tag-row" onSubmit={(e) => {
        e.preventDefault();
        if (into) void run(async () => {
          const from = tag.name;
          await api.mergeTags(from, into);
          p.offerUndo({
            message: `Merged “${from}” into “${into}”.`,
            run: async () => {
              const undone = await api.undoMergeTags(from, into);
              p.onChanged(undone.name);
              // what changed since the merge stayed: said where it cannot be missed (the view may be closed by now)
              if (undone.notRestored.length > 0) p.fail(new Error(`Undid the merge of “${undone.name}” into “${into}”, but not all of it: ${undone.notRestored.join(' ')}`));
            },
          });
          return into;
        });
      }}>
        <label class="tag-label" for="tag-merge">Merge into</label>
        <select id="tag-merge" value={into} onChange={(e) => setInto((e.target as HTMLSelectElement).value)}>
          <option value="">Choose a tag…</option>
          {others.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
        </select>
        <button type="submit" disabled={busy || !into}>Merge</button>
      </form>
      <form class="tag-col" onSubmit={(e) => { e.preventDefault(); void run(async () => { await api.describeTag(tag.name, description); return tag.name; }); }}>
        <label class="tag-label" for="tag-description">Description</label>
        <textarea id="tag-description" rows={3} value={description} placeholder="What this code means, when to use it"
          onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
        <button type="submit" disabled={busy || description === tag.description}>Save description</button>
      </form>
      <button type="button" class="danger" disabled={busy} onClick={() => void run(async () => {
        const name = tag.name;
        const gone = await api.deleteTag(name);
        p.onDeleted(gone);
        p.offerUndo(tagDeletionUndo(name, gone, p.onChanged));
        return null;
      })}>Delete tag{tag.total !== tag.count ? ' and its children' : ''}</button>
    </section>
  );
}
