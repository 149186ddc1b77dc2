// Binary search over items sorted by a number (paragraph, line and page starts).

/** The last index i with key(items[i]) <= v (0 when v is before the first). */
export function lastAtMostBy<T>(items: readonly T[], key: (item: T) => number, v: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(items[mid]!) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The last index i with sorted[i] <= v (0 when v is before the first). */
export const lastAtMost = (sorted: readonly number[], v: number): number => lastAtMostBy(sorted, (n) => n, v);
