/** Nearest-rank quantile (q in 0..1) of a list of timings; the one definition every benchmark reports. */
export function quantile(samples: readonly number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
