// Cutting long text to a bounded part without splitting a surrogate pair.

/** The first `max` UTF-16 units of s (one fewer when the cut would split a surrogate pair). */
export function headOf(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** The last `max` UTF-16 units of s (one fewer when the cut would split a surrogate pair). */
export function tailOf(s: string, max: number): string {
  if (s.length <= max) return s;
  const tail = s.slice(-max);
  return /^[\uDC00-\uDFFF]/.test(tail) ? tail.slice(1) : tail;
}
