// The citation node view: a chip that reads like a citation ("CNN,
// 2024-03-30, ¶10": common/citation-label.ts); hover (or selecting the chip
// with the keyboard) shows a card with the quoted passage, its source and
// where the passage stands in the source's other versions, from which the
// citation can be pointed at another version's passage (an undoable edit of
// the note). A click opens the passage: editor.ts. A citation whose
// annotation was deleted keeps its snapshot and is marked; one whose source is
// gone says "source removed". Text only, never HTML.
import { h, render } from 'preact';
import type { Node as PmNode } from 'prosemirror-model';
import { NodeSelection } from 'prosemirror-state';
import type { EditorView, NodeView } from 'prosemirror-view';
import type { CitationAttrs } from '../../common/citation.ts';
import { citationLabel, shortTitle } from '../../common/citation-label.ts';
import { pageNameAt } from '../../common/pages.ts';
import type { PassageInVersion } from '../../common/types.ts';
import { AlsoIn } from '../versions/AlsoIn.tsx';
import { citationInVersion } from '../versions/cite-in-version.ts';
import type { ChipLetters } from './chip-letters.ts';
import type { CitationContext } from './sources.ts';

export type { CitationContext };

/** Where the view sits in its editor: for pointing the citation elsewhere. */
export interface CitationPlace {
  view: EditorView;
  getPos(): number | undefined;
}

let card: HTMLElement | null = null;
let cardOwner: symbol | null = null;
let cardView: EditorView | null = null;
let showTimer: ReturnType<typeof setTimeout> | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
/** The also-in list's mount inside the card (a Preact tree, kept across re-renders). */
let alsoInMount: HTMLElement | null = null;
const alsoInHost = (): HTMLElement => (alsoInMount ??= document.createElement('div'));

const HIDE_DELAY_MS = 250;

function hoverCard(): HTMLElement {
  if (card && card.isConnected) return card;
  card = document.createElement('div');
  card.className = 'citation-card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', 'Citation');
  card.id = 'lectern-citation-card';
  card.hidden = true;
  card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
  card.addEventListener('mouseleave', () => scheduleHide());
  card.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    const view = cardView;
    hideCard();
    view?.focus();
  });
  card.addEventListener('focusout', (e) => {
    if (!card?.contains(e.relatedTarget as Node | null) && !(e.relatedTarget instanceof Element && e.relatedTarget.closest('.note-editor'))) hideCard();
  });
  document.body.append(card);
  return card;
}

function hideCard(owner?: symbol): void {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  if (owner && cardOwner !== owner) return;
  if (card) card.hidden = true;
  if (alsoInMount) render(null, alsoInMount);
  cardOwner = null;
  cardView = null;
}

/** Hides the card a moment after the pointer leaves the chip or the card, unless it comes back or the keyboard is in it. */
function scheduleHide(owner?: symbol): void {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (card?.contains(document.activeElement) || card?.matches(':hover')) return;
    hideCard(owner);
  }, HIDE_DELAY_MS);
}

/** Escape in the note closes an open card; false when none is open. */
export function closeCitationCard(): boolean {
  if (!card || card.hidden || cardOwner === null) return false;
  hideCard();
  return true;
}

/** The view of each chip on screen, by its element (to open a chip's card from the keyboard). */
const viewOfChip = new WeakMap<Node, CitationView>();

/**
 * Moves the keyboard into the card of the chip `chip` (Alt+ArrowDown), showing
 * the card first when it is closed or another chip's: its first button, or
 * the card itself. False when `chip` is not a citation chip.
 */
export function focusCitationCard(chip: Node | null): boolean {
  const owner = chip ? viewOfChip.get(chip) : undefined;
  if (!owner) return false;
  owner.openCard();
  if (!card || card.hidden) return false;
  const first = card.querySelector<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])');
  if (first) first.focus();
  else { card.tabIndex = -1; card.focus(); }
  return true;
}

export class CitationView implements NodeView {
  dom: HTMLElement;
  private node: PmNode;
  private readonly ctx: CitationContext;
  private readonly letters: ChipLetters;
  private readonly unsubscribe: () => void;
  private status: 'ok' | 'annotation-deleted' | 'source-missing' | 'loading' = 'loading';
  private label = '';
  private readonly key = Symbol('citation');
  private readonly place: CitationPlace | null;
  private switching = false;

  constructor(node: PmNode, ctx: CitationContext, letters: ChipLetters, place: CitationPlace | null = null) {
    this.node = node;
    this.ctx = ctx;
    this.letters = letters;
    this.place = place;
    this.dom = document.createElement('cite');
    this.dom.className = 'lectern-citation';
    this.dom.setAttribute('role', 'link');
    // a click opens the passage (the editor's citationClicks plugin)
    this.dom.addEventListener('mousedown', () => hideCard());
    this.dom.addEventListener('mouseenter', () => {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (cardOwner !== this.key) showTimer = setTimeout(() => this.showCard(), 200);
    });
    this.dom.addEventListener('mouseleave', () => scheduleHide(this.key));
    viewOfChip.set(this.dom, this);
    const offCtx = ctx.subscribe(() => this.render());
    const offLetters = letters.subscribe(() => this.render());
    this.unsubscribe = () => { offCtx(); offLetters(); };
    letters.schedule();
    this.render();
  }

  private render(): void {
    const a = this.node.attrs as CitationAttrs;
    const info = this.ctx.info(a.sourceId);
    let label: string;
    let status: typeof this.status;
    if (info.state === 'missing') {
      label = `${shortTitle(a.sourceTitle || 'Source', 24)} — source removed`;
      status = 'source-missing';
    } else if (info.state === 'ok') {
      label = citationLabel({ ...info.source, title: info.source.title || a.sourceTitle }, info.paragraphs.numberAt(a.start), this.letters.letter(a.sourceId), pageNameAt(info.pages, a.start));
      status = a.annotationId && !info.annotationIds.has(a.annotationId) ? 'annotation-deleted' : 'ok';
    } else {
      label = citationLabel({ title: a.sourceTitle }, null);
      status = 'loading';
    }
    if (label === this.label && status === this.status) return;
    this.label = label;
    this.status = status;
    this.dom.textContent = label;
    this.dom.dataset.status = status;
    this.dom.dataset.sourceId = a.sourceId;
    if (a.annotationId) this.dom.dataset.annotationId = a.annotationId;
    else delete this.dom.dataset.annotationId;
    const extra = status === 'annotation-deleted' ? ' (annotation deleted)' : '';
    const title = info.state === 'ok' && !label.startsWith(shortTitle(info.source.title)) ? ` (${info.source.title})` : '';
    this.dom.setAttribute('aria-label', `Citation: ${label}${title}${extra}. “${a.exact.slice(0, 200)}”`);
    if (cardOwner === this.key) this.showCard();
  }

  /** Shows this chip's card unless it is showing already. */
  openCard(): void {
    if (cardOwner !== this.key || !card || card.hidden) this.showCard();
  }

  private showCard(): void {
    const a = this.node.attrs as CitationAttrs;
    const info = this.ctx.info(a.sourceId);
    const el = hoverCard();
    const quote = document.createElement('blockquote');
    quote.textContent = a.exact.length > 600 ? `${a.exact.slice(0, 600)}…` : a.exact;
    const source = document.createElement('p');
    source.className = 'citation-card-source';
    source.textContent = info.state === 'ok' ? info.source.title : a.sourceTitle || 'Unknown source';
    const parts: HTMLElement[] = [quote, source];
    if (info.state === 'ok') {
      const { publisher, byline, published } = info.source;
      const facts = [publisher, byline, published, pageNameAt(info.pages, a.start)].filter(Boolean).join(' · ');
      if (facts) {
        const line = document.createElement('p');
        line.className = 'citation-card-facts';
        line.textContent = facts;
        parts.push(line);
      }
    }
    if (this.status === 'annotation-deleted' || this.status === 'source-missing') {
      const note = document.createElement('p');
      note.className = 'citation-card-status';
      note.textContent = this.status === 'source-missing'
        ? 'The source has been removed from the library; this is the quoted text as it was cited.'
        : 'The annotation was deleted; the citation keeps the passage it quoted.';
      parts.push(note);
    }
    if (this.status === 'ok') {
      const passage = { sourceId: a.sourceId, start: a.start, end: a.end, exact: a.exact, annotationId: a.annotationId };
      const editable = this.place?.view.editable ?? false;
      render(h(AlsoIn, { passage, onLayout: () => this.placeCard(), ...(editable ? { onSwitch: (p: PassageInVersion) => void this.switchTo(p) } : {}) }), alsoInHost());
      parts.push(alsoInHost());
    } else if (alsoInMount) render(null, alsoInMount);
    el.replaceChildren(...parts);
    el.hidden = false;
    cardOwner = this.key;
    cardView = this.place?.view ?? null;
    this.placeCard();
  }

  private placeCard(): void {
    const el = card;
    if (!el || el.hidden || cardOwner !== this.key) return;
    const r = this.dom.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 16);
    el.style.maxWidth = `${width}px`;
    el.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`;
    const below = r.bottom + 6;
    el.style.maxHeight = `${Math.max(120, window.innerHeight - 16)}px`;
    el.style.top = `${below + el.offsetHeight > window.innerHeight ? Math.max(8, r.top - el.offsetHeight - 6) : below}px`;
  }

  /**
   * Points this citation at `p`, another version's passage: one transaction
   * replacing the chip's attributes, so Undo brings the old citation back.
   * Nothing changes if the note moved on meanwhile (the chip gone or edited).
   */
  private async switchTo(p: PassageInVersion): Promise<void> {
    if (this.switching || !this.place) return;
    this.switching = true;
    const before = this.node.attrs as CitationAttrs;
    try {
      const attrs = await citationInVersion(p, before.annotationId);
      const { view, getPos } = this.place;
      const pos = getPos();
      if (view.isDestroyed || pos === undefined || JSON.stringify(view.state.doc.nodeAt(pos)?.attrs) !== JSON.stringify(before)) return;
      // from the card, the keyboard goes back to the note with the chip selected (its card showing the citation as it now is)
      const hadFocus = card?.contains(document.activeElement) ?? false;
      const tr = view.state.tr.setNodeMarkup(pos, null, attrs);
      if (hadFocus) tr.setSelection(NodeSelection.create(tr.doc, pos));
      view.dispatch(tr);
      if (hadFocus) view.focus();
    } catch (e) {
      const note = document.createElement('p');
      note.className = 'citation-card-status';
      note.setAttribute('role', 'alert');
      note.textContent = `Could not cite ${p.title}: ${e instanceof Error ? e.message : String(e)}`;
      card?.append(note);
    } finally {
      this.switching = false;
    }
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    const same = node.attrs === this.node.attrs || JSON.stringify(node.attrs) === JSON.stringify(this.node.attrs);
    this.node = node;
    if (!same) { this.label = ''; this.render(); }
    return true;
  }

  // a chip reached with the keyboard shows its card too (Alt+ArrowDown moves into it)
  selectNode(): void { this.dom.classList.add('selected'); this.showCard(); }
  deselectNode(): void {
    this.dom.classList.remove('selected');
    if (cardOwner === this.key && !card?.contains(document.activeElement)) hideCard(this.key);
  }
  ignoreMutation(): boolean { return true; }
  stopEvent(): boolean { return false; }

  destroy(): void {
    this.unsubscribe();
    this.letters.schedule();
    hideCard(this.key);
  }
}
