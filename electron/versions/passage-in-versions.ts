// "Also in" (issue 9.4): where a passage of a source stands in each source it
// is related to (versions, revisions, shared passages; dismissed ones left
// out), carried through the two texts' alignment as a copy would be
// (common/carry.ts): the same words, other words, or nothing there.
import { carryPassage } from '../../common/carry.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';
import { ApiError, type Id, type PassageInVersion } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import { found } from '../found.ts';
import { alignable } from './align-sources.ts';
import type { AlignmentCache } from './alignment-cache.ts';

export function passageInVersions(store: Store, cache: AlignmentCache, sourceId: Id, start: number, end: number, annotationId: Id | null): PassageInVersion[] {
  const source = found(store.sources.get(sourceId), 'source', sourceId);
  const map = new OffsetMap(source.text);
  if (end <= start || end > map.codePoints) throw new ApiError('invalid-range', `Range ${start}-${end} is not a passage of source ${sourceId} (${map.codePoints} characters)`);
  const anchor = { start, end, ...quoteAt(source.text, start, end, map) };
  const out: PassageInVersion[] = [];
  for (const r of store.relations.listLiveFor(sourceId)) {
    if (r.dismissed) continue;
    const otherId = r.a === sourceId ? r.b : r.a;
    const other = store.sources.get(otherId);
    if (!other) continue;
    const base = { id: other.id, title: other.title, sha256: other.sha256, kind: r.kind };
    if (!alignable(source, other)) {
      out.push({ ...base, status: null, start: 0, end: 0, exact: '', score: 0, annotationId: null, unavailable: 'too large to align' });
      continue;
    }
    const annotations = store.annotations.listBySource(other.id);
    // the copy the researcher carried (and perhaps adjusted) says where the passage went
    const copy = annotationId ? annotations.find((a) => a.carriedFrom === annotationId && a.status !== 'orphaned') : undefined;
    if (copy) {
      const same = copy.exact === anchor.exact;
      out.push({ ...base, status: same ? 'anchored' : 'moved', start: copy.start, end: copy.end, exact: copy.exact, score: same ? 1 : copy.score ?? 0, annotationId: copy.id });
      continue;
    }
    const c = carryPassage(anchor, source.text, other.text, cache.get(source, other));
    const there = c.status === 'orphaned' ? undefined : annotations.find((a) => a.start === c.start && a.end === c.end);
    out.push({ ...base, status: c.status, start: c.start, end: c.end, exact: c.exact, score: c.score, annotationId: there?.id ?? null });
  }
  return out;
}
