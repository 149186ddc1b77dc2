// Annotation colour names -> RGB (0..255). Unknown names and malformed hex fall back to yellow.
export type Rgb = [number, number, number];

const NAMED: Record<string, Rgb> = {
  yellow: [255, 212, 0],
  green: [95, 178, 54],
  blue: [46, 168, 229],
  pink: [255, 102, 204],
  purple: [162, 138, 229],
  orange: [241, 152, 55],
  red: [255, 102, 102],
  gray: [170, 170, 170],
  grey: [170, 170, 170],
};

export function colorRgb(color: string): Rgb {
  const named = NAMED[color.trim().toLowerCase()];
  if (named) return named;
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (m) {
    const n = Number.parseInt(m[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  return NAMED.yellow!;
}

/** The colour mixed with white: `strength` 0 = white, 1 = the colour. */
export function tint(c: Rgb, strength: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(255 - (255 - c[i]!) * strength)) as Rgb;
}

/** Components 0..1, as PDF wants them in /C and in content streams. */
export function unit(c: Rgb): [number, number, number] {
  return [c[0] / 255, c[1] / 255, c[2] / 255];
}
