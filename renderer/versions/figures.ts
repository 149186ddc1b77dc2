// How a relation's figures read: "version · 92% of this text is in it ·
// likely derived from it". One wording for the versions list, the compare
// view's headers and the library's mark.
import type { RelatedSource, RelationKind, RevisionPlace } from '../../common/types.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export const KIND_LABEL: Record<RelationKind, string> = { version: 'version', shares: 'shares passages', revision: 'revision' };

/** Which file of a revision pair a source is: "the later file". */
export const revisionFile = (which: 'earlier' | 'later') => `the ${which} file`;

/** A source's place among the files of its revision chain, as the library's and the Annotations view's rows say it: "revision 2 of 3". */
export const revisionPlace = (p: RevisionPlace) => `${KIND_LABEL.revision} ${p.n} of ${p.of}`;

/** The longer words behind revisionPlace (a tooltip): which file it is, as the compare view says it. */
export function revisionPlaceTitle(p: RevisionPlace): string {
  const which = p.n === p.of ? `${revisionFile('later')}: the same file was imported before with other text`
    : p.n === 1 ? `${revisionFile('earlier')}: the same file was imported again later, changed`
      : `imported after revision ${p.n - 1}, changed, and again later`;
  return `${revisionPlace(p)}, ${which}`;
}

/** The figures of a relation seen from this source; `it` names the other one ("it", "B"). */
export function relationFigures(r: RelatedSource, it = 'it'): string {
  const parts: string[] = [];
  if (r.aInB !== null) parts.push(`${pct(r.aInB)} of this text is in ${it}`);
  if (r.bInA !== null) parts.push(`${pct(r.bInA)} of ${it} is in this one`);
  if (r.aInB === null && r.bInA === null) parts.push('too large to measure');
  if (r.kind === 'revision') parts.push(`${it} is ${revisionFile(r.revision === 'later' ? 'later' : 'earlier')}`);
  else if (r.derived === 'this') parts.push(`likely derived from ${it}${r.derivedBy === 'dates' ? ' (by dates)' : r.derivedBy === 'containment' ? ' (by what each contains)' : ''}`);
  else if (r.derived === 'other') parts.push(`${it} is likely derived from this one${r.derivedBy === 'dates' ? ' (by dates)' : r.derivedBy === 'containment' ? ' (by what each contains)' : ''}`);
  return parts.join(' · ');
}

/** What tells a related source apart in a menu, first so a narrow menu still shows it: its kind and, for a revision, which file it is, then its title ("revision (the later file): Title"); when that still repeats (copies of one story often share a title), its published date or a number. */
export function relatedLabels(relations: readonly (Pick<RelatedSource, 'id' | 'title' | 'revision' | 'published'> & { kind: RelationKind | null })[]): Map<string, string> {
  // kind null: a source compared by hand that is not related (no kind to say)
  const base = relations.map((r) => r.kind === null ? r.title : `${KIND_LABEL[r.kind]}${r.kind === 'revision' && r.revision ? ` (${revisionFile(r.revision)})` : ''}: ${r.title}`);
  const seen = new Map<string, number>();
  for (const b of base) seen.set(b, (seen.get(b) ?? 0) + 1);
  const nth = new Map<string, number>();
  return new Map(relations.map((r, i) => {
    const b = base[i]!;
    if (seen.get(b) === 1) return [r.id, b];
    const n = (nth.get(b) ?? 0) + 1;
    nth.set(b, n);
    return [r.id, `${b} (${r.published ? `${r.published.slice(0, 10)}, ` : ''}${n} of ${seen.get(b)})`];
  }));
}
