// The Annotations view's filters as removable chips (tag, each colour, each
// source, the collection, the words), and one button to clear them all.
import type { AnnotationColor, Collection } from '../../common/types.ts';
import type { PickedSource, ViewFilters } from './useViewFilters.ts';

export interface FilterChipsProps {
  filters: ViewFilters;
  collections: Collection[];
  onRemove(patch: Partial<ViewFilters>): void;
  onClear(): void;
}

// (the × buttons are named by the value alone: "Remove filter Tag: …" would also answer to the Tag box's label)
interface Chip { key: string; label: string; value: string; remove: Partial<ViewFilters> }

export function FilterChips(p: FilterChipsProps) {
  const f = p.filters;
  const collection = p.collections.find((c) => c.id === f.collectionId);
  const chips: Chip[] = [
    ...(f.tag ? [{ key: 'tag', label: `Tag: ${f.tag}`, value: f.tag, remove: { tag: '' } }] : []),
    ...f.colors.map((c: AnnotationColor) => ({ key: `color-${c}`, label: `Colour: ${c}`, value: c, remove: { colors: f.colors.filter((x) => x !== c) } })),
    ...f.sources.map((s: PickedSource) => ({
      key: `source-${s.id}`, label: `Source: ${s.title || s.id}`, value: s.title || s.id, remove: { sources: f.sources.filter((x) => x.id !== s.id) },
    })),
    ...(f.collectionId ? [{ key: 'collection', label: `Collection: ${collection?.name ?? '…'}`, value: collection?.name ?? 'the collection', remove: { collectionId: '' } }] : []),
    ...(f.text.trim() ? [{ key: 'text', label: `Words: ${f.text.trim()}`, value: f.text.trim(), remove: { text: '' } }] : []),
  ];
  if (chips.length === 0) return null;
  return (
    <div class="av-chips-row">
      <ul class="chips av-chips" aria-label="Filters">
        {chips.map((c) => (
          <li key={c.key} class="chip av-chip">
            <span class="av-chip-label" title={c.label}>{c.label}</span>
            <button type="button" class="chip-x" aria-label={`Stop filtering by “${c.value}”`} title="Remove this filter" onClick={() => p.onRemove(c.remove)}>×</button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && <button type="button" class="link av-clear" onClick={p.onClear}>Clear all filters</button>}
    </div>
  );
}
