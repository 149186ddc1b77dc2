// A vertical separator between two panes: drag with the mouse, or focus it and
// use the arrow keys (the ARIA window-splitter pattern).
export function Splitter({ label, value, min, max, invert, onChange }: {
  label: string; value: number; min: number; max: number; invert?: boolean; onChange(v: number): void;
}) {
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  return (
    <div
      class="splitter" role="separator" aria-orientation="vertical" aria-label={label} tabIndex={0}
      aria-valuenow={Math.round(value)} aria-valuemin={min} aria-valuemax={max}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const dir = invert ? -1 : 1;
        if (e.key === 'ArrowLeft') { onChange(clamp(value - step * dir)); e.preventDefault(); }
        if (e.key === 'ArrowRight') { onChange(clamp(value + step * dir)); e.preventDefault(); }
      }}
      onPointerDown={(e) => {
        const el = e.currentTarget as HTMLElement;
        el.setPointerCapture(e.pointerId);
        const x0 = e.clientX;
        const v0 = value;
        const move = (m: PointerEvent) => onChange(clamp(v0 + (invert ? x0 - m.clientX : m.clientX - x0)));
        const up = () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}
