import { Dialog } from './Dialog.tsx';

export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: [string, string][] = [
  [`${MOD}+F or ${MOD}+K`, 'Focus the search box'],
  [`${MOD}+O`, 'Import files'],
  ['↑ / ↓', 'Move through the library or search results'],
  ['Enter', 'Open the selected search result'],
  ['J or Alt+↓', 'Next annotation'],
  ['K or Alt+↑', 'Previous annotation'],
  ['Delete', 'Delete the selected annotation'],
  [`${MOD}+Z`, 'Undo the last deletion'],
  [`${MOD}+Enter`, 'Save the annotation being edited'],
  ['Escape', 'Close a popover or dialog'],
  [`${MOD}+,`, 'Settings'],
  ['F1 or ?', 'This list'],
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table class="shortcuts">
        <thead><tr><th scope="col">Keys</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {SHORTCUTS.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}
        </tbody>
      </table>
    </Dialog>
  );
}
