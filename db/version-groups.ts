// Which source hits are versions of one story, so that search shows them as
// one row ("n versions"): sources joined by the versions engine's relations
// (db/relations.ts: kind version or revision, not dismissed, both sources
// live), taken transitively, and exact repeats (the same title and length)
// among the hits, which need no detection run. This is the one place that
// decides; search asks nothing else.
import type { Db } from './write.ts';

export interface VersionCandidate {
  id: string;
  title: string;
  chars: number;
}

/** Rows one walk over relations may visit (a bound, not a limit anyone meets). */
const MAX_WALK = 20_000;

/** One step of the walk: from reach.id along `from` to a live source at `to`. */
const step = (from: string, to: string) => `SELECT reach.root, r.${to} FROM reach
  JOIN source_relations r ON r.${from} = reach.id AND r.dismissed = 0 AND r.kind IN ('version', 'revision')
  JOIN sources o INDEXED BY sources_live_ids ON o.id = r.${to} AND o.deleted_at IS NULL`;

/**
 * SQL: the table `reach(root, id)` of the story walk: for each id of the JSON
 * array @ids (itself included), every live source reachable from it through
 * version or revision relations not dismissed. One recursive step per
 * direction, so that each walks its relations index from the row it stands on.
 * Search's groups (below) and the library's version counts (db/sources.ts) use it.
 */
export const STORY_REACH = `WITH RECURSIVE reach(root, id) AS (
    SELECT value, value FROM json_each(@ids)
    UNION ${step('a_id', 'b_id')}
    UNION ${step('b_id', 'a_id')}
    LIMIT ${MAX_WALK}
  )`;

export function createVersionGroups(db: Db) {
  // every live source reachable from each hit through version/revision relations
  const reachStmt = db.prepare(`${STORY_REACH} SELECT root, id FROM reach`);

  /** For each candidate: the members of its story (itself first), shared by every candidate of that story. */
  return (candidates: readonly VersionCandidate[]): Map<string, string[]> => {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const join = (a: string, b: string) => {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(rb, ra);
    };
    const repeats = new Map<string, string>();
    for (const c of candidates) {
      join(c.id, c.id);
      const key = `${c.chars}\u0000${c.title}`;
      const first = repeats.get(key);
      if (first) join(first, c.id);
      else repeats.set(key, c.id);
    }
    for (const { root, id } of reachStmt.all({ ids: JSON.stringify(candidates.map((c) => c.id)) }) as Array<{ root: string; id: string }>) {
      join(root, id);
    }
    const members = new Map<string, string[]>();
    for (const id of parent.keys()) {
      const r = find(id);
      const list = members.get(r);
      if (list) list.push(id);
      else members.set(r, [id]);
    }
    return new Map(candidates.map((c) => {
      const all = members.get(find(c.id))!;
      return [c.id, [c.id, ...all.filter((x) => x !== c.id)]];
    }));
  };
}
