// Carrying a source's annotations onto a version of it (issue 8.3): each
// annotation is copied, never moved, through the two texts' alignment
// (common/carry.ts), keeping its comment, tags and colour, and remembering the
// annotation it came from. An original has at most one copy on a source: one
// carried before (even one in the trash), or one that itself came from the
// target, is skipped and said so; so is one whose copy the target already has
// (an annotation on the same range with the same colour, comment and tags,
// made there by hand or imported). A dry run gives the same verdicts and writes
// nothing.
import { carryPassage } from '../../common/carry.ts';
import { OffsetMap } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';
import { ApiError, type Annotation, type CarriedAnnotation, type CarryResult, type Id } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import { found } from '../found.ts';
import { alignSources } from './align-sources.ts';

/** Which annotations of `from` must not be copied onto `to`, and why (the existing copy or original named). */
function alreadyThere(store: Store, from: Id, to: Id): Map<Id, { id: Id; reason: string }> {
  const lineage = store.carried.lineage(from, to);
  const onTarget = new Map<Id, { id: Id; deleted: boolean }>();
  for (const l of lineage) if (l.sourceId === to && !onTarget.has(l.root)) onTarget.set(l.root, l);
  const skip = new Map<Id, { id: Id; reason: string }>();
  for (const l of lineage) {
    if (l.sourceId !== from) continue;
    const there = onTarget.get(l.root);
    if (!there) continue;
    const reason = there.id === l.root ? 'it was carried from this annotation of the target'
      : there.deleted ? 'carried before; the copy is in the trash (restore it to see it again)'
        : 'carried before';
    skip.set(l.id, { id: there.id, reason });
  }
  return skip;
}

/** The target's annotation a copy would duplicate: the same range, colour, comment and tags. */
function sameOnTarget(targetAnnotations: Annotation[], a: Annotation, c: { status: string; start: number; end: number }): Annotation | undefined {
  if (c.status === 'orphaned') return undefined;
  const tags = [...a.tags].sort().join('\n');
  return targetAnnotations.find((t) => t.start === c.start && t.end === c.end && t.color === a.color && t.comment === a.comment && t.tags.join('\n') === tags);
}

export function carryAnnotations(store: Store, fromId: Id, toId: Id, dryRun: boolean): CarryResult {
  const source = (id: Id) => found(store.sources.get(id), 'source', id);
  const from = source(fromId);
  const to = source(toId);
  const alignment = alignSources(from, to);
  const annotations = store.annotations.listBySource(from.id);
  const targetMap = new OffsetMap(to.text);
  const copies = annotations.map((a) => ({ a, c: carryPassage(a, from.text, to.text, alignment) }));

  const write = (): CarryResult => {
    // decided again under the write lock: another process may have carried meanwhile
    if (!dryRun) { source(from.id); source(to.id); }
    const skip = alreadyThere(store, from.id, to.id);
    const onTarget = store.annotations.listBySource(to.id);
    const carried: CarriedAnnotation[] = [];
    const skipped: CarryResult['skipped'] = [];
    let there = 0;
    for (const { a, c } of copies) {
      const before = skip.get(a.id);
      if (before) { skipped.push({ from: a.id, id: before.id, reason: before.reason }); continue; }
      const same = sameOnTarget(onTarget, a, c);
      if (same) { there++; skipped.push({ from: a.id, id: same.id, reason: 'already there: an annotation on the same words with the same colour, comment and tags' }); continue; }
      const id = dryRun ? null : insertCopy(store, a, to.id, c, targetMap, to.text).id;
      carried.push({ from: a.id, id, status: c.status, score: c.score, start: c.start, end: c.end, exact: c.exact });
    }
    const count = (s: string) => carried.filter((x) => x.status === s).length;
    return {
      from: from.id, to: to.id, dryRun, carried,
      anchored: count('anchored'), moved: count('moved'), orphaned: count('orphaned'), skipped, alreadyThere: there,
    };
  };
  return dryRun ? write() : store.write(write);
}

function insertCopy(store: Store, a: Annotation, to: Id, c: ReturnType<typeof carryPassage>, map: OffsetMap, text: string): Annotation {
  // an orphan keeps the original's context, for finding it again later; a placed copy takes the target's
  const context = c.status === 'orphaned' ? { prefix: a.prefix, suffix: a.suffix } : quoteAt(text, c.start, c.end, map);
  if (c.status !== 'orphaned' && c.end <= c.start) throw new ApiError('internal', `carrying ${a.id} gave an empty range`);
  return store.annotations.insert({
    sourceId: to, start: c.start, end: c.end, exact: c.exact, prefix: context.prefix, suffix: context.suffix,
    color: a.color, comment: a.comment, tags: a.tags, status: c.status, score: c.status === 'moved' ? c.score : null,
    carriedFrom: a.id,
  });
}
