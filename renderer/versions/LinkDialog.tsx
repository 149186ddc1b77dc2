// "Link a version…": find a source by its words and link it to this one as a version.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit } from '../../common/types.ts';
import { Dialog } from '../dialogs/Dialog.tsx';

export function LinkDialog({ sourceId, title, exclude, onLink, onClose }: {
  sourceId: string; title: string; exclude: Set<string>; onLink(other: string): void; onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState('');
  const seq = useRef(0);
  useEffect(() => {
    const q = query.trim();
    if (!q) { setHits(null); return undefined; }
    const n = ++seq.current;
    const t = setTimeout(() => {
      window.lectern.search(q, 60).then((r) => {
        if (n !== seq.current) return;
        setHits(r.filter((h) => h.kind === 'source' && h.id !== sourceId));
        setError('');
      }, (e: Error) => { if (n === seq.current) setError(e.message); });
    }, 120);
    return () => clearTimeout(t);
  }, [query]);
  return (
    <Dialog title="Link a version" onClose={onClose} class="link-dialog">
      <p class="muted">Find the other version of “{title}” by words in its title or text.</p>
      <input type="search" aria-label="Find a source" placeholder="Search sources" value={query} autoFocus
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      {error && <p role="alert" class="error-text">{error}</p>}
      {hits && hits.length === 0 && <p class="muted" role="status">No source matches “{query.trim()}”.</p>}
      {hits && hits.length > 0 && (
        <ul class="link-hits" aria-label="Sources found">
          {hits.map((h) => (
            <li key={h.id}>
              <span class="link-hit-title">{h.title}</span>
              {exclude.has(h.id) ? <span class="muted">already related</span>
                : <button type="button" onClick={() => onLink(h.id)} aria-label={`Link “${h.title}” as a version`}>Link</button>}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
