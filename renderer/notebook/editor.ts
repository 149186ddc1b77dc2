// The note editor: an EditorView over the note schema with history, input
// rules, keymaps, drop cursor, gap cursor, a placeholder, citation drops and
// citation node views. Owns its DOM; the Preact panel only mounts it.
import type { Node as PmNode, MarkType } from 'prosemirror-model';
import { EditorState, NodeSelection, Plugin, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, chainCommands, exitCode, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands';
import {
  InputRule, inputRules, textblockTypeInputRule, undoInputRule, wrappingInputRule,
} from 'prosemirror-inputrules';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { CITATION_MIME, citationAttrs, type CitationAttrs } from '../../common/citation.ts';
import { noteSchema as schema } from '../../common/note-schema.ts';
import { insertQuote } from '../../common/note-commands.ts';
import { findCitation } from '../../common/note-citations.ts';
import { CitationView, closeCitationCard, focusCitationCard, type CitationContext } from './citation-view.ts';
import { ChipLetters } from './chip-letters.ts';
import { cleanPastedHtml } from './paste.ts';
import { citeWhenReady, pendingCitations } from './pending-citations.ts';
import { flashPlugin, setFlash } from '../flash.ts';

const n = schema.nodes;
const m = schema.marks;

/** `**bold**`, `*em*`, `` `code` `` typed inline: the delimiters go, the mark stays. */
function markRule(re: RegExp, type: MarkType): InputRule {
  return new InputRule(re, (state, match, start, end) => {
    const text = match[1]!;
    const tr = state.tr.replaceWith(start, end, schema.text(text, [type.create()]));
    tr.removeStoredMark(type);
    return tr;
  });
}

function rules(): Plugin {
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{1,3})\s$/, n.heading!, (match) => ({ level: match[1]!.length })),
      wrappingInputRule(/^\s*>\s$/, n.blockquote!),
      wrappingInputRule(/^\s*([-+*])\s$/, n.bullet_list!),
      wrappingInputRule(/^(\d+)\.\s$/, n.ordered_list!, (match) => ({ order: Number(match[1]) }),
        (match, node) => node.childCount + (node.attrs.order as number) === Number(match[1])),
      markRule(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/, m.strong!),
      markRule(/(?<![*\w])\*([^*\s](?:[^*]*[^*\s])?)\*$/, m.em!),
      markRule(/`([^`]+)`$/, m.code!),
    ],
  });
}

export const setHeading = (level: number): Command => setBlockType(n.heading!, { level });
export const setParagraph: Command = setBlockType(n.paragraph!);
export const bulletList: Command = wrapInList(n.bullet_list!);
export const orderedList: Command = wrapInList(n.ordered_list!);
export const blockquote: Command = wrapIn(n.blockquote!);
export const horizontalRule: Command = (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(n.horizontal_rule!.create()).scrollIntoView());
  return true;
};
export { undo, redo };

/** Sets or removes a link on the selection; href must already be sanitised. */
export function setLink(href: string | null): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (empty) return false;
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, m.link!);
      if (href) tr.addMark(from, to, m.link!.create({ href }));
      dispatch(tr);
    }
    return true;
  };
}

/**
 * Opens the passage of the citation at `pos` and puts the text cursor right
 * after it: the chip is a link, so the next key types on instead of replacing it.
 */
function openCitationAt(pos: number, open: (a: CitationAttrs) => void): Command {
  return (state, dispatch) => {
    const node = state.doc.nodeAt(pos);
    if (node?.type !== n.citation) return false;
    if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos + node.nodeSize)));
    open(node.attrs as CitationAttrs);
    return true;
  };
}

/** Enter on a selected citation opens its passage. */
function openSelectedCitation(open: (a: CitationAttrs) => void): Command {
  return (state, dispatch) => {
    const sel = state.selection;
    if (!(sel instanceof NodeSelection)) return false;
    return openCitationAt(sel.from, open)(state, dispatch);
  };
}

/** The citation the keyboard is on: selected, or right before or after the caret (where a click on a chip leaves it); null when none. */
function citationAtCaret(state: EditorState): number | null {
  const sel = state.selection;
  if (sel instanceof NodeSelection) return sel.node.type === n.citation ? sel.from : null;
  if (!sel.empty) return null;
  const { $from } = sel;
  if ($from.nodeBefore?.type === n.citation) return $from.pos - $from.nodeBefore.nodeSize;
  if ($from.nodeAfter?.type === n.citation) return $from.pos;
  return null;
}

/**
 * Alt+ArrowDown on a citation moves the keyboard into its card (other
 * versions, "Cite this version"), opening the card when it is closed; the
 * chip is selected, so Escape comes back to it.
 */
const openCitationCard: Command = (state, dispatch, view) => {
  const pos = citationAtCaret(state);
  if (pos === null || !view) return false;
  if (!dispatch) return true;
  if (!(state.selection instanceof NodeSelection)) dispatch(state.tr.setSelection(NodeSelection.create(state.doc, pos)));
  return focusCitationCard(view.nodeDOM(pos));
};

/** A plain click on a citation chip opens its passage (Ctrl/Cmd-click still selects the chip, Shift-click extends). */
function citationClicks(open: (a: CitationAttrs) => void): Plugin {
  return new Plugin({
    props: {
      handleClickOn(view, _pos, node, nodePos, event, direct) {
        if (!direct || node.type !== n.citation || event.button !== 0) return false;
        if (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return false;
        return openCitationAt(nodePos, open)(view.state, view.dispatch);
      },
    },
  });
}

function keymaps(hooks: EditorHooks): Plugin[] {
  const hardBreak = chainCommands(exitCode, (state, dispatch) => {
    if (dispatch) dispatch(state.tr.replaceSelectionWith(n.hard_break!.create()).scrollIntoView());
    return true;
  });
  const keys: Record<string, Command> = {
    'Mod-z': undo, 'Shift-Mod-z': redo, 'Mod-y': redo,
    'Backspace': undoInputRule,
    'Mod-b': toggleMark(m.strong!), 'Mod-B': toggleMark(m.strong!),
    'Mod-i': toggleMark(m.em!), 'Mod-I': toggleMark(m.em!),
    'Mod-u': toggleMark(m.underline!), 'Mod-U': toggleMark(m.underline!),
    'Mod-`': toggleMark(m.code!),
    'Mod-Shift-c': () => { hooks.openCitePalette(); return true; },
    'Mod-Shift-C': () => { hooks.openCitePalette(); return true; },
    'Shift-Enter': hardBreak, 'Mod-Enter': hardBreak,
    'Enter': chainCommands(openSelectedCitation(hooks.openPassage), splitListItem(n.list_item!)),
    'Alt-ArrowDown': openCitationCard,
    'Escape': () => closeCitationCard(),
    'Tab': sinkListItem(n.list_item!),
    'Shift-Tab': liftListItem(n.list_item!),
    'Mod-[': liftListItem(n.list_item!), 'Mod-]': sinkListItem(n.list_item!),
    'Mod-Alt-0': setParagraph, 'Mod-Alt-1': setHeading(1), 'Mod-Alt-2': setHeading(2), 'Mod-Alt-3': setHeading(3),
    'Mod-Shift-8': bulletList, 'Mod-Shift-7': orderedList,
  };
  return [keymap(keys), keymap(baseKeymap)];
}

/** Placeholder: a class and text on the only, empty paragraph of an empty doc. */
function placeholder(text: string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const { doc } = state;
        if (doc.childCount !== 1 || !doc.firstChild!.isTextblock || doc.firstChild!.content.size !== 0) return null;
        return DecorationSet.create(doc, [Decoration.node(0, doc.firstChild!.nodeSize, { class: 'is-empty', 'data-placeholder': text })]);
      },
    },
  });
}

/** Reads CITATION_MIME drag data (JSON CitationAttrs); null when absent or not a passage. */
export function citationFromDataTransfer(dt: DataTransfer | null): CitationAttrs | null {
  const raw = dt?.getData(CITATION_MIME);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? citationAttrs(parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function citationDrop(): Plugin {
  return new Plugin({
    props: {
      handleDrop(view, event) {
        const attrs = citationFromDataTransfer(event.dataTransfer);
        if (!attrs) return false;
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        if (!insertQuote(attrs, at ? at.pos : view.state.doc.content.size)(view.state, view.dispatch)) return false;
        view.focus();
        return true;
      },
      handleDOMEvents: {
        dragover(_view, event) {
          if (event.dataTransfer?.types.includes(CITATION_MIME)) event.dataTransfer.dropEffect = 'copy';
          return false;
        },
      },
    },
  });
}

export interface EditorHooks {
  /** The doc changed (a user edit): schedule a save. */
  onChange(doc: PmNode): void;
  /** Every transaction (selection changes too): toolbar state. */
  onUpdate(view: EditorView): void;
  onBlur(): void;
  openCitePalette(): void;
  openPassage(a: CitationAttrs): void;
}

export interface NoteEditor {
  view: EditorView;
  /** Shown only: the note opened read-only (common/note-parse.ts readNoteDoc). */
  readOnly: boolean;
  /**
   * Inserts a citation at the cursor once `a` resolves (the palette looks the
   * passage up); the editor has the keyboard meanwhile. Rejects with the lookup's error.
   */
  cite(a: Promise<CitationAttrs>): Promise<boolean>;
  /** Inserts a quote + citation after the cursor's block ('Add to note'). */
  quote(a: CitationAttrs): boolean;
  run(cmd: Command): boolean;
  /** The text's accessible name follows the note's title. */
  setLabel(label: string): void;
  /** Selects, scrolls to and flashes the first citation of an annotation/source id. */
  revealCitation(id: string): boolean;
  destroy(): void;
}

/**
 * An editor over `doc` (common/note-parse.ts readNoteDoc: migrated, or shown
 * read-only). A read-only editor can be read, selected and copied, and its
 * citations opened, but changes nothing.
 */
export function createNoteEditor(mount: HTMLElement, doc: PmNode, hooks: EditorHooks, ctx: CitationContext,
  options: { label?: string; placeholder?: string; readOnly?: boolean } = {}): NoteEditor {
  const editable = !options.readOnly;
  // read after the view exists: letters are worked out a task after chips appear
  const letters = new ChipLetters(ctx, () => (view.isDestroyed ? null : view.state.doc));
  const state = EditorState.create({
    doc,
    plugins: [
      rules(), ...keymaps(hooks), history(), dropCursor({ class: 'drop-cursor', width: 2 }), gapCursor(),
      placeholder(options.placeholder ?? 'Write here. Drag a passage in, or press Ctrl+Shift+C to cite.'),
      citationDrop(), citationClicks(hooks.openPassage), pendingCitations(), flashPlugin(),
    ],
  });
  let label = options.label ?? 'Note text';
  const attributes = () => ({
    class: 'note-editor', role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, spellcheck: 'true',
    // already in the Tab order as contenteditable; said outright so its scrolling host counts as keyboard-reachable
    tabindex: '0',
    ...(editable ? {} : { 'aria-readonly': 'true' }),
  });
  const view: EditorView = new EditorView(mount, {
    state,
    editable: () => editable,
    attributes,
    nodeViews: { citation: (node, view, getPos) => new CitationView(node, ctx, letters, { view, getPos }) },
    dispatchTransaction(tr: Transaction) {
      if (!editable && tr.docChanged) return; // drops, pastes and commands included
      const next = view.state.apply(tr);
      view.updateState(next);
      if (tr.docChanged) hooks.onChange(next.doc);
      hooks.onUpdate(view);
    },
    handleDOMEvents: {
      blur() { hooks.onBlur(); return false; },
    },
    transformPastedHTML: cleanPastedHtml,
  });
  const run = (cmd: Command) => {
    const ok = cmd(view.state, view.dispatch, view);
    view.focus();
    return ok;
  };
  return {
    view,
    readOnly: !editable,
    cite(a) {
      view.focus();
      return citeWhenReady(view, a);
    },
    quote: (a) => run(insertQuote(a)),
    run,
    setLabel(next) {
      if (next === label) return;
      label = next;
      view.setProps({ attributes: attributes() });
    },
    revealCitation(id) {
      const pos = findCitation(view.state.doc, id);
      if (pos < 0) return false;
      const node = view.state.doc.nodeAt(pos)!;
      const tr = view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)).scrollIntoView();
      view.dispatch(setFlash(tr, { from: pos, to: pos + node.nodeSize }));
      view.focus();
      return true;
    },
    destroy() {
      letters.destroy();
      view.destroy();
    },
  };
}
