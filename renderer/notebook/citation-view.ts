// The citation node view: compact "Short title ¶N"; hover shows the quoted
// passage and its source (a click opens the passage: editor.ts).  A citation
// whose annotation was deleted keeps its snapshot and is marked; one whose
// source is gone says "source removed". Text only, never HTML.
import type { Node as PmNode } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import type { CitationAttrs } from '../../common/citation.ts';
import { shortTitle } from '../../common/note-schema.ts';
import type { CitationContext } from './sources.ts';

export type { CitationContext };

let card: HTMLElement | null = null;
let cardOwner: symbol | null = null;
let showTimer: ReturnType<typeof setTimeout> | undefined;

function hoverCard(): HTMLElement {
  if (card && card.isConnected) return card;
  card = document.createElement('div');
  card.className = 'citation-card';
  card.setAttribute('role', 'tooltip');
  card.id = 'lectern-citation-card';
  card.hidden = true;
  document.body.append(card);
  return card;
}

function hideCard(owner?: symbol): void {
  clearTimeout(showTimer);
  if (owner && cardOwner !== owner) return;
  if (card) card.hidden = true;
  cardOwner = null;
}

export class CitationView implements NodeView {
  dom: HTMLElement;
  private node: PmNode;
  private readonly ctx: CitationContext;
  private readonly unsubscribe: () => void;
  private status: 'ok' | 'annotation-deleted' | 'source-missing' | 'loading' = 'loading';
  private label = '';
  private readonly key = Symbol('citation');

  constructor(node: PmNode, ctx: CitationContext) {
    this.node = node;
    this.ctx = ctx;
    this.dom = document.createElement('cite');
    this.dom.className = 'lectern-citation';
    this.dom.setAttribute('role', 'link');
    // a click opens the passage (the editor's citationClicks plugin)
    this.dom.addEventListener('mousedown', () => hideCard());
    this.dom.addEventListener('mouseenter', () => {
      clearTimeout(showTimer);
      showTimer = setTimeout(() => this.showCard(), 200);
    });
    this.dom.addEventListener('mouseleave', () => hideCard(this.key));
    this.unsubscribe = ctx.subscribe(() => this.render());
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
      label = `${shortTitle(info.title || a.sourceTitle || 'Source')} ¶${info.paragraphs.numberAt(a.start)}`;
      status = a.annotationId && !info.annotationIds.has(a.annotationId) ? 'annotation-deleted' : 'ok';
    } else {
      label = shortTitle(a.sourceTitle || 'Source');
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
    this.dom.setAttribute('aria-label', `Citation: ${label}${extra}. “${a.exact.slice(0, 200)}”`);
    if (cardOwner === this.key) this.showCard();
  }

  private showCard(): void {
    const a = this.node.attrs as CitationAttrs;
    const info = this.ctx.info(a.sourceId);
    const el = hoverCard();
    const quote = document.createElement('blockquote');
    quote.textContent = a.exact.length > 600 ? `${a.exact.slice(0, 600)}…` : a.exact;
    const source = document.createElement('p');
    source.className = 'citation-card-source';
    source.textContent = info.state === 'ok' ? info.title : a.sourceTitle || 'Unknown source';
    const parts: HTMLElement[] = [quote, source];
    if (this.status === 'annotation-deleted' || this.status === 'source-missing') {
      const note = document.createElement('p');
      note.className = 'citation-card-status';
      note.textContent = this.status === 'source-missing'
        ? 'The source has been removed from the library; this is the quoted text as it was cited.'
        : 'The annotation was deleted; the citation keeps the passage it quoted.';
      parts.push(note);
    }
    el.replaceChildren(...parts);
    el.hidden = false;
    const r = this.dom.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    el.style.maxWidth = `${width}px`;
    el.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`;
    const below = r.bottom + 6;
    el.style.top = `${below + el.offsetHeight > window.innerHeight ? Math.max(8, r.top - el.offsetHeight - 6) : below}px`;
    cardOwner = this.key;
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    const same = node.attrs === this.node.attrs || JSON.stringify(node.attrs) === JSON.stringify(this.node.attrs);
    this.node = node;
    if (!same) { this.label = ''; this.render(); }
    return true;
  }

  selectNode(): void { this.dom.classList.add('selected'); }
  deselectNode(): void { this.dom.classList.remove('selected'); }
  ignoreMutation(): boolean { return true; }
  stopEvent(): boolean { return false; }

  destroy(): void {
    this.unsubscribe();
    hideCard(this.key);
  }
}
