// Highlights as decorations kept in plugin state. The set is built once when a
// source opens and afterwards changed by small actions (add / remove) and mapped
// through every transaction, never rebuilt per redraw. Each highlight wraps its
// text in its own <mark>, so where two highlights overlap the text sits inside
// both marks (nested) and shows both colours.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../common/types.ts';
import { codePointToPos, type TextDoc } from './text-doc.ts';

export interface HighlightSpec { id: string; color: string; modified: string }

type Action = { type: 'sync'; remove: string[]; add: Annotation[] };

export const highlightsKey = new PluginKey<DecorationSet>('lectern-highlights');

export function highlightDecoration(td: TextDoc, a: Annotation): Decoration {
  const from = codePointToPos(td, a.start);
  const to = Math.max(from, codePointToPos(td, a.end));
  return Decoration.inline(from, to, {
    nodeName: 'mark',
    class: `hl hl-${a.color}`,
    'data-annotation-id': a.id,
  }, { id: a.id, color: a.color, modified: a.modified } satisfies HighlightSpec);
}

export function highlightsPlugin(td: TextDoc, initial: Annotation[]): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: highlightsKey,
    state: {
      init: (_config, state: EditorState) => DecorationSet.create(state.doc, initial.map((a) => highlightDecoration(td, a))),
      apply(tr: Transaction, prev: DecorationSet): DecorationSet {
        let set = tr.docChanged ? prev.map(tr.mapping, tr.doc) : prev;
        const action = tr.getMeta(highlightsKey) as Action | undefined;
        if (!action) return set;
        if (action.remove.length) {
          const ids = new Set(action.remove);
          set = set.remove(set.find(undefined, undefined, (spec: HighlightSpec) => ids.has(spec.id)));
        }
        if (action.add.length) set = set.add(tr.doc, action.add.map((a) => highlightDecoration(td, a)));
        return set;
      },
    },
    props: { decorations: (state) => highlightsKey.getState(state) },
  });
}

export const syncHighlights = (tr: Transaction, remove: string[], add: Annotation[]) => tr.setMeta(highlightsKey, { type: 'sync', remove, add } satisfies Action);

/** The highlights currently in the view's state (for checks and the benchmark). */
export function currentHighlights(state: EditorState): HighlightSpec[] {
  return highlightsKey.getState(state)!.find().map((d) => d.spec as HighlightSpec);
}
