// Relations between sources (migration 0006): versions, shared passages and
// revisions, with their alignment figures, origin and dismissal. A pair has at
// most one relation, whichever way round. Only relations whose two sources are
// live are listed: a deleted source's relations are hidden and return with it.
import type { Id, RelationKind, RelationOrigin } from '../common/types.ts';
import { now } from './ids.ts';
import { createWriter, type Db, type Write } from './write.ts';

/** The figures of an alignment; null when it was not measured (a text too large to align). */
export interface RelationFigures {
  similarity: number | null;
  aInB: number | null;
  bInA: number | null;
  passages: number | null;
}

export interface RelationRow extends RelationFigures {
  a: Id;
  b: Id;
  kind: RelationKind;
  origin: RelationOrigin;
  dismissed: boolean;
  created: string;
  updated: string;
  /** Titles and published dates of a and b (the list shows them; dates feed the direction estimate). */
  aTitle: string;
  bTitle: string;
  aPublished: string | null;
  bPublished: string | null;
  /** Import order of a and b (sources.seq), for listing groups in a stable order. */
  aOrder: number;
  bOrder: number;
}

export const NO_FIGURES: RelationFigures = { similarity: null, aInB: null, bInA: null, passages: null };

interface Row {
  a_id: string; b_id: string; kind: RelationKind; similarity: number | null; a_in_b: number | null; b_in_a: number | null;
  passages: number | null; origin: RelationOrigin; dismissed: number; created: string; updated: string;
  a_title: string; b_title: string; a_published: string | null; b_published: string | null; a_seq: number; b_seq: number;
}

const toRelation = (r: Row): RelationRow => ({
  a: r.a_id, b: r.b_id, kind: r.kind, similarity: r.similarity, aInB: r.a_in_b, bInA: r.b_in_a, passages: r.passages,
  origin: r.origin, dismissed: r.dismissed === 1, created: r.created, updated: r.updated,
  aTitle: r.a_title, bTitle: r.b_title, aPublished: r.a_published, bPublished: r.b_published, aOrder: r.a_seq, bOrder: r.b_seq,
});

/** Figures as seen from the other side (a and b swapped). */
export const swapFigures = (f: RelationFigures): RelationFigures => ({ ...f, aInB: f.bInA, bInA: f.aInB });

const COLUMNS = `r.*, sa.title AS a_title, sb.title AS b_title, sa.published AS a_published, sb.published AS b_published,
  sa.seq AS a_seq, sb.seq AS b_seq`;
const LIVE = `SELECT ${COLUMNS} FROM source_relations r JOIN live_sources sa ON sa.id = r.a_id JOIN live_sources sb ON sb.id = r.b_id`;
const PAIR = '(min(r.a_id, r.b_id) = min(@a, @b) AND max(r.a_id, r.b_id) = max(@a, @b))';

export type RelationRepo = ReturnType<typeof createRelationRepo>;

export function createRelationRepo(db: Db, write: Write = createWriter(db)) {
  const liveStmt = db.prepare(`${LIVE} ORDER BY r.seq`);
  const liveForStmt = db.prepare(`${LIVE} WHERE r.a_id = @id OR r.b_id = @id ORDER BY r.seq`);
  // the pair's row even when one source is deleted: a dismissal or a link must not be lost meanwhile
  const pairStmt = db.prepare(`SELECT ${COLUMNS} FROM source_relations r
    JOIN sources sa ON sa.id = r.a_id JOIN sources sb ON sb.id = r.b_id WHERE ${PAIR}`);
  const insertStmt = db.prepare(`INSERT INTO source_relations
    (a_id, b_id, kind, similarity, a_in_b, b_in_a, passages, origin, dismissed, created, updated)
    VALUES (@a, @b, @kind, @similarity, @aInB, @bInA, @passages, @origin, 0, @at, @at)`);
  const figuresStmt = db.prepare(`UPDATE source_relations AS r SET similarity = @similarity, a_in_b = @aInB, b_in_a = @bInA,
    passages = @passages, updated = @at WHERE ${PAIR}`);
  const kindStmt = db.prepare(`UPDATE source_relations AS r SET kind = @kind, updated = @at WHERE ${PAIR}`);
  const linkStmt = db.prepare(`UPDATE source_relations AS r SET origin = 'manual', dismissed = 0,
    kind = CASE WHEN kind = 'revision' THEN kind ELSE 'version' END, updated = @at WHERE ${PAIR}`);
  const dismissStmt = db.prepare(`UPDATE source_relations AS r SET dismissed = 1, updated = @at WHERE ${PAIR}`);
  const staleStmt = db.prepare(`DELETE FROM source_relations AS r WHERE origin = 'detected' AND dismissed = 0
    AND kind IN ('version', 'shares') AND ${PAIR}`);
  const detectedLiveStmt = db.prepare(`${LIVE} WHERE r.origin = 'detected' AND r.dismissed = 0 AND r.kind IN ('version', 'shares')`);
  const unmeasuredStmt = db.prepare(`SELECT r.a_id AS a, r.b_id AS b FROM source_relations r
    WHERE r.kind = 'revision' AND r.similarity IS NULL
      AND (r.a_id IN (SELECT value FROM json_each(@ids)) OR r.b_id IN (SELECT value FROM json_each(@ids)))`);
  const previousRevisionStmt = db.prepare(`SELECT id, title FROM live_sources WHERE original_path = ? AND sha256 <> ?
    ORDER BY seq DESC LIMIT 1`);

  /** Figures stored as a relation's a and b, given figures measured from `from` to the other. */
  const oriented = (row: { a: Id }, from: Id, f: RelationFigures): RelationFigures => (row.a === from ? f : swapFigures(f));

  const pair = (a: Id, b: Id): RelationRow | undefined => {
    const r = pairStmt.get({ a, b }) as Row | undefined;
    return r && toRelation(r);
  };

  return {
    /** The relation between a and b (either way round), whatever the state of the two sources. */
    get: pair,
    /** Every relation whose two sources are live, oldest first. */
    listLive: (): RelationRow[] => (liveStmt.all() as Row[]).map(toRelation),
    /** The live relations of one source. */
    listLiveFor: (id: Id): RelationRow[] => (liveForStmt.all({ id }) as Row[]).map(toRelation),

    /**
     * Stores what detection found for a and b (figures measured from a to b). A new
     * pair is stored as detected. An existing detected relation takes the new kind
     * and figures; a dismissed one stays dismissed; a manual link or a revision keeps
     * its kind and only refreshes its figures.
     */
    saveDetected(a: Id, b: Id, kind: 'version' | 'shares', figures: RelationFigures): void {
      write(() => {
        const at = now();
        const row = pair(a, b);
        if (!row) { insertStmt.run({ a, b, kind, ...figures, origin: 'detected', at }); return; }
        if (row.dismissed) return;
        figuresStmt.run({ a, b, ...oriented(row, a, figures), at });
        if (row.origin === 'detected' && row.kind !== 'revision' && row.kind !== kind) kindStmt.run({ a, b, kind, at });
      });
    },
    /** b is the next revision of a (the same file, changed); figures come later (setFigures). */
    insertRevision(previous: Id, next: Id): void {
      write(() => {
        if (!pair(previous, next)) insertStmt.run({ a: previous, b: next, kind: 'revision', ...NO_FIGURES, origin: 'detected', at: now() });
      });
    },
    /** Sets the figures of an existing relation (measured from `from` to the other source). */
    setFigures(from: Id, to: Id, figures: RelationFigures): void {
      write(() => {
        const row = pair(from, to);
        if (row) figuresStmt.run({ a: from, b: to, ...oriented(row, from, figures), at: now() });
      });
    },
    /** Links (or confirms) a and b as versions by hand: manual, not dismissed; a revision stays a revision. */
    link(a: Id, b: Id, figures: RelationFigures): RelationRow {
      return write(() => {
        const at = now();
        const row = pair(a, b);
        if (!row) insertStmt.run({ a, b, kind: 'version', ...figures, origin: 'manual', at });
        else {
          linkStmt.run({ a, b, at });
          figuresStmt.run({ a, b, ...oriented(row, a, figures), at });
        }
        return pair(a, b)!;
      });
    },
    /** Dismisses the relation of a and b (it stays, so detection never proposes it again); undefined when there is none. */
    dismiss(a: Id, b: Id): RelationRow | undefined {
      return write(() => {
        if (!pair(a, b)) return undefined;
        dismissStmt.run({ a, b, at: now() });
        return pair(a, b);
      });
    },
    /** Detected, undismissed version and shares relations of live sources (what a rebuild may replace). */
    listDetectedLive: (): RelationRow[] => (detectedLiveStmt.all() as Row[]).map(toRelation),
    /** Removes a detected relation no longer found (a rebuild); manual, dismissed and revision ones stay. */
    removeStale(a: Id, b: Id): void {
      write(() => staleStmt.run({ a, b }));
    },
    /** Revision relations of these sources without figures yet. */
    unmeasuredRevisions: (ids: readonly Id[]): { a: Id; b: Id }[] =>
      unmeasuredStmt.all({ ids: JSON.stringify(ids) }) as { a: Id; b: Id }[],
    /** The newest live source imported from this path with other bytes: the one a changed file revises. */
    previousRevision: (originalPath: string, sha256: string): { id: Id; title: string } | undefined =>
      previousRevisionStmt.get(originalPath, sha256) as { id: Id; title: string } | undefined,
  };
}
