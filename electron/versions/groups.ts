// Version groups: the connected components of the undismissed version and
// revision relations (shared passages do not make two texts versions).
import type { Id, VersionGroup } from '../../common/types.ts';

export interface GroupEdge {
  a: Id;
  b: Id;
  kind: string;
  dismissed: boolean;
}

/**
 * Components of two or more sources. `order` ranks sources (their import
 * order): each group lists its sources in that order, groups by their first.
 */
export function versionGroups(edges: readonly GroupEdge[], order: (id: Id) => number): VersionGroup[] {
  const parent = new Map<Id, Id>();
  const find = (x: Id): Id => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root;) { const next = parent.get(y)!; parent.set(y, root); y = next; }
    return root;
  };
  for (const e of edges) {
    if (e.dismissed || (e.kind !== 'version' && e.kind !== 'revision')) continue;
    for (const x of [e.a, e.b]) if (!parent.has(x)) parent.set(x, x);
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const members = new Map<Id, Id[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    members.set(r, [...(members.get(r) ?? []), x]);
  }
  const byOrder = (x: Id, y: Id) => order(x) - order(y) || (x < y ? -1 : x > y ? 1 : 0);
  return [...members.values()].map((ids) => ids.sort(byOrder)).sort((x, y) => byOrder(x[0]!, y[0]!)).map((sources) => ({ sources }));
}
