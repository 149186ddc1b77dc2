// Which source hits are versions of one story, so search shows them as one row
// ("n versions"). Until the versions engine's relations (db/relations.ts)
// exist, versions are exact repeats: the same title and the same length. This
// is the one place that decides; search calls nothing else.

export interface VersionCandidate {
  id: string;
  title: string;
  chars: number;
}

/** A key per candidate: candidates with one key are versions of one story. */
export function versionKeys(candidates: readonly VersionCandidate[]): Map<string, string> {
  return new Map(candidates.map((c) => [c.id, `${c.chars}\u0000${c.title}`]));
}
