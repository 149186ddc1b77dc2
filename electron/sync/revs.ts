// Revision ids the way CouchDB writes them ("<generation>-<hash>"), made
// deterministic: the hash is the MD5 of the parent revision and the canonical
// body, so the same change made twice (a retry after a crash, or two machines
// resolving one conflict the same way) is the same revision, and the server
// keeps it once.
import { createHash } from 'node:crypto';

/** CouchDB keeps at most this many ancestors per revision by default; so do we. */
export const REVS_LIMIT = 100;

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export const generation = (rev: string): number => Number(rev.slice(0, rev.indexOf('-')));
export const revHash = (rev: string): string => rev.slice(rev.indexOf('-') + 1);

/** The revision after `parent` (or the first) with this body; `revs` are the hashes newest first. */
export function nextRevision(parent: { rev: string; revs: string[] } | null, body: string, deleted: boolean): { rev: string; revs: string[] } {
  const gen = parent ? generation(parent.rev) + 1 : 1;
  const hash = createHash('md5').update(`${parent?.rev ?? ''}\n${deleted ? 'deleted' : 'live'}\n${body}`).digest('hex');
  return { rev: `${gen}-${hash}`, revs: [hash, ...(parent?.revs ?? [])].slice(0, REVS_LIMIT) };
}

/** Every full revision id in a history (`revs` newest first, the newest at generation `gen`). */
export const revIds = (rev: string, revs: string[]): string[] => {
  const gen = generation(rev);
  return revs.map((h, i) => `${gen - i}-${h}`);
};

/** Whether `ancestor` is `rev` itself or in its history. */
export const descends = (rev: { rev: string; revs: string[] }, ancestor: string): boolean =>
  revIds(rev.rev, rev.revs).includes(ancestor);

/** The newest revision both histories share, or null. */
export function commonAncestor(a: { rev: string; revs: string[] }, b: { rev: string; revs: string[] }): string | null {
  const inB = new Set(revIds(b.rev, b.revs));
  return revIds(a.rev, a.revs).find((r) => inB.has(r)) ?? null;
}

/**
 * CouchDB's winning revision among leaves: a live one before a deleted one,
 * then the highest generation, then the greater revision id. Every replica
 * picks the same one.
 */
export function winner<T extends { rev: string; deleted: boolean }>(leaves: T[]): T {
  return [...leaves].sort((a, b) =>
    Number(a.deleted) - Number(b.deleted) || generation(b.rev) - generation(a.rev) || (revHash(b.rev) > revHash(a.rev) ? 1 : -1))[0]!;
}
