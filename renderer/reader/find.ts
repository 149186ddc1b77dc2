// Find in the open source: every occurrence of a query in the text, ignoring
// case and diacritics as the library search does (library/find-match.ts folds
// one UTF-16 unit to one, so offsets stay valid), shown as decorations with
// the current one marked.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { fold } from '../library/find-match.ts';
import { partitionPoint } from '../../common/sorted.ts';

/** More matches than this are counted as "at least" and not all shown (bounded work on a 1 MB text). */
export const MAX_MATCHES = 10_000;

export interface FindMatches {
  /** UTF-16 [start, end) of each match, in text order (at most MAX_MATCHES). */
  ranges: [number, number][];
  /** Whether there are more than MAX_MATCHES. */
  capped: boolean;
}

/** The occurrences of `query` in a text already folded with fold(). */
export function findIn(folded: string, query: string): FindMatches {
  const q = fold(query);
  const ranges: [number, number][] = [];
  if (!q.trim()) return { ranges, capped: false };
  for (let i = folded.indexOf(q); i >= 0; i = folded.indexOf(q, i + q.length)) {
    if (ranges.length === MAX_MATCHES) return { ranges, capped: true };
    ranges.push([i, i + q.length]);
  }
  return { ranges, capped: false };
}

/** The match to go to first: the first one at or after `from` (UTF-16), else the first. */
export function firstFrom(ranges: [number, number][], from: number): number {
  const at = partitionPoint(ranges.length, (i) => ranges[i]![0] < from);
  return at < ranges.length ? at : 0;
}

/** "3 of 17", "0 of 0", "3 of 10,000+". */
export function matchCount(current: number, m: FindMatches): string {
  const total = `${m.ranges.length.toLocaleString()}${m.capped ? '+' : ''}`;
  return m.ranges.length ? `${(current + 1).toLocaleString()} of ${total}` : 'No matches';
}

type FindState = { set: DecorationSet; positions: [number, number][]; current: number };
type FindAction = { positions: [number, number][]; current: number } | { current: number } | null;

export const findKey = new PluginKey<FindState>('lectern-find');

const EMPTY: FindState = { set: DecorationSet.empty, positions: [], current: -1 };
const currentDeco = (p: [number, number]) => Decoration.inline(p[0], p[1], { class: 'find-match find-current' }, { current: true });

export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => EMPTY,
      apply(tr: Transaction, prev: FindState): FindState {
        const action = tr.getMeta(findKey) as FindAction | undefined;
        if (action === undefined) return prev;
        if (action === null) return EMPTY;
        const positions = 'positions' in action ? action.positions : prev.positions;
        let set = 'positions' in action
          ? DecorationSet.create(tr.doc, positions.map(([a, b]) => Decoration.inline(a, b, { class: 'find-match' })))
          : prev.set.remove(prev.set.find(undefined, undefined, (spec: { current?: boolean }) => !!spec.current));
        const cur = positions[action.current];
        if (cur) set = set.add(tr.doc, [currentDeco(cur)]);
        return { set, positions, current: cur ? action.current : -1 };
      },
    },
    props: { decorations: (state: EditorState) => findKey.getState(state)!.set },
  });
}

/** Shows these matches (ProseMirror positions) with `current` marked; null clears them. */
export const setFind = (tr: Transaction, action: FindAction) => tr.setMeta(findKey, action);
