// What citation views need to know about the sources they cite, read once per
// source through window.lectern and cached: the current title, publisher,
// byline and date, paragraph numbers, pages (a PDF's), and which annotations still exist. Views subscribe and re-render
// when an entry arrives or is refreshed.
import { ParagraphIndex } from '../../common/segment.ts';
import { OffsetMap } from '../../common/offsets.ts';
import type { CitedSource } from '../../common/citation-label.ts';
import type { SourcePage } from '../../common/types.ts';
import { isBridgeError } from '../bridge.ts';

export type SourceInfo =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'ok'; source: CitedSource; sha256: string; paragraphs: ParagraphIndex; pages: readonly SourcePage[]; annotationIds: Set<string> };

export interface CitationContext {
  info(sourceId: string): SourceInfo;
  /** Calls back whenever any entry changes; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void;
}

const isNotFound = (e: unknown) => isBridgeError(e, 'not-found');

export function createSourceCache(): CitationContext & { refreshAnnotations(): void; forget(sourceId: string): void; clear(): void } {
  const entries = new Map<string, SourceInfo>();
  const listeners = new Set<() => void>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    // many sources resolve at once on a big note: notify once
    if (pending) return;
    pending = setTimeout(() => { pending = undefined; for (const fn of listeners) fn(); }, 0);
  };

  const load = async (sourceId: string) => {
    try {
      const [source, annotations] = await Promise.all([
        window.lectern.getSource(sourceId), window.lectern.listAnnotations(sourceId),
      ]);
      entries.set(sourceId, {
        state: 'ok', sha256: source.sha256,
        source: { title: source.title, publisher: source.publisher, byline: source.byline, published: source.published },
        paragraphs: new ParagraphIndex(source.text, new OffsetMap(source.text)),
        pages: source.pages,
        annotationIds: new Set(annotations.map((a) => a.id)),
      });
    } catch (e) {
      if (isNotFound(e)) entries.set(sourceId, { state: 'missing' });
      else entries.delete(sourceId); // transient: try again next time
    }
    changed();
  };

  return {
    info(sourceId) {
      const e = entries.get(sourceId);
      if (e) return e;
      entries.set(sourceId, { state: 'loading' });
      void load(sourceId);
      return { state: 'loading' };
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    refreshAnnotations() {
      for (const [id, e] of entries) {
        if (e.state !== 'ok') continue;
        window.lectern.listAnnotations(id).then((list) => {
          const ids = new Set(list.map((a) => a.id));
          const same = ids.size === e.annotationIds.size && [...ids].every((x) => e.annotationIds.has(x));
          if (!same) { e.annotationIds = ids; changed(); }
        }, (err: unknown) => { if (isNotFound(err)) { entries.set(id, { state: 'missing' }); changed(); } });
      }
    },
    clear() {
      entries.clear();
      changed();
    },
    forget(sourceId) {
      entries.delete(sourceId);
      changed();
    },
  };
}
