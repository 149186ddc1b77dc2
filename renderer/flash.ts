// A passing highlight over a range: the passage the reader was asked to show,
// the citation a note was opened at. One plugin for both views: a flash is set
// by a transaction, mapped through later ones, and cleared by the plugin itself
// FLASH_MS after it was set (a newer flash restarts the clock).
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

const FLASH_MS = 1600;

type FlashAction = { from: number; to: number } | null;
interface FlashState { set: DecorationSet; seq: number }

const flashKey = new PluginKey<FlashState>('lectern-flash');

export function flashPlugin(): Plugin<FlashState> {
  return new Plugin<FlashState>({
    key: flashKey,
    state: {
      init: () => ({ set: DecorationSet.empty, seq: 0 }),
      apply(tr, prev) {
        const action = tr.getMeta(flashKey) as FlashAction | undefined;
        if (action === undefined) return tr.docChanged ? { ...prev, set: prev.set.map(tr.mapping, tr.doc) } : prev;
        if (action === null) return { ...prev, set: DecorationSet.empty };
        // an inline decoration also marks an inline node (a citation chip) it covers
        const deco = Decoration.inline(action.from, Math.max(action.to, action.from + 1), { class: 'flash' });
        return { set: DecorationSet.create(tr.doc, [deco]), seq: prev.seq + 1 };
      },
    },
    props: { decorations: (state) => flashKey.getState(state)!.set },
    view() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let seen = 0;
      return {
        update(view) {
          const { seq, set } = flashKey.getState(view.state)!;
          if (seq === seen) return;
          seen = seq;
          clearTimeout(timer);
          if (set !== DecorationSet.empty) timer = setTimeout(() => view.dispatch(setFlash(view.state.tr, null)), FLASH_MS);
        },
        destroy() { clearTimeout(timer); },
      };
    },
  });
}

/** Flashes [from, to) (ProseMirror positions), or clears the flash (null). */
export const setFlash = (tr: Transaction, range: FlashAction) => tr.setMeta(flashKey, range);
