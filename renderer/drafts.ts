// Unsaved input kept across a reload or a crash: what the researcher typed is
// written here synchronously on every input, and removed once it is saved or
// deliberately discarded, so a reload puts it back. localStorage, keyed by
// what the draft belongs to (a source's field, a new annotation's range).
const PREFIX = 'lectern.draft.';
/** A draft larger than this (UTF-16 units of JSON) is not kept: localStorage is small and shared. */
const MAX_DRAFT = 200_000;

export function readDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeDraft(key: string, value: unknown): void {
  try {
    const raw = JSON.stringify(value);
    if (raw.length <= MAX_DRAFT) localStorage.setItem(PREFIX + key, raw);
  } catch { /* storage full or unavailable: the input itself is still on screen */ }
}

export function clearDraft(key: string): void {
  try { localStorage.removeItem(PREFIX + key); } catch { /* unavailable */ }
}
