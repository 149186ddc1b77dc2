// Only the rows on screen (and a few around) are in the DOM: @tanstack/virtual-core
// (headless, framework-free, so no React compatibility layer) keeps each row's
// measured height (ResizeObserver, for rows that pass `measureElement`) and
// estimates the others. This hook is its Preact binding, as @tanstack/react-virtual
// is React's; the compare view (~10,000 paragraph rows) and the library (100,000
// one-height source rows) both use it.
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import { Virtualizer, elementScroll, measureElement, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';

export type RowVirtualizer = Virtualizer<HTMLElement, HTMLElement>;

/** `scrollMargin`: how far below the scroller's top the rows start (a sticky header above them). */
export function useVirtualRows(count: number, scroller: { current: HTMLElement | null }, estimate: (i: number) => number, scrollMargin = 0): RowVirtualizer {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const ref = useRef<RowVirtualizer | null>(null);
  const options = {
    count,
    getScrollElement: () => scroller.current,
    estimateSize: estimate,
    overscan: 6,
    scrollMargin,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    measureElement,
    onChange: () => rerender(0),
  };
  if (!ref.current) ref.current = new Virtualizer<HTMLElement, HTMLElement>(options);
  else ref.current.setOptions({ ...ref.current.options, ...options });
  const v = ref.current;
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => { v._willUpdate(); });
  return v;
}
