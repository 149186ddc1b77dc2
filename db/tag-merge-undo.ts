// What a tag merge needs to be taken back (the toast's Undo, Mod-Z, `lectern
// tag unmerge`), kept in the library (migration 0022), so it survives a
// restart and another process can undo it: each tag of the merged subtree as
// it was — renamed onto a name that was free, or folded into a tag that
// existed, with its row, every use (of live and trashed passages alike) and
// what it gave its target (the uses the target did not have, a description
// when it had none). A merge is found by the names it was asked with (the
// latest merge of `from` into `into`); the latest KEPT merges are kept.
//
// What changed since the merge is kept: a renamed tag renamed again (or
// trashed, or purged) keeps its new state, a target merged away or purged
// keeps what it was given, a purged passage is not tagged again; the undo says
// so in `notRestored`. A name taken again by a live tag refuses the whole
// undo, changing nothing (the caller's write rolls back).
import { ApiError, type TagMergeUndone } from '../common/types.ts';
import type { Db } from './write.ts';
import { now } from './ids.ts';

type Step =
  | { kind: 'renamed'; id: string; name: string; to: string }
  | { kind: 'folded'; id: string; name: string; created: string; description: string;
      target: string; targetName: string; describedTarget: boolean };


/** How many merges the library keeps to undo (the oldest go first). */
export const KEPT_MERGES = 100;

const keyOf = (name: string) => name.toLowerCase();
const passages = (n: number) => `${n} ${n === 1 ? 'passage' : 'passages'}`;

export function createTagMergeUndo(db: Db) {
  // prepared when first used: a store opens at an older schema (before 0022) too
  let s: ReturnType<typeof statements> | undefined;
  const st = () => (s ??= statements(db));

  /** The name is free for the tag `id` again (a tag in the trash holding it is purged, as a new tag's name claims it); refused when a live tag has it. */
  const free = (name: string, id: string) => {
    const holder = st().byName.get(name) as { id: string; name: string; deleted_at: string | null } | undefined;
    if (!holder || holder.id === id) return;
    if (holder.deleted_at === null) {
      throw new ApiError('conflict', `The merge cannot be undone: there is a tag “${holder.name}” again (made after the merge). Nothing was changed; rename or merge that tag first, then undo again.`);
    }
    st().purge.run(holder.id);
  };

  return {
    /** A merge under way (`name`: the merged tag's own spelling): call renamed/folded before each step's write, then done() to keep it for undo(from, into). */
    begin(from: string, into: string, name: string) {
      const steps: Step[] = [];
      const seq = Number(st().insertMerge.run({ from: keyOf(from), into: keyOf(into), name, at: now() }).lastInsertRowid);
      return {
        renamed(id: string, to: string) {
          const row = st().row.get(id) as { name: string };
          steps.push({ kind: 'renamed', id, name: row.name, to });
        },
        folded(id: string, target: { id: string; name: string; description: string }) {
          const row = st().row.get(id) as { id: string; name: string; created: string; description: string; deleted_at: string | null };
          st().keepUses.run({ seq, id, target: target.id });
          steps.push({
            kind: 'folded', id, name: row.name, created: row.created, description: row.description, target: target.id,
            targetName: target.name, describedTarget: !target.description && !!row.description,
          });
        },
        done(): void {
          st().setSteps.run(JSON.stringify(steps), seq);
          st().prune.run(KEPT_MERGES);
        },
      };
    },
    /** Takes back the latest merge of `from` into `into` (in the caller's write): the tags it folded are made again, with their uses; the ones it renamed get their names back. */
    undo(from: string, into: string): TagMergeUndone {
      const q = st();
      const merge = q.latest.get(keyOf(from), keyOf(into)) as { seq: number; name: string; steps: string } | undefined;
      if (!merge) throw new ApiError('not-found', `Nothing to undo: no merge of “${from}” into “${into}” is kept in this library (undone already, or older than the last ${KEPT_MERGES} merges)`);
      const steps = JSON.parse(merge.steps) as Step[];
      const notRestored: string[] = [];
      let annotations = 0;
      let tags = 0;
      for (const step of steps.slice().reverse()) {
        if (step.kind === 'renamed') {
          const row = q.row.get(step.id) as { name: string; deleted_at: string | null } | undefined;
          if (!row) notRestored.push(`“${step.to}” was purged from the trash after the merge: it cannot be “${step.name}” again.`);
          else if (row.deleted_at !== null) notRestored.push(`“${row.name}” was deleted after the merge: it stays in the trash under that name (restore it from the trash, then rename it “${step.name}”).`);
          else if (keyOf(row.name) !== keyOf(step.to)) notRestored.push(`“${step.to}” was renamed “${row.name}” after the merge: it keeps that name (it was “${step.name}”).`);
          else {
            free(step.name, step.id);
            q.rename.run(step.name, step.id);
            tags++;
          }
          continue;
        }
        free(step.name, step.id);
        const target = q.row.get(step.target) as { name: string } | undefined;
        if (!target) {
          const gave = q.addedCount.get({ seq: merge.seq, id: step.id }) as number;
          if (gave > 0) notRestored.push(`“${step.targetName}” was merged into another tag or purged after the merge: the ${passages(gave)} the merge gave it from “${step.name}” keep the tag they have now.`);
        } else {
          if (step.describedTarget) q.undescribe.run({ target: step.target, description: step.description });
          q.unlink.run({ seq: merge.seq, id: step.id, target: step.target });
        }
        q.insertTag.run(step);
        tags++;
        annotations += q.relink.run({ seq: merge.seq, id: step.id }).changes;
        const purged = q.purgedUses.get({ seq: merge.seq, id: step.id }) as number;
        if (purged > 0) notRestored.push(`${passages(purged)} tagged “${step.name}” ${purged === 1 ? 'was' : 'were'} purged after the merge: ${purged === 1 ? 'it is' : 'they are'} gone and cannot be tagged again.`);
      }
      q.forget.run(merge.seq);
      return { tags, annotations, name: merge.name, notRestored };
    },
  };
}

function statements(db: Db) {
  return {
    row: db.prepare('SELECT id, name, created, description, deleted_at FROM tags WHERE id = ?'),
    byName: db.prepare('SELECT id, name, deleted_at FROM tags WHERE name = ?'),
    purge: db.prepare('DELETE FROM tags WHERE id = ?'),
    insertMerge: db.prepare("INSERT INTO tag_merges (from_key, into_key, name, merged_at, steps) VALUES (@from, @into, @name, @at, '[]')"),
    setSteps: db.prepare('UPDATE tag_merges SET steps = ? WHERE seq = ?'),
    keepUses: db.prepare(`INSERT INTO tag_merge_uses (merge_seq, tag_id, annotation_id, added)
      SELECT @seq, @id, annotation_id, annotation_id NOT IN (SELECT annotation_id FROM annotation_tags WHERE tag_id = @target)
      FROM annotation_tags WHERE tag_id = @id`),
    // (the uses go with their merge: ON DELETE CASCADE)
    prune: db.prepare('DELETE FROM tag_merges WHERE seq <= (SELECT seq FROM tag_merges ORDER BY seq DESC LIMIT 1 OFFSET ?)'),
    latest: db.prepare("SELECT seq, name, steps FROM tag_merges WHERE from_key = ? AND into_key = ? AND steps <> '[]' ORDER BY seq DESC LIMIT 1"),
    insertTag: db.prepare('INSERT INTO tags (id, name, created, description) VALUES (@id, @name, @created, @description)'),
    relink: db.prepare(`INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)
      SELECT u.annotation_id, @id FROM tag_merge_uses u WHERE u.merge_seq = @seq AND u.tag_id = @id AND u.annotation_id IN (SELECT id FROM annotations)`),
    purgedUses: db.prepare(`SELECT count(*) FROM tag_merge_uses u WHERE u.merge_seq = @seq AND u.tag_id = @id
      AND u.annotation_id NOT IN (SELECT id FROM annotations)`).pluck(),
    addedCount: db.prepare('SELECT count(*) FROM tag_merge_uses WHERE merge_seq = @seq AND tag_id = @id AND added = 1').pluck(),
    unlink: db.prepare(`DELETE FROM annotation_tags WHERE tag_id = @target
      AND annotation_id IN (SELECT annotation_id FROM tag_merge_uses WHERE merge_seq = @seq AND tag_id = @id AND added = 1)`),
    undescribe: db.prepare("UPDATE tags SET description = '' WHERE id = @target AND description = @description"),
    rename: db.prepare('UPDATE tags SET name = ? WHERE id = ?'),
    forget: db.prepare('DELETE FROM tag_merges WHERE seq = ?'),
  };
}
