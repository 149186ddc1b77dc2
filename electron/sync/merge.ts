// Two machines changed one record: merge field by field against the revision
// both started from. A field only one side changed takes that side's value;
// a field both changed to the same value is no conflict; a field both changed
// differently is a conflict for the researcher, except a set (a collection's
// members), which takes both sides' additions and removals. A delete against
// an edit keeps the edit. Clock fields (modified) take the later value.
import type { SyncKind } from '../../db/sync-tables.ts';
import { KINDS, fieldValue, setField } from './kinds.ts';
import { canonical } from './revs.ts';

export type Body = Record<string, unknown>;

export interface MergeResult {
  /** The merged body (conflicting fields keep `ours`). */
  merged: Body;
  /** Fields both sides changed differently. */
  conflicts: string[];
  /** Set when one side deleted the record and the other edited it: the edit was kept. */
  keptEdit: 'ours' | 'theirs' | null;
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** A three-way merge of a set: what either side added, less what either side removed from the base. */
function mergeSet(base: unknown, ours: unknown, theirs: unknown): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String) : []);
  const b = new Set(list(base));
  const o = new Set(list(ours));
  const t = new Set(list(theirs));
  const out = new Set([...o, ...t]);
  for (const x of b) if (!o.has(x) || !t.has(x)) out.delete(x);
  return [...out].sort();
}

/** Which content fields a side changed from the base (all of them, without a base). */
const edited = (kind: SyncKind, base: Body | null, side: Body): boolean =>
  KINDS[kind].content.some((f) => base === null || !same(fieldValue(kind, base, f), fieldValue(kind, side, f)));

export function mergeBodies(kind: SyncKind, base: Body | null, ours: Body, theirs: Body): MergeResult {
  const spec = KINDS[kind];
  const merged: Body = { ...ours };
  const conflicts: string[] = [];
  for (const field of spec.fields) {
    const o = fieldValue(kind, ours, field);
    const t = fieldValue(kind, theirs, field);
    if (same(o, t)) continue;
    const b = base === null ? undefined : fieldValue(kind, base, field);
    if (spec.sets?.includes(field)) setField(kind, merged, field, mergeSet(b, o, t));
    else if (base !== null && same(o, b)) setField(kind, merged, field, t);
    else if (base !== null && same(t, b)) continue;
    else if (field === 'deletedAt' && o !== null && t !== null) setField(kind, merged, field, String(o) < String(t) ? o : t);
    else conflicts.push(field);
  }
  for (const clock of spec.clocks) {
    const o = String(ours[clock] ?? '');
    const t = String(theirs[clock] ?? '');
    merged[clock] = o > t ? ours[clock] : theirs[clock];
  }

  // A delete against an edit: the record stays, with the edit.
  let keptEdit: MergeResult['keptEdit'] = null;
  const wasLive = base === null || base.deletedAt === null;
  const oursDeleted = ours.deletedAt !== null && ours.deletedAt !== undefined;
  const theirsDeleted = theirs.deletedAt !== null && theirs.deletedAt !== undefined;
  if (wasLive && oursDeleted !== theirsDeleted) {
    const editor = oursDeleted ? 'theirs' : 'ours';
    if (edited(kind, base, editor === 'ours' ? ours : theirs)) {
      merged.deletedAt = null;
      keptEdit = editor;
      const at = conflicts.indexOf('deletedAt');
      if (at >= 0) conflicts.splice(at, 1);
    }
  }
  return { merged, conflicts, keptEdit };
}
