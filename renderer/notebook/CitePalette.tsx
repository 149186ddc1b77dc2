// "Cite" (Mod-Shift-C / toolbar): a palette searching annotations and sources
// through window.lectern.search. Choosing an annotation cites it; choosing a
// source cites the paragraph where the query matches (or its first paragraph).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { citationFor, type CitationAttrs } from '../../common/citation.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { paragraphsUtf16 } from '../../common/segment.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Annotation, type SearchHit, type Source } from '../../common/types.ts';

const sourceCache = new Map<string, Promise<Source>>();
const annotationCache = new Map<string, Promise<Annotation[]>>();
const getSource = (id: string) => {
  let p = sourceCache.get(id);
  if (!p) { p = window.lectern.getSource(id); sourceCache.set(id, p); p.catch(() => sourceCache.delete(id)); }
  return p;
};

/** The paragraph (common/segment.ts) around the first match of the query's words, in code points. */
export function matchedParagraph(text: string, query: string): { start: number; end: number } {
  const words = query.toLowerCase().replace(/["*()]/g, ' ').split(/\s+/).filter((w) => w.length > 1);
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    at = lower.indexOf(w);
    if (at >= 0) break;
  }
  if (at < 0) at = text.search(/\S/);
  if (at < 0) at = 0;
  const paras = paragraphsUtf16(text);
  const para = paras.findLast((p) => p.start <= at) ?? paras[0] ?? { start: 0, end: text.length };
  let from = para.start;
  let to = para.end;
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  const map = new OffsetMap(text);
  return { start: map.toCodePoint(from), end: map.toCodePoint(to) };
}

function Snippet({ text }: { text: string }) {
  const parts: preact.ComponentChildren[] = [];
  let rest = text.replace(/\s+/g, ' ');
  let i = 0;
  while (rest) {
    const open = rest.indexOf(SNIPPET_OPEN);
    if (open < 0) { parts.push(rest); break; }
    const close = rest.indexOf(SNIPPET_CLOSE, open);
    if (close < 0) { parts.push(rest.replace(SNIPPET_OPEN, '')); break; }
    parts.push(rest.slice(0, open), <mark key={i++}>{rest.slice(open + 1, close)}</mark>);
    rest = rest.slice(close + 1);
  }
  return <span class="palette-snippet">{parts}</span>;
}

type Item = { hit: SearchHit; key: string };

export function CitePalette({ onChoose, onClose }: {
  /** Called at once with the chosen passage's citation, which the back end is still looking up. */
  onChoose(a: Promise<CitationAttrs>): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // focus as the palette is committed, not after paint: a key typed right after Mod-Shift-C must not reach the note
  useLayoutEffect(() => { input.current?.focus(); }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) { setItems([]); return undefined; }
    let live = true;
    const t = setTimeout(() => {
      window.lectern.search(q, 40).then((hits) => {
        if (!live) return;
        setItems(hits.filter((h) => h.kind !== 'note').map((hit) => ({ hit, key: `${hit.kind}:${hit.id}` })));
        setActive(0);
        setError('');
      }, (e: unknown) => { if (live) setError(String((e as Error).message ?? e)); });
    }, 120);
    return () => { live = false; clearTimeout(t); };
  }, [query]);

  /** The citation of a hit, looked up through the back end. */
  const citationOf = async ({ hit }: Item): Promise<CitationAttrs> => {
    if (hit.kind === 'annotation') {
      const sourceId = hit.sourceId!;
      let list = annotationCache.get(sourceId);
      if (!list) { list = window.lectern.listAnnotations(sourceId); annotationCache.set(sourceId, list); }
      let a = (await list).find((x) => x.id === hit.id);
      if (!a) { annotationCache.set(sourceId, (list = window.lectern.listAnnotations(sourceId))); a = (await list).find((x) => x.id === hit.id); }
      if (!a) throw new Error('That annotation no longer exists.');
      const source = await getSource(sourceId);
      return citationFor(source, a.start, a.end, a.id);
    }
    const source = await getSource(hit.id);
    const { start, end } = matchedParagraph(source.text, query);
    return citationFor(source, start, end, null);
  };

  // Handing over the lookup (not its result) lets the palette close within the
  // key event, so the next key already goes to the note.
  const choose = (item: Item | undefined) => { if (item) onChoose(citationOf(item)); };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((i) => Math.min(items.length - 1, i + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((i) => Math.max(0, i - 1)); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(items[active]); }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); }
  };

  const optionId = (i: number) => `cite-option-${i}`;
  return (
    <div class="palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div class="palette" role="dialog" aria-modal="true" aria-label="Cite a passage">
        <input
          ref={input} type="search" class="palette-input" placeholder="Search annotations and sources…"
          aria-label="Search annotations and sources"
          aria-controls="cite-options" aria-activedescendant={items.length ? optionId(active) : undefined}
          value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} onKeyDown={onKeyDown}
        />
        {error && <p class="palette-error" role="alert">{error}</p>}
        {query.trim() && items.length === 0 && !error && <p class="palette-empty">No annotation or source matches.</p>}
        {!query.trim() && <p class="palette-empty">Type to find an annotation, or a source to cite the matching paragraph.</p>}
        <ul id="cite-options" role="listbox" aria-label="Passages to cite" class="palette-list">
          {items.map((item, i) => (
            <li
              key={item.key} id={optionId(i)} role="option" aria-selected={i === active}
              class={`palette-item${i === active ? ' active' : ''}`}
              onMouseEnter={() => setActive(i)} onClick={() => choose(item)}
            >
              <span class={`palette-kind kind-${item.hit.kind}`}>{item.hit.kind === 'annotation' ? 'Annotation' : 'Source'}</span>
              <span class="palette-title">{item.hit.title}</span>
              <Snippet text={item.hit.snippet} />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
