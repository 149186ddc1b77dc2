// Binary search over a sorted list of numbers (paragraph and line starts).

/** The last index i with sorted[i] <= v (0 when v is before the first). */
export function lastAtMost(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
