// Stored relations as the API shows them: with the direction estimate, and
// seen from one of the two sources.
import type { Id, RelatedSource, SourceRelation } from '../../common/types.ts';
import type { RelationRow } from '../../db/relations.ts';
import { estimateDirection } from './direction.ts';

export function toSourceRelation(r: RelationRow): SourceRelation {
  return {
    a: r.a, b: r.b, kind: r.kind, similarity: r.similarity, aInB: r.aInB, bInA: r.bInA, passages: r.passages,
    origin: r.origin, dismissed: r.dismissed, ...estimateDirection(r), created: r.created, updated: r.updated,
  };
}

/** The relation as seen from `self`: the other source, and this one's containment first. */
export function toRelatedSource(r: RelationRow, self: Id): RelatedSource {
  const isA = r.a === self;
  const { derived, derivedBy } = estimateDirection(r);
  return {
    id: isA ? r.b : r.a,
    title: isA ? r.bTitle : r.aTitle,
    published: isA ? r.bPublished : r.aPublished,
    kind: r.kind,
    similarity: r.similarity,
    aInB: isA ? r.aInB : r.bInA,
    bInA: isA ? r.bInA : r.aInB,
    passages: r.passages,
    origin: r.origin,
    dismissed: r.dismissed,
    derived: derived === null ? null : derived === self ? 'this' : 'other',
    derivedBy,
    revision: r.kind !== 'revision' ? null : isA ? 'later' : 'earlier',
  };
}
