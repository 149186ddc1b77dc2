// The window's pane layout, kept in localStorage across sessions: library and
// side panel widths, shown or hidden; inside the side panel, the annotations
// above the open note (their height, each collapsible); and the note taking the
// whole window for writing.
import { useLayoutEffect, useState } from 'preact/hooks';

export interface Panes {
  lib: number; side: number; libOpen: boolean; sideOpen: boolean;
  /** The annotations section's height in the side panel (the note has the rest). */
  annHeight: number; annOpen: boolean; notesOpen: boolean;
  /** The note fills the window (library, reader and annotations hidden, not closed). */
  noteWide: boolean;
}

/** The side panel's first width: room for the note's toolbar where the window has it, the reader kept readable where it has not. */
const defaultSide = () => Math.round(Math.min(440, Math.max(320, (typeof window === 'undefined' ? 1280 : window.innerWidth) * 0.3)));

const defaults = (): Panes => ({ lib: 300, side: defaultSide(), libOpen: true, sideOpen: true, annHeight: 300, annOpen: true, notesOpen: true, noteWide: false });
const KEY = 'lectern.panes';

function loadPanes(): Panes {
  try { return { ...defaults(), ...JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Panes> }; } catch { return defaults(); }
}

/** The pane layout and its setter; every change is saved. */
export function usePanes() {
  const [panes, setPanes] = useState<Panes>(loadPanes);
  // saved as the change is committed, not after the next paint: a reload right after a click keeps it
  useLayoutEffect(() => { localStorage.setItem(KEY, JSON.stringify(panes)); }, [panes]);
  return [panes, setPanes] as const;
}

/** The reader's least width: the library and side panel give way to it (grid minmax) rather than push it off screen. */
const READER_MIN = 320;

/**
 * The grid columns: library | splitter | reader | splitter | side panel. The
 * outer panes are minmax(0, width): a narrow window shrinks them before the
 * reader goes below READER_MIN, so nothing is cut off.
 */
export const paneColumns = (panes: Panes) => (panes.noteWide ? ['0px', '0px', '0px', '0px', '1fr'] : [
  panes.libOpen ? `minmax(0, ${panes.lib}px)` : '0px', panes.libOpen ? '5px' : '0px', `minmax(${READER_MIN}px, 1fr)`,
  panes.sideOpen ? '5px' : '0px', panes.sideOpen ? `minmax(0, ${panes.side}px)` : '0px',
]).join(' ');
