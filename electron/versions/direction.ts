// Which of two related sources is likely derived from the other: an estimate,
// labelled with what it rests on. A revision is derived from the file it
// revises; otherwise the later of two published dates; otherwise containment
// asymmetry (most of the derived text is found in the other, not vice versa:
// a condensed or excerpted copy). Shared passages give no direction.
import type { DirectionBasis, Id, RelationKind } from '../../common/types.ts';

/** How much larger one side's containment must be for it to count as the derived one. */
export const CONTAINMENT_ASYMMETRY = 0.1;

export interface DirectionInput {
  a: Id;
  b: Id;
  kind: RelationKind;
  aInB: number | null;
  bInA: number | null;
  aPublished: string | null;
  bPublished: string | null;
}

export function estimateDirection(r: DirectionInput): { derived: Id | null; derivedBy: DirectionBasis | null } {
  if (r.kind === 'revision') return { derived: r.b, derivedBy: 'revision' };
  if (r.kind !== 'version') return { derived: null, derivedBy: null };
  if (r.aPublished && r.bPublished && r.aPublished !== r.bPublished) {
    return { derived: r.aPublished > r.bPublished ? r.a : r.b, derivedBy: 'dates' };
  }
  if (r.aInB !== null && r.bInA !== null && Math.abs(r.aInB - r.bInA) >= CONTAINMENT_ASYMMETRY) {
    return { derived: r.aInB > r.bInA ? r.a : r.b, derivedBy: 'containment' };
  }
  return { derived: null, derivedBy: null };
}
