// The Annotations view's colour filter: one toggle button per colour, each
// with its swatch and name (Tab reaches each, Space or Enter toggles it). No
// colour pressed shows every colour; pressing several shows any of them.
import { ANNOTATION_COLORS, type AnnotationColor } from '../../common/types.ts';

export interface ColorTogglesProps {
  selected: AnnotationColor[];
  onChange(colors: AnnotationColor[]): void;
}

export function ColorToggles(p: ColorTogglesProps) {
  const toggle = (c: AnnotationColor) =>
    p.onChange(p.selected.includes(c) ? p.selected.filter((x) => x !== c) : ANNOTATION_COLORS.filter((x) => x === c || p.selected.includes(x)));
  return (
    <span class="av-colors" role="group" aria-label="Colours">
      <span class="av-filter-label" aria-hidden="true">Colours</span>
      {ANNOTATION_COLORS.map((c) => (
        <button key={c} type="button" class="av-color" aria-pressed={p.selected.includes(c)} onClick={() => toggle(c)}>
          <span class={`av-swatch hl-${c}`} aria-hidden="true" />{c}
        </button>
      ))}
    </span>
  );
}
