// Subscribes to a bus event once, calling the latest handler of the current
// render (so handlers read current state without copying it into refs).
import { useEffect, useRef } from 'preact/hooks';
import { on, type BusEvents } from '../bus.ts';

export function useBusEvent<K extends keyof BusEvents>(event: K, handler: (payload: BusEvents[K]) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => on(event, (p) => latest.current(p)), [event]);
}
