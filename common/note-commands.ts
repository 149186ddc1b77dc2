// Editor commands on note docs that do not need a DOM: inserting citations and
// quotes. `(state, dispatch?) => boolean` like
// prosemirror-commands, so they serve the keymap, the toolbar, drops and tests.
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { insertPoint } from 'prosemirror-transform';
import type { CitationAttrs } from './citation.ts';
import { citationNode, noteSchema, quoteNode } from './note-schema.ts';

/**
 * Inserts a citation over `range` (default: the selection), followed by a space
 * unless whitespace follows already. A cursor that was where the citation goes
 * ends up after the citation and its space; one elsewhere (text typed while the
 * citation was being looked up) stays where it was.
 */
export function insertCitation(attrs: CitationAttrs, range?: { from: number; to: number }): Command {
  return (state, dispatch) => {
    const { from, to } = range ?? state.selection;
    const $from = state.doc.resolve(from);
    if (!$from.parent.inlineContent) return false;
    if (dispatch) {
      const node = citationNode(attrs);
      const sel = state.selection;
      const tr = state.tr.replaceRangeWith(from, to, node);
      const after = tr.mapping.map(to, 1);
      const next = tr.doc.resolve(after).nodeAfter;
      const space = !(next?.isText && /^\s/.test(next.text ?? ''));
      if (space) tr.insertText(' ', after);
      if (sel.from >= from && sel.to <= to) tr.setSelection(TextSelection.create(tr.doc, after + (space ? 1 : 0)));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/**
 * Inserts a quote block (the passage then its citation) at `pos` (the nearest
 * block boundary where a quote fits) or after the block holding the cursor.
 * An empty paragraph at that place is replaced rather than left behind.
 */
export function insertQuote(attrs: CitationAttrs, pos?: number): Command {
  return (state, dispatch) => {
    const tr = insertQuoteTr(state, attrs, pos);
    if (!tr) return false;
    if (dispatch) dispatch(tr.scrollIntoView());
    return true;
  };
}

function insertQuoteTr(state: EditorState, attrs: CitationAttrs, pos?: number): Transaction | null {
  const quote = quoteNode(attrs);
  const { doc } = state;
  const tr = state.tr;
  let target: number | null;
  if (pos === undefined) {
    const { $from } = state.selection;
    // the cursor in an empty top-level paragraph: replace it
    if ($from.depth >= 1 && $from.parent.type === noteSchema.nodes.paragraph && $from.parent.content.size === 0) {
      const start = $from.before();
      tr.replaceWith(start, $from.after(), quote);
      return finishQuote(tr, start + quote.nodeSize);
    }
    target = $from.depth >= 1 ? insertPoint(doc, $from.after($from.depth), quote.type) : insertPoint(doc, $from.pos, quote.type);
  } else {
    const clamped = Math.max(0, Math.min(pos, doc.content.size));
    target = insertPoint(doc, clamped, quote.type);
    if (target === null) {
      // inside a block: go to the end of the innermost textblock's parent boundary
      const $pos = doc.resolve(clamped);
      for (let d = $pos.depth; d > 0 && target === null; d--) target = insertPoint(doc, $pos.after(d), quote.type);
    }
  }
  if (target === null) return null;
  tr.insert(target, quote);
  return finishQuote(tr, target + quote.nodeSize);
}

/** Leaves a paragraph after a quote that ends its container, and puts the cursor after the quote. */
function finishQuote(tr: Transaction, after: number): Transaction {
  const $after = tr.doc.resolve(after);
  if ($after.index() >= $after.parent.childCount) tr.insert(after, noteSchema.nodes.paragraph!.create());
  tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(after + 1, tr.doc.content.size))));
  return tr;
}
