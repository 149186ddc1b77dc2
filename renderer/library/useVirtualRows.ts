// A windowed list of fixed-height rows: only the rows in view (and a few
// around) are in the DOM. The windowing is @tanstack/virtual-core's (headless,
// framework-free, so it needs no React compatibility layer); this hook is the
// Preact binding, as @tanstack/react-virtual is React's.
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  scrollElement: () => HTMLElement | null;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
}

export function useVirtualRows({ count, rowHeight, scrollElement, overscan = 6 }: VirtualRowsOptions) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count,
    getScrollElement: scrollElement,
    estimateSize: () => rowHeight,
    overscan,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLElement, HTMLElement>(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => { virtualizer._willUpdate(); });
  return virtualizer;
}
