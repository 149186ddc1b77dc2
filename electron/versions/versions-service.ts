// The versions API over the store: compare two sources, carry annotations,
// list relations and groups, link and dismiss by hand, find versions.
import { ApiError, type Id, type ProgressEvent, type SourceComparison, type SourceRelation, type SourceRelations, type VersionsOverview, type VersionsRebuild } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import { NO_FIGURES } from '../../db/relations.ts';
import { found } from '../found.ts';
import { alignable, alignSources } from './align-sources.ts';
import { carryAnnotations } from './carry-annotations.ts';
import { classify } from './classify.ts';
import { versionGroups } from './groups.ts';
import { toRelatedSource, toSourceRelation } from './relation-view.ts';
import { startVersionsWorker } from './worker-client.ts';

export function createVersionsService(store: Store, onProgress?: (e: ProgressEvent) => void) {
  const source = (id: Id) => found(store.sources.get(id), 'source', id);
  /** Two different live sources. */
  const pair = (a: Id, b: Id) => {
    const x = source(a);
    const y = source(b);
    if (x.id === y.id) throw new ApiError('same-source', `Both are the same source (${a}); choose two different sources`);
    return [x, y] as const;
  };

  return {
    /** `align`: alignSources, or a cache of its answers (electron/versions/alignment-cache.ts). */
    compare(a: Id, b: Id, align: typeof alignSources = alignSources): SourceComparison {
      const [x, y] = pair(a, b);
      return { a: x.id, b: y.id, ...align(x, y) };
    },
    carry: (from: Id, to: Id, dryRun: boolean) => { pair(from, to); return carryAnnotations(store, from, to, dryRun); },
    relationsOf(id: Id): SourceRelations {
      source(id);
      return { id, relations: store.relations.listLiveFor(id).map((r) => toRelatedSource(r, id)) };
    },
    overview(): VersionsOverview {
      const rows = store.relations.listLive();
      const order = new Map<Id, number>();
      for (const r of rows) { order.set(r.a, r.aOrder); order.set(r.b, r.bOrder); }
      return { groups: versionGroups(rows, (id) => order.get(id)!), relations: rows.map(toSourceRelation) };
    },
    /** The whole library again, in the versions worker (its own connection; this thread keeps serving). */
    async rebuild(): Promise<VersionsRebuild> {
      const refused = store.status().readOnly;
      if (refused) throw new ApiError(refused.code, refused.message);
      const worker = startVersionsWorker(store.file, onProgress);
      try {
        return await worker.rebuild();
      } finally {
        await worker.close();
      }
    },
    link(a: Id, b: Id): SourceRelation {
      const [x, y] = pair(a, b);
      const figures = alignable(x, y) ? classify(alignSources(x, y)).figures : NO_FIGURES;
      // checked again under the lock: neither deleted meanwhile
      return toSourceRelation(store.write(() => { pair(a, b); return store.relations.link(x.id, y.id, figures); }));
    },
    unlink(a: Id, b: Id): SourceRelation {
      pair(a, b);
      const row = store.write(() => { pair(a, b); return store.relations.dismiss(a, b); });
      if (!row) throw new ApiError('not-related', `Sources ${a} and ${b} are not related: there is nothing to unlink`);
      return toSourceRelation(row);
    },
  };
}

export type VersionsService = ReturnType<typeof createVersionsService>;
