// The codebook's counts recounted from the rows themselves, the way the
// codebook counted them before they were stored (migration 0021): a test's
// reference for db/tags.ts's stored counts.
import type Database from 'better-sqlite3';

export interface Recount { name: string; count: number; total: number }

/** SQLite's NOCASE: ASCII letters only. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Every path of every live tag (parents included) with its live uses and its live annotations at or under it, sorted by path. */
export function recountTags(db: Database.Database): Recount[] {
  const tags = db.prepare('SELECT id, name FROM tags WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE').all() as Array<{ id: string; name: string }>;
  const uses = db.prepare(`SELECT at.annotation_id AS annotation, at.tag_id AS tag FROM annotation_tags at
    JOIN annotations a ON a.id = at.annotation_id JOIN sources s ON s.id = a.source_id
    WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL`).all() as Array<{ annotation: string; tag: string }>;
  const paths = new Map<string, { name: string; count: number; under: Set<string> }>();
  const pathsOf = new Map<string, string[]>();
  for (const t of tags) {
    const parts = t.name.split('/');
    const keys = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    for (const k of keys) if (!paths.has(nocase(k))) paths.set(nocase(k), { name: k, count: 0, under: new Set() });
    pathsOf.set(t.id, keys.map(nocase));
  }
  for (const u of uses) {
    const keys = pathsOf.get(u.tag);
    if (!keys) continue; // a tag in the trash
    paths.get(keys.at(-1)!)!.count++;
    for (const k of keys) paths.get(k)!.under.add(u.annotation);
  }
  return [...paths.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => ({ name: p.name, count: p.count, total: p.under.size }));
}
