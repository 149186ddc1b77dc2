// What one received document does to this library, decided from its leaf
// revisions (the server's, ours, and any conflict we hold), inside the pull's
// write transaction:
// - one live leaf: this library takes it (or already is it);
// - no live leaf: the record was purged everywhere, it goes here too;
// - several live leaves (edited on two machines): merged field by field when
//   no field was changed on both sides (the merge is a new revision on the
//   winning leaf, the others are closed with tombstones, so every machine that
//   merges makes the very same revisions); otherwise this library keeps its
//   own version and holds the others as conflicts for the researcher.
import type { Store } from '../../db/store.ts';
import type { DocState } from '../../db/changes.ts';
import { parseDocId } from '../../db/sync-tables.ts';
import { KINDS } from './kinds.ts';
import { mergeBodies, type Body } from './merge.ts';
import { CLOSED_BODY, TOMBSTONE_BODY, type Leaf, type Local } from './local.ts';
import { canonical, commonAncestor, descends, nextRevision, winner } from './revs.ts';

export type Outcome = 'unchanged' | 'applied' | 'merged' | 'conflict' | 'parked' | 'refused';

const leafOf = (d: DocState): Leaf => ({ rev: d.rev, revs: d.revs, body: d.body, deleted: d.deleted });

export function createResolver(store: Store, local: Local) {
  const { changes } = store;

  /** Takes a leaf as this library's state (rows and revision), unless it cannot be applied yet. */
  function take(docId: string, leaf: Leaf, texts: ReadonlyMap<string, string>, wasDirty: boolean): Outcome {
    const applied = local.apply(docId, leaf, texts);
    if (!applied.ok) {
      changes.park({ docId, rev: leaf.rev, revs: leaf.revs, body: leaf.body, reason: applied.reason, parkedAt: new Date().toISOString() });
      if (!applied.waiting) changes.notice(docId, 'refused', applied.reason);
      return applied.waiting ? 'parked' : 'refused';
    }
    settle(docId, leaf, wasDirty);
    if (applied.changed) changes.enqueue(docId);
    return 'applied';
  }

  /** Records `leaf` as what the rows are and what the server shares; the write it made needs no sending back. */
  function settle(docId: string, leaf: Leaf, wasDirty: boolean): void {
    changes.putDoc({ docId, ...leaf });
    changes.unpark(docId);
    const seq = changes.outboxSeq(docId);
    if (!wasDirty && seq !== undefined) changes.sent([{ docId, seq }]);
    // Sending what we just received would do no harm (the server has it); skipping it saves a round trip.
  }

  /**
   * Resolves a document against the leaves the server named. `received` holds
   * the revisions fetched (or parked earlier) by rev id.
   */
  function resolve(docId: string, serverLeaves: readonly string[], received: ReadonlyMap<string, Leaf>, texts: ReadonlyMap<string, string>): Outcome {
    const kind = parseDocId(docId)!.kind;
    const wasDirty = changes.outboxSeq(docId) !== undefined;
    const ours = wasDirty ? local.stamp(docId) : (changes.doc(docId) ?? null);
    const held = new Map(changes.conflictsOf(docId).map((c) => [c.rev, c]));

    const leaves: Leaf[] = [];
    for (const rev of serverLeaves) {
      const got = received.get(rev);
      if (got) leaves.push(got);
      else if (ours && ours.rev === rev) leaves.push(leafOf(ours));
      else if (held.has(rev)) {
        const c = held.get(rev)!;
        leaves.push({ rev: c.rev, revs: c.revs, body: c.body, deleted: false });
      }
      // else: an ancestor of ours (ours is newer and not yet sent), or a revision that could not be fetched
    }
    if (ours && !leaves.some((l) => l.rev === ours.rev || descends(l, ours.rev))) leaves.push(leafOf(ours));
    // keep only true leaves: none that another one descends from
    const tips = leaves.filter((l, i) => !leaves.some((o, j) => j !== i && o.rev !== l.rev && descends(o, l.rev)))
      .filter((l, i, all) => all.findIndex((o) => o.rev === l.rev) === i);
    if (tips.length === 0) return 'unchanged';

    const alive = tips.filter((l) => !l.deleted);
    if (alive.length <= 1) {
      const only = alive[0] ?? winner(tips);
      changes.dropConflicts(docId);
      // a delete (a purge's tombstone, not a merge closing a branch) that just arrived lost against an edit
      if (!only.deleted && tips.some((t) => t.deleted && t.body === TOMBSTONE_BODY && (received.has(t.rev) || ours?.rev === t.rev))) {
        changes.notice(docId, 'kept-edit', `${KINDS[kind].label(JSON.parse(only.body) as Body) || docId} was deleted on one machine and edited on another: the edit was kept`);
      }
      if (ours && ours.rev === only.rev) {
        settle(docId, only, wasDirty);
        return 'unchanged';
      }
      return take(docId, only, texts, wasDirty);
    }

    // Edited on two (or more) machines.
    const top = winner(alive);
    /** The body both started from, when this library still has it (or null: every differing field is then a conflict). */
    const baseOf = (other: Leaf): Body | null => {
      const anc = commonAncestor(top, other);
      const body = anc === null ? null : (changes.bodyAt(docId, anc) ?? (held.get(anc)?.body ?? null));
      return body === null || body === TOMBSTONE_BODY ? null : (JSON.parse(body) as Body);
    };
    let merged = JSON.parse(top.body) as Body;
    const conflicting = new Set<string>();
    let keptEdit = false;
    let base: Body | null = null;
    for (const other of alive) {
      if (other.rev === top.rev) continue;
      base = baseOf(other);
      const r = mergeBodies(kind, base, merged, JSON.parse(other.body) as Body);
      r.conflicts.forEach((f) => conflicting.add(f));
      keptEdit ||= r.keptEdit !== null;
      merged = r.merged;
    }
    const label = KINDS[kind].label(merged) || docId;

    if (conflicting.size === 0) {
      const body = canonical(merged);
      const result: Leaf = body === top.body ? top : { ...nextRevision(top, body, false), body, deleted: false };
      for (const other of alive) {
        if (other.rev === top.rev) continue;
        const closed = nextRevision(other, CLOSED_BODY, true);
        changes.putSend({ docId, rev: closed.rev, revs: closed.revs, body: CLOSED_BODY });
      }
      changes.dropConflicts(docId);
      const outcome = take(docId, result, texts, true);
      if (outcome !== 'applied') return outcome;
      if (result !== top || wasDirty) changes.enqueue(docId);
      changes.notice(docId, keptEdit ? 'kept-edit' : 'merged', keptEdit
        ? `${label} was deleted on one machine and edited on another: the edit was kept`
        : `${label} was edited on two machines; the edits touched different fields and were merged`);
      return 'merged';
    }

    // Both changed the same field: this library keeps its own version (or, with none, the winner) and holds the rest.
    const shown = ours && alive.some((l) => l.rev === ours.rev) ? leafOf(ours) : top;
    if (!ours || ours.rev !== shown.rev) {
      const outcome = take(docId, shown, texts, wasDirty);
      if (outcome !== 'applied') return outcome;
    }
    const foundAt = new Date().toISOString();
    for (const other of alive) {
      if (other.rev === shown.rev) continue;
      if (!held.has(other.rev)) {
        changes.notice(docId, 'conflict', `${label} was edited on two machines (${[...conflicting].join(', ')}): both versions are kept until you merge them`);
      }
      changes.putConflict({ docId, rev: other.rev, revs: other.revs, body: other.body, baseBody: base === null ? null : canonical(base), fields: [...conflicting], foundAt });
    }
    return 'conflict';
  }

  return { resolve };
}
