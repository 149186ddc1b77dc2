// Help > Keyboard shortcuts: every key the app answers, grouped by where it
// works (the notebook's come from renderer/notebook/editor.ts's keymap).
import { Dialog } from './Dialog.tsx';

export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUT_GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      [`${MOD}+K`, 'Search the library'],
      [`${MOD}+F`, 'Find in the open source (Enter / Shift+Enter: next / previous)'],
      [`${MOD}+O`, 'Import files'],
      [`${MOD}+Shift+O`, 'Import a folder'],
      [`${MOD}+N`, 'New note'],
      [`${MOD}+E`, 'Export the open source or note'],
      [`${MOD}+,`, 'Settings'],
      [`F1, ? or ${MOD}+/`, 'This list'],
      ['Escape', 'Close a popover or dialog'],
    ],
  },
  {
    title: 'Library and reader',
    keys: [
      ['↑ / ↓, Home / End', 'Move through the library or search results'],
      ['Page Up / Page Down', 'Move a screenful through the library'],
      ['Letters (library)', 'Jump to the first title that starts with them'],
      ['Enter', 'Open the selected search result'],
      ['Delete (library)', 'Delete the selected source'],
      ['Tab to the text, then arrows', 'Move the caret in the reader; Shift+arrows select'],
      ['H (with a selection)', 'Highlight the selection'],
      ['Enter (with a selection)', 'Annotate the selection (colour, comment, tags)'],
      ['Enter (after J / K)', 'Edit the selected annotation'],
      ['J or Alt+↓', 'Next annotation'],
      ['K or Alt+↑', 'Previous annotation'],
      ['Delete (reader)', 'Delete the selected annotation'],
      [`${MOD}+Z`, 'Undo the last deletion'],
      [`${MOD}+Enter`, 'Save the annotation being edited'],
    ],
  },
  {
    title: 'Compare view',
    keys: [
      ['N or F7', 'Next difference'],
      ['P or Shift+F7', 'Previous difference'],
      ['Home / End', 'First / last row'],
      ['Select text in either side', 'Annotate that source, as in the reader'],
      ['Enter (in the rows)', 'A caret in the current row’s text: arrows, Shift+arrows, Enter / H as in the reader'],
      ['Tab / Shift+Tab (in the text)', 'To the other side of the row'],
      ['Escape (in the text)', 'Back to the rows'],
    ],
  },
  {
    title: 'Notebook',
    keys: [
      [`${MOD}+Shift+C`, 'Cite an annotation or source'],
      ['Enter on a selected citation', 'Open the cited passage'],
      ['Alt+↓ on a citation (selected, or just clicked)', 'Into its card: the passage in other versions, Cite this version (Esc closes it)'],
      [`${MOD}+B / ${MOD}+I / ${MOD}+U`, 'Bold / italic / underline'],
      [`${MOD}+\``, 'Code'],
      [`${MOD}+Z / ${MOD}+Shift+Z`, 'Undo / redo'],
      ['Tab / Shift+Tab', 'Indent / outdent a list item'],
      ['Shift+Enter', 'Line break'],
      [`${MOD}+Alt+1…3 / ${MOD}+Alt+0`, 'Heading 1–3 / paragraph'],
      [`${MOD}+Shift+8 / ${MOD}+Shift+7`, 'Bulleted / numbered list'],
      ['#, -, 1., > at a line start', 'Heading, list, numbered list, quote'],
    ],
  },
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} class="shortcuts-dialog" scrollable>
      <div class="shortcut-groups">
      {SHORTCUT_GROUPS.map((g) => (
        <table key={g.title} class="shortcuts">
          <caption>{g.title}</caption>
          <thead class="visually-hidden"><tr><th scope="col">Keys</th><th scope="col">Action</th></tr></thead>
          <tbody>
            {g.keys.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}
          </tbody>
        </table>
      ))}
      </div>
    </Dialog>
  );
}
