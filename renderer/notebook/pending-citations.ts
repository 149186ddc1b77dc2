// Citations being looked up: choosing a passage in the cite palette closes it
// at once and gives the keyboard back to the note, while the passage is still
// fetched from the back end. The place the citation will go is kept in plugin
// state and mapped through every transaction (like ProseMirror's upload
// placeholder), so keys typed meanwhile land in the note after it, in order.
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { CitationAttrs } from '../../common/citation.ts';
import { insertCitation } from '../../common/note-commands.ts';

interface Pending { id: number; from: number; to: number }
type Action = { add: Pending } | { remove: number };

const pendingKey = new PluginKey<readonly Pending[]>('lectern-pending-citations');

export function pendingCitations(): Plugin<readonly Pending[]> {
  return new Plugin<readonly Pending[]>({
    key: pendingKey,
    state: {
      init: () => [],
      apply(tr, list) {
        // -1: text typed at the place goes after the citation to come
        let next = tr.docChanged ? list.map((p) => ({ ...p, from: tr.mapping.map(p.from, -1), to: tr.mapping.map(p.to, -1) })) : list;
        const action = tr.getMeta(pendingKey) as Action | undefined;
        if (action && 'add' in action) next = [...next, action.add];
        if (action && 'remove' in action) next = next.filter((p) => p.id !== action.remove);
        return next;
      },
    },
    props: {
      decorations(state) {
        const list = pendingKey.getState(state)!;
        if (list.length === 0) return null;
        return DecorationSet.create(state.doc, list.map((p) => Decoration.widget(p.to, placeholder, { side: -1, key: `pending-${p.id}` })));
      },
    },
  });
}

function placeholder(): HTMLElement {
  const el = document.createElement('span');
  el.className = 'citation-pending';
  el.textContent = '…';
  el.setAttribute('aria-label', 'Citation being added');
  return el;
}

let nextId = 1;

function find(state: EditorState, id: number): Pending | undefined {
  return pendingKey.getState(state)?.find((p) => p.id === id);
}

const remove = (tr: Transaction, id: number) => tr.setMeta(pendingKey, { remove: id } satisfies Action);

/**
 * Reserves the selection for a citation that `attrs` will deliver, and inserts
 * it there when it arrives (the place mapped through whatever happened in
 * between). Resolves to whether it was inserted; rejects with the lookup's error.
 */
export async function citeWhenReady(view: EditorView, attrs: Promise<CitationAttrs>): Promise<boolean> {
  const id = nextId++;
  const { from, to } = view.state.selection;
  // the cursor goes to the end of what the citation replaces, so keys typed
  // meanwhile add to the note instead of replacing that selection
  const tr = view.state.tr.setMeta(pendingKey, { add: { id, from, to } } satisfies Action);
  if (from !== to && tr.doc.resolve(to).parent.inlineContent) tr.setSelection(TextSelection.create(tr.doc, to));
  view.dispatch(tr);
  let a: CitationAttrs;
  try {
    a = await attrs;
  } catch (e) {
    if (!view.isDestroyed) view.dispatch(remove(view.state.tr, id));
    throw e;
  }
  if (view.isDestroyed) return false;
  const p = find(view.state, id);
  if (!p) return false;
  let inserted = false;
  insertCitation(a, p)(view.state, (tr) => { inserted = true; view.dispatch(remove(tr, id)); });
  if (!inserted) view.dispatch(remove(view.state.tr, id));
  return inserted;
}
