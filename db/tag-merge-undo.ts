// What a tag merge needs to be taken back (the toast's Undo, Mod-Z): each tag
// of the merged subtree as it was — renamed onto a name that was free, or
// folded into a tag that existed, with its row, every use (of live and trashed
// passages alike) and what it gave its target (the uses the target did not
// have, a description when it had none). Kept in memory for this process's
// last few merges, each found by the names it was asked with (the latest
// merge of `from` into `into`): an Undo offered by the app, not a history.
import { ApiError, type TagChange } from '../common/types.ts';
import type { Db } from './write.ts';

type Step =
  | { kind: 'renamed'; id: string; name: string }
  | { kind: 'folded'; id: string; name: string; created: string; description: string; uses: string[];
      target: string; added: string[]; describedTarget: boolean };

/** How many merges can be undone (the app offers the last one). */
const KEPT = 20;

const keyOf = (from: string, into: string) => JSON.stringify([from, into].map((n) => n.toLowerCase()));

export function createTagMergeUndo(db: Db) {
  const usesStmt = db.prepare('SELECT annotation_id FROM annotation_tags WHERE tag_id = ?').pluck();
  const addedStmt = db.prepare(`SELECT annotation_id FROM annotation_tags WHERE tag_id = @from
    AND annotation_id NOT IN (SELECT annotation_id FROM annotation_tags WHERE tag_id = @to)`).pluck();
  const rowStmt = db.prepare('SELECT id, name, created, description FROM tags WHERE id = ?');
  const byNameStmt = db.prepare('SELECT id, deleted_at FROM tags WHERE name = ?');
  const insertStmt = db.prepare('INSERT INTO tags (id, name, created, description) VALUES (@id, @name, @created, @description)');
  const relinkStmt = db.prepare(`INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)
    SELECT value, @id FROM json_each(@uses) WHERE value IN (SELECT id FROM annotations)`);
  const unlinkStmt = db.prepare('DELETE FROM annotation_tags WHERE tag_id = @target AND annotation_id IN (SELECT value FROM json_each(@added))');
  const undescribeStmt = db.prepare("UPDATE tags SET description = '' WHERE id = @target AND description = @description");
  const renameStmt = db.prepare('UPDATE tags SET name = ? WHERE id = ?');
  const purgeStmt = db.prepare('DELETE FROM tags WHERE id = ?');
  const merges = new Map<string, { name: string; steps: Step[] }>();

  /** The name is free for the tag `id` again (a tag in the trash holding it is purged, as a new tag's name claims it); refused when a live tag has it. */
  const free = (name: string, id: string) => {
    const holder = byNameStmt.get(name) as { id: string; deleted_at: string | null } | undefined;
    if (!holder || holder.id === id) return;
    if (holder.deleted_at === null) throw new ApiError('conflict', `The merge cannot be undone: there is a tag “${name}” again`);
    purgeStmt.run(holder.id);
  };

  return {
    /** A merge under way (`name`: the merged tag's own spelling): call renamed/folded before each step's write, then done() to keep it for undo(from, into). */
    begin(from: string, into: string, name: string) {
      const steps: Step[] = [];
      return {
        renamed(id: string) {
          const row = rowStmt.get(id) as { name: string };
          steps.push({ kind: 'renamed', id, name: row.name });
        },
        folded(id: string, target: { id: string; description: string }) {
          const row = rowStmt.get(id) as { id: string; name: string; created: string; description: string };
          steps.push({
            kind: 'folded', ...row, uses: usesStmt.all(id) as string[], target: target.id,
            added: addedStmt.all({ from: id, to: target.id }) as string[], describedTarget: !target.description && !!row.description,
          });
        },
        done(): void {
          const key = keyOf(from, into);
          merges.delete(key); // (the latest merge of the two names is the one to undo, and the newest entry)
          merges.set(key, { name, steps });
          for (const old of merges.keys()) { if (merges.size <= KEPT) break; merges.delete(old); }
        },
      };
    },
    /** Takes back the latest merge of `from` into `into` (in the caller's write): the tags it folded are made again, with their uses; the ones it renamed get their names back. */
    undo(from: string, into: string): TagChange & { name: string } {
      const key = keyOf(from, into);
      const merge = merges.get(key);
      if (!merge) throw new ApiError('not-found', `Nothing to undo: no merge of “${from}” into “${into}” here (undone already, or too old)`);
      let annotations = 0;
      for (const step of merge.steps.slice().reverse()) {
        free(step.name, step.id);
        if (step.kind === 'renamed') {
          if (rowStmt.get(step.id)) renameStmt.run(step.name, step.id);
          continue;
        }
        if (step.describedTarget) undescribeStmt.run({ target: step.target, description: step.description });
        unlinkStmt.run({ target: step.target, added: JSON.stringify(step.added) });
        insertStmt.run(step);
        annotations += relinkStmt.run({ id: step.id, uses: JSON.stringify(step.uses) }).changes;
      }
      merges.delete(key);
      return { tags: merge.steps.length, annotations, name: merge.name };
    },
  };
}
