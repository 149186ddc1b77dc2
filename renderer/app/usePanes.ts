// The window's pane layout (library and side panel widths, shown or hidden),
// kept in localStorage across sessions.
import { useEffect, useState } from 'preact/hooks';

export interface Panes { lib: number; side: number; libOpen: boolean; sideOpen: boolean }
const DEFAULT_PANES: Panes = { lib: 300, side: 340, libOpen: true, sideOpen: true };
const KEY = 'lectern.panes';

function loadPanes(): Panes {
  try { return { ...DEFAULT_PANES, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Panes> }; } catch { return DEFAULT_PANES; }
}

/** The pane layout and its setter; every change is saved. */
export function usePanes() {
  const [panes, setPanes] = useState<Panes>(loadPanes);
  useEffect(() => { localStorage.setItem(KEY, JSON.stringify(panes)); }, [panes]);
  return [panes, setPanes] as const;
}

/** The grid columns: library | splitter | reader | splitter | side panel. */
export const paneColumns = (panes: Panes) => [
  panes.libOpen ? `${panes.lib}px` : '0px', panes.libOpen ? '5px' : '0px', 'minmax(320px, 1fr)',
  panes.sideOpen ? '5px' : '0px', panes.sideOpen ? `${panes.side}px` : '0px',
].join(' ');
