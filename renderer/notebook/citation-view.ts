// The citation node view: a chip that reads like a citation ("CNN,
// 2024-03-30, ¶10": common/citation-label.ts); hover shows the quoted passage
// and its source (a click opens the passage: editor.ts). A citation
// whose annotation was deleted keeps its snapshot and is marked; one whose
// source is gone says "source removed". Text only, never HTML.
import type { Node as PmNode } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import type { CitationAttrs } from '../../common/citation.ts';
import { citationLabel, shortTitle } from '../../common/citation-label.ts';
import type { ChipLetters } from './chip-letters.ts';
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
  private readonly letters: ChipLetters;
  private readonly unsubscribe: () => void;
  private status: 'ok' | 'annotation-deleted' | 'source-missing' | 'loading' = 'loading';
  private label = '';
  private readonly key = Symbol('citation');

  constructor(node: PmNode, ctx: CitationContext, letters: ChipLetters) {
    this.node = node;
    this.ctx = ctx;
    this.letters = letters;
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
      label = citationLabel({ ...info.source, title: info.source.title || a.sourceTitle }, info.paragraphs.numberAt(a.start), this.letters.letter(a.sourceId));
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
      const facts = [publisher, byline, published].filter(Boolean).join(' · ');
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
    this.letters.schedule();
    hideCard(this.key);
  }
}
