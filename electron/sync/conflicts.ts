// Conflicts the researcher resolves: a record edited on two machines where
// both changed the same field (a note's text, most often). Both versions are
// kept until then; resolving writes the chosen or merged version as a new
// revision after ours and closes the other machines' versions, so every
// machine ends with it.
import type { Store } from '../../db/store.ts';
import { ApiError, type SyncConflict, type SyncResolution } from '../../common/types.ts';
import { parseDocId } from '../../db/sync-tables.ts';
import { KINDS, fromBody } from './kinds.ts';
import { CLOSED_BODY, createLocal } from './local.ts';
import { canonical, nextRevision } from './revs.ts';

const recordOf = (body: string): Record<string, unknown> => {
  const { type: _t, v: _v, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

export function listConflicts(store: Store): SyncConflict[] {
  const byDoc = new Map<string, SyncConflict>();
  for (const c of store.changes.conflicts()) {
    const parsed = parseDocId(c.docId);
    const ours = store.changes.doc(c.docId);
    if (!parsed || !ours) continue;
    let entry = byDoc.get(c.docId);
    if (!entry) {
      const record = recordOf(ours.body);
      entry = {
        docId: c.docId, kind: parsed.kind, id: parsed.id, label: KINDS[parsed.kind].label(record), fields: c.fields,
        ours: record, theirs: [], foundAt: c.foundAt,
      };
      byDoc.set(c.docId, entry);
    }
    entry.theirs.push({ rev: c.rev, record: recordOf(c.body) });
  }
  return [...byDoc.values()];
}

export function resolveConflict(store: Store, docId: string, resolution: SyncResolution): SyncConflict[] {
  const parsed = parseDocId(docId);
  if (!parsed) throw new ApiError('not-found', `No synced record ${docId}`);
  const local = createLocal(store);
  store.write(() => {
    const ours = store.changes.doc(docId);
    const others = store.changes.conflictsOf(docId);
    if (!ours || others.length === 0) throw new ApiError('not-found', `${docId} has no conflict to resolve`);
    let body: Record<string, unknown>;
    if ('merged' in resolution) body = { ...(JSON.parse(ours.body) as Record<string, unknown>), ...resolution.merged, id: parsed.id };
    else if (resolution.keep === 'ours') body = JSON.parse(ours.body) as Record<string, unknown>;
    else {
      const theirs = others.find((o) => o.rev === resolution.rev);
      if (!theirs) throw new ApiError('not-found', `${docId} has no conflicting version ${resolution.rev}`);
      body = JSON.parse(theirs.body) as Record<string, unknown>;
    }
    const checked = fromBody(parsed.kind, body);
    if (!checked.ok) throw new ApiError('invalid-arguments', `The merged version cannot be kept: ${checked.reason}`);
    const text = canonical(body);
    const next = nextRevision(ours, text, false);
    const leaf = { rev: next.rev, revs: next.revs, body: text, deleted: false };
    const applied = local.apply(docId, leaf, new Map());
    if (!applied.ok) throw new ApiError('conflict', applied.reason);
    store.changes.putDoc({ docId, ...leaf });
    for (const other of others) {
      const closed = nextRevision(other, CLOSED_BODY, true);
      store.changes.putSend({ docId, rev: closed.rev, revs: closed.revs, body: CLOSED_BODY });
    }
    store.changes.dropConflicts(docId);
    store.changes.enqueue(docId);
  });
  return listConflicts(store);
}
