// A separator between two panes: drag with the mouse, or focus it and use the
// arrow keys (the ARIA window-splitter pattern). Vertical (between columns,
// Left/Right) or horizontal (between stacked sections, Up/Down).
export function Splitter({ label, value, min, max, invert, horizontal, onChange }: {
  label: string; value: number; min: number; max: number; invert?: boolean; horizontal?: boolean; onChange(v: number): void;
}) {
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  const [less, more] = horizontal ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  return (
    <div
      class={`splitter${horizontal ? ' horizontal' : ''}`} role="separator" aria-orientation={horizontal ? 'horizontal' : 'vertical'} aria-label={label} tabIndex={0}
      aria-valuenow={Math.round(value)} aria-valuemin={min} aria-valuemax={max}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const dir = invert ? -1 : 1;
        if (e.key === less) { onChange(clamp(value - step * dir)); e.preventDefault(); }
        if (e.key === more) { onChange(clamp(value + step * dir)); e.preventDefault(); }
      }}
      onPointerDown={(e) => {
        const el = e.currentTarget as HTMLElement;
        el.setPointerCapture(e.pointerId);
        const at = (p: PointerEvent) => (horizontal ? p.clientY : p.clientX);
        const x0 = at(e);
        const v0 = value;
        const move = (m: PointerEvent) => onChange(clamp(v0 + (invert ? x0 - at(m) : at(m) - x0)));
        const up = () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}
