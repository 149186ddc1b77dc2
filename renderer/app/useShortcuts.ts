// The window's keyboard shortcuts (the table the Shortcuts dialog documents).
// Global ones work everywhere; the reading keys stand down while typing or
// while a dialog is open.
import { useEffect, useRef } from 'preact/hooks';
import type { Annotation } from '../../common/types.ts';
import type { ImportKind } from './useImport.ts';

/** The reader's text is contenteditable only so a caret can move in it: its keys are the reading keys. */
const inReader = (el: HTMLElement) => !!el.closest?.('[data-reader]');

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && !inReader(el) && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

/** ProseMirror cancels Mod-Z in the reader's text (so the browser's own undo cannot touch the page): there it is still the app's Undo. */
const readerUndo = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z' && inReader(e.target as HTMLElement);

/** Where Enter means "open the selected annotation" (not on a button, link or field, which Enter activates). */
const onReadingSurface = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !el || el === document.body || inReader(el) || el.classList.contains('reader-scroll');
};

/** What the shortcuts see and do; read afresh on every render. */
export interface ShortcutTargets {
  /** The library's search box (read when the key is pressed). */
  searchRef: { readonly current: HTMLInputElement | null };
  dialogOpen: boolean;
  popoverOpen: boolean;
  canUndo: boolean;
  selectedId: string | null;
  startImport(kind: ImportKind): void;
  openSettings(): void;
  openExport(): void;
  newNote(): void;
  openShortcuts(): void;
  /** Mod-F: find in the open source (the library's search when none is open). */
  find(): void;
  /** Enter on the selected annotation: its editor, focused. */
  editAnnotation(a: Annotation): void;
  undoDelete(): void;
  stepAnnotation(dir: 1 | -1): void;
  /** The open source's annotation with this id, if any. */
  findAnnotation(id: string): Annotation | undefined;
  deleteAnnotation(a: Annotation): void;
  closePopover(): void;
}

export function useShortcuts(targets: ShortcutTargets) {
  // read at each key, not captured by a listener re-added after each render: a key pressed between a render and
  // the effect that follows it (J, then Delete at once) would meet the targets before J's selection
  const latest = useRef(targets);
  latest.current = targets;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const t = latest.current;
      if (e.defaultPrevented && !readerUndo(e)) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && k === 'f' && !e.shiftKey) { e.preventDefault(); t.find(); return; }
      if (mod && k === 'k') { e.preventDefault(); t.searchRef.current?.focus(); t.searchRef.current?.select(); return; }
      if (mod && k === 'o') { e.preventDefault(); t.startImport(e.shiftKey ? 'folder' : 'files'); return; }
      if (mod && k === ',') { e.preventDefault(); t.openSettings(); return; }
      if (mod && k === 'e' && !e.shiftKey && !e.altKey) { e.preventDefault(); t.openExport(); return; }
      if (mod && k === 'n' && !e.shiftKey && !e.altKey) { e.preventDefault(); t.newNote(); return; }
      if (e.key === 'F1' || (mod && k === '/')) { e.preventDefault(); t.openShortcuts(); return; }
      if (isTyping(e.target) || t.dialogOpen) return;
      if (mod && k === 'z' && !e.shiftKey && t.canUndo) { e.preventDefault(); t.undoDelete(); return; }
      if (mod || (e.altKey && !['ArrowDown', 'ArrowUp'].includes(e.key))) return;
      if (e.key === '?') { t.openShortcuts(); return; }
      if (k === 'j' || (e.altKey && e.key === 'ArrowDown')) { e.preventDefault(); t.stepAnnotation(1); return; }
      if (k === 'k' || (e.altKey && e.key === 'ArrowUp')) { e.preventDefault(); t.stepAnnotation(-1); return; }
      if (e.key === 'Enter' && !e.shiftKey && t.selectedId && !t.popoverOpen && onReadingSurface(e.target)) {
        const a = t.findAnnotation(t.selectedId);
        if (a) { e.preventDefault(); t.editAnnotation(a); }
        return;
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && t.selectedId && !t.popoverOpen) {
        const a = t.findAnnotation(t.selectedId);
        if (a) { e.preventDefault(); t.deleteAnnotation(a); }
        return;
      }
      if (e.key === 'Escape' && t.popoverOpen) t.closePopover();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);
}
