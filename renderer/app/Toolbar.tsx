// The top bar: library toggle, the open source's title, Import / Settings /
// Help, and the side-panel toggle.
import { MOD } from '../dialogs/Shortcuts.tsx';
import { SyncStatus } from '../sync/SyncStatus.tsx';

export interface ToolbarProps {
  title: string;
  libOpen: boolean;
  sideOpen: boolean;
  onToggleLibrary(): void;
  onToggleSide(): void;
  onImport(): void;
  onSettings(): void;
  onShortcuts(): void;
  annotationsOpen: boolean;
  onToggleAnnotations(): void;
}

export function Toolbar(p: ToolbarProps) {
  return (
    <header class="toolbar" role="banner">
      <button type="button" class="icon toggle" aria-label="Library pane" aria-pressed={p.libOpen} title="Show or hide the library"
        onClick={p.onToggleLibrary}>☰</button>
      <span class="brand">Lectern</span>
      <span class="toolbar-title">{p.title}</span>
      <span class="spacer" />
      <SyncStatus />
      <button type="button" class="toggle" aria-pressed={p.annotationsOpen} onClick={p.onToggleAnnotations}
        title="Every annotation of the library, and the codebook">Annotations</button>
      <button type="button" onClick={p.onImport} title={`${MOD}+O`}>Import…</button>
      <button type="button" onClick={p.onSettings}>Settings</button>
      <button type="button" aria-label="Keyboard shortcuts" title="Help: keyboard shortcuts (F1)" onClick={p.onShortcuts}>?</button>
      <button type="button" class="icon toggle" aria-label="Side panel" aria-pressed={p.sideOpen} title="Show or hide the side panel"
        onClick={p.onToggleSide}>◧</button>
    </header>
  );
}
