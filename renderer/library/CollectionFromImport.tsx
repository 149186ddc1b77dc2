// Offered in the import summary: keep what was just imported together as a
// collection, named after the folder it came from (duplicates included: those
// files are in the folder too).
import { useState } from 'preact/hooks';
import type { ImportResult } from '../../common/types.ts';
import { plural } from '../plural.ts';

/** The folder every path lies in (the last common folder), or '' when they share none. */
export function commonFolder(paths: string[]): string {
  const split = paths.map((p) => p.split(/[\\/]/).slice(0, -1));
  if (split.length === 0) return '';
  let n = 0;
  while (split.every((s) => n < s.length && s[n] === split[0]![n])) n++;
  return n > 0 ? split[0]![n - 1]! : '';
}

export function CollectionFromImport({ result, onMake }: { result: ImportResult; onMake(name: string, ids: string[]): Promise<void> }) {
  const ids = [...new Set([...result.imported.map((i) => i.id), ...result.duplicates.map((d) => d.id)])];
  const folder = commonFolder([...result.imported.map((i) => i.path), ...result.duplicates.map((d) => d.path)]);
  const [name, setName] = useState(folder);
  const [state, setState] = useState<{ done?: string; error?: string }>({});
  if (ids.length < 2 && !folder) return null;
  const one = ids.length === 1;
  if (state.done) return <p class="summary-collection" role="status">{one ? 'This source is' : `These ${plural(ids.length, 'source')} are`} in the collection “{state.done}”.</p>;
  return (
    <form class="summary-collection" onSubmit={(e) => {
      e.preventDefault();
      if (!name.trim()) { setState({ error: 'A collection needs a name.' }); return; }
      onMake(name.trim(), ids).then(() => setState({ done: name.trim() }), (err: unknown) => setState({ error: err instanceof Error ? err.message : String(err) }));
    }}>
      <label>{one ? 'Put this source in the collection' : `Keep these ${plural(ids.length, 'source')} together as the collection`}{' '}
        <input aria-label="Collection name" value={name} maxLength={200} placeholder="Collection name"
          onInput={(e) => { setName((e.target as HTMLInputElement).value); setState({}); }} />
      </label>
      <button type="submit">Make collection</button>
      {state.error && <p class="form-error" role="alert">{state.error}</p>}
    </form>
  );
}
