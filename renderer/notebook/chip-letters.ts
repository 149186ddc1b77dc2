// Letters that tell apart, within one note, two cited sources whose chips
// would read the same ("CNN, 2024-03-30a" / "CNN, 2024-03-30b"), in the order
// the note first cites them. Worked out again only when a chip comes or goes
// or a source's details arrive, never per keystroke.
import type { Node as PmNode } from 'prosemirror-model';
import { labelKey, labelLetters } from '../../common/citation-label.ts';
import { citationsOf } from '../../common/note-citations.ts';
import type { CitationContext } from './sources.ts';

export class ChipLetters {
  private letters = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  private readonly doc: () => PmNode | null;
  private readonly ctx: CitationContext;

  constructor(ctx: CitationContext, doc: () => PmNode | null) {
    this.ctx = ctx;
    this.doc = doc;
    this.unsubscribe = ctx.subscribe(() => this.schedule());
  }

  /** The letter of a source in this note ('' when its chips read unlike any other's). */
  letter(sourceId: string): string {
    return this.letters.get(sourceId) ?? '';
  }

  /** A chip appeared or went: work the letters out again (once for many). */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.update(); }, 0);
  }

  /** Calls back when some source's letter changed; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private update(): void {
    const doc = this.doc();
    if (!doc) return;
    const cited: { id: string; key: string }[] = [];
    for (const { attrs } of citationsOf(doc)) {
      const info = this.ctx.info(attrs.sourceId);
      if (info.state === 'ok') cited.push({ id: attrs.sourceId, key: labelKey(info.source) });
    }
    const next = labelLetters(cited);
    const same = next.size === this.letters.size && [...next].every(([id, l]) => this.letters.get(id) === l);
    this.letters = next;
    if (!same) for (const fn of this.listeners) fn();
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }
}
