// The editor's small toolbar. Each button has an accessible name; toggles
// report aria-pressed; the row never wraps (ToolbarRow moves what does not fit
// into a menu). State is computed from the editor state by toolbarState.
import { useState } from 'preact/hooks';
import { toggleMark } from 'prosemirror-commands';
import type { EditorState } from 'prosemirror-state';
import { NodeSelection } from 'prosemirror-state';
import { redoDepth, undoDepth } from 'prosemirror-history';
import type { CitationAttrs } from '../../common/citation.ts';
import { noteSchema } from '../../common/note-schema.ts';
import { sanitizeHref } from '../../common/note-links.ts';
import {
  blockquote, bulletList, horizontalRule, orderedList, redo, setHeading, setLink, setParagraph, undo, type NoteEditor,
} from './editor.ts';
import { ToolbarRow, type RowItem, type ToolItem } from './ToolbarRow.tsx';

export interface ToolbarState {
  marks: Record<'strong' | 'em' | 'underline' | 'code' | 'link', boolean>;
  block: string;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  /** The citation the selection is on (or the cursor right after), if any. */
  citation: CitationAttrs | null;
}

/** The selected citation, or the one just before the cursor (where a click on a chip leaves it). */
function citationAtSelection(state: EditorState): CitationAttrs | null {
  const sel = state.selection;
  const node = sel instanceof NodeSelection ? sel.node : sel.empty ? sel.$from.nodeBefore : null;
  return node?.type === noteSchema.nodes.citation ? node.attrs as CitationAttrs : null;
}

export function toolbarState(state: EditorState): ToolbarState {
  const { from, to, empty, $from } = state.selection;
  const active = (name: 'strong' | 'em' | 'underline' | 'code' | 'link') => {
    const type = noteSchema.marks[name]!;
    return empty ? Boolean(type.isInSet(state.storedMarks ?? $from.marks())) : state.doc.rangeHasMark(from, to, type);
  };
  const parent = $from.parent;
  let block = parent.type.name === 'heading' ? `h${parent.attrs.level as number}` : parent.type.name;
  for (let d = $from.depth; d > 0; d--) {
    const name = $from.node(d).type.name;
    if (name === 'bullet_list' || name === 'ordered_list' || name === 'blockquote') { block = `${block} ${name}`; break; }
  }
  return {
    marks: { strong: active('strong'), em: active('em'), underline: active('underline'), code: active('code'), link: active('link') },
    block, canUndo: undoDepth(state) > 0, canRedo: redoDepth(state) > 0, hasSelection: !empty,
    citation: citationAtSelection(state),
  };
}

export const sameToolbarState = (a: ToolbarState, b: ToolbarState) =>
  a.block === b.block && a.canUndo === b.canUndo && a.canRedo === b.canRedo && a.hasSelection === b.hasSelection
  && a.citation === b.citation && (Object.keys(a.marks) as Array<keyof ToolbarState['marks']>).every((k) => a.marks[k] === b.marks[k]);

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** A chain link, drawn here so it shows whatever fonts are installed (an emoji needs an emoji font). */
const LinkIcon = () => (
  <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
    <path d="M6.5 9.5l3-3M7 4.5l1.3-1.3a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.3 1.3a2.5 2.5 0 0 1-3.5-3.5L5.5 8"
      fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export function Toolbar({ editor, readOnly = false, state, onCite, onExport }: {
  editor: NoteEditor | null; state: ToolbarState | null; onCite(): void;
  /** The note is shown only: everything but Export is off. */
  readOnly?: boolean;
  /** Opens the Export dialog for this note (absent: no button). */
  onExport?: () => void;
}) {
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('https://');
  const [linkError, setLinkError] = useState('');
  const run = (cmd: Parameters<NoteEditor['run']>[0]) => { editor?.run(cmd); };
  const s = state;
  const m = noteSchema.marks;
  const disabled = !editor || !s || readOnly;
  const applyLink = () => {
    const clean = href.trim() ? sanitizeHref(href) : null;
    if (href.trim() && !clean) { setLinkError('Only http(s), mailto and lectern: links are allowed.'); return; }
    run(setLink(clean));
    setLinkOpen(false);
    setLinkError('');
  };
  const block = (kind: string) => s?.block.includes(kind) ?? false;
  const heading = (n: 1 | 2 | 3): ToolItem => ({
    label: `H${n}, heading ${n}`, keys: `${mod}Alt+${n}`, pressed: s?.block.startsWith(`h${n}`) ?? false, disabled,
    onClick: () => run(s?.block.startsWith(`h${n}`) ? setParagraph : setHeading(n)), face: `H${n}`,
  });
  // in the order they leave the row for the More menu when it is narrow: from the end
  const items: RowItem[] = [
    { label: 'Bold', keys: `${mod}B`, pressed: s?.marks.strong ?? false, disabled, onClick: () => run(toggleMark(m.strong!)), face: <b>B</b> },
    { label: 'Italic', keys: `${mod}I`, pressed: s?.marks.em ?? false, disabled, onClick: () => run(toggleMark(m.em!)), face: <i>I</i> },
    { label: 'Underline', keys: `${mod}U`, pressed: s?.marks.underline ?? false, disabled, onClick: () => run(toggleMark(m.underline!)), face: <u>U</u> },
    {
      label: 'Link', pressed: s?.marks.link ?? false, disabled: disabled || !(s?.hasSelection || s?.marks.link),
      onClick: () => { if (s?.marks.link && !s.hasSelection) return; setLinkOpen((o) => !o); }, face: <LinkIcon />,
    },
    'separator',
    heading(1), heading(2), heading(3),
    'separator',
    { label: 'Bulleted list', pressed: block('bullet_list'), disabled, onClick: () => run(bulletList), face: '•' },
    { label: '1. Numbered list', pressed: block('ordered_list'), disabled, onClick: () => run(orderedList), face: '1.' },
    { label: 'Block quote', pressed: block('blockquote'), disabled, onClick: () => run(blockquote), face: '❝' },
    'separator',
    { label: 'Undo', keys: `${mod}Z`, disabled: disabled || !s?.canUndo, onClick: () => run(undo), face: '↶' },
    { label: 'Redo', keys: `${mod}Shift+Z`, disabled: disabled || !s?.canRedo, onClick: () => run(redo), face: '↷' },
    'separator',
    { label: 'Code', pressed: s?.marks.code ?? false, disabled, onClick: () => run(toggleMark(m.code!)), face: '</>' },
    { label: 'Horizontal rule', disabled, onClick: () => run(horizontalRule), face: '―' },
  ];
  const pinned: ToolItem[] = [
    { label: 'Cite', keys: `${mod}Shift+C`, disabled, onClick: onCite, face: 'Cite' },
    ...(onExport ? [{ label: 'Export…', keys: `${mod}E`, disabled: !editor || !s, onClick: onExport, face: 'Export…' }] : []),
  ];
  return (
    <ToolbarRow label="Formatting" items={items} pinned={pinned} after={linkOpen && (
      <form class="link-form" onSubmit={(e) => { e.preventDefault(); applyLink(); }}>
        <input
          type="url" aria-label="Link address" value={href} autoFocus
          onInput={(e) => setHref((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); setLinkOpen(false); editor?.view.focus(); } }}
        />
        <button type="submit" class="tb-btn">Apply</button>
        <button type="button" class="tb-btn" onClick={() => { run(setLink(null)); setLinkOpen(false); }}>Remove link</button>
        {linkError && <span class="link-error" role="alert">{linkError}</span>}
      </form>
    )} />
  );
}
