// Binary search over a sorted sequence (paragraph, line and page starts,
// astral-character offsets, find matches, rows of one side).

/**
 * How many of the first `n` indexes satisfy `below`, for a predicate that holds for a prefix
 * of them and then never again: the first index where it fails (n when it never does).
 */
export function partitionPoint(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index i with key(items[i]) <= v (0 when v is before the first). */
export const lastAtMostBy = <T>(items: readonly T[], key: (item: T) => number, v: number): number =>
  Math.max(0, partitionPoint(items.length, (i) => key(items[i]!) <= v) - 1);

/** The last index i with sorted[i] <= v (0 when v is before the first). */
export const lastAtMost = (sorted: readonly number[], v: number): number => lastAtMostBy(sorted, (n) => n, v);
