// Two (or more) libraries syncing through a pouchdb-server: run `lectern sync`
// in its own process, and compare libraries record by record.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { cliProcess, start, CLI, type Finished } from './processes.ts';
import type { CouchServer } from './couch-server.ts';

export const SYNC_USER = { name: 'alice', password: 'alice-pw' };
export const DATABASE = 'team';

export interface SyncTarget { server: CouchServer; database?: string; user?: { name: string; password: string } }

const syncArgs = (file: string, t: SyncTarget, extra: string[]) => [
  '--db', file, 'sync', '--json', '--server', t.server.url, '--database', t.database ?? DATABASE,
  '--user', (t.user ?? SYNC_USER).name, ...extra,
];
const env = (t: SyncTarget) => ({ LECTERN_SYNC_PASSWORD: (t.user ?? SYNC_USER).password });

/** `lectern sync` in its own process, to the end. */
export const syncProcess = (file: string, t: SyncTarget, extra: string[] = []): Promise<Finished> =>
  cliProcess(syncArgs(file, t, extra), { env: env(t) });

/** `lectern sync` started (to be killed, or --watch). */
export const startSync = (file: string, t: SyncTarget, extra: string[] = []) => start(CLI, syncArgs(file, t, extra), { env: env(t) });

/** A sync that must succeed: its JSON report. */
export async function synced(file: string, t: SyncTarget, extra: string[] = []): Promise<Record<string, unknown>> {
  const r = await syncProcess(file, t, extra);
  if (r.code !== 0) throw new Error(`lectern sync ${file} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Everything a library holds that sync carries, in a comparable form (ids, texts and original files by sha256, annotations with tag names, notes). */
export function snapshot(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sources = (db.prepare(`SELECT id, title, published, publisher, url, byline, original_name, sha256, encoding, length,
        text, imported_at, updated_at, deleted_at FROM sources ORDER BY id`).all() as Array<Record<string, unknown> & { text: string }>)
      .map(({ text, ...rest }) => ({ ...rest, textSha256: sha(text) }));
    const annotations = db.prepare(`SELECT a.id, a.source_id, a.start_cp, a.end_cp, a.exact, a.prefix, a.suffix, a.color, a.comment,
        a.status, a.score, a.author, a.created, a.modified, a.deleted_at,
        (SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
          WHERE at.annotation_id = a.id ORDER BY t.name)) AS tags
      FROM annotations a ORDER BY a.id`).all();
    const notes = (db.prepare('SELECT id, title, doc, text, author, created, modified, deleted_at FROM notes ORDER BY id').all() as Array<{ doc: string }>)
      .map((n) => ({ ...n, doc: JSON.parse(n.doc) as unknown })); // the same document, whatever its key order
    const citations = db.prepare('SELECT note_id, ord, annotation_id, source_id, start_cp, end_cp, exact FROM citations ORDER BY note_id, ord').all();
    const tags = db.prepare('SELECT id, name FROM tags ORDER BY id').all();
    const collections = db.prepare(`SELECT id, name, created, modified, deleted_at,
        (SELECT json_group_array(source_id) FROM (SELECT source_id FROM collection_sources WHERE collection_id = c.id ORDER BY source_id)) AS sources
      FROM collections c ORDER BY id`).all();
    const relations = db.prepare(`SELECT min(a_id, b_id) AS lo, max(a_id, b_id) AS hi, kind, origin, dismissed, similarity
      FROM source_relations ORDER BY lo, hi`).all();
    // the original files as stored (compressed or not), by sha256, and the page maps
    const originals = (db.prepare('SELECT source_id, format, codec, size, bytes FROM source_originals ORDER BY source_id').all() as Array<{ bytes: Buffer }>)
      .map(({ bytes, ...rest }) => ({ ...rest, bytesSha256: createHash('sha256').update(bytes).digest('hex') }));
    const pages = db.prepare('SELECT source_id, page, label, start_cp FROM source_pages ORDER BY source_id, page').all();
    return { sources, annotations, notes, citations, tags, collections, relations, originals, pages };
  } finally {
    db.close();
  }
}

/** How many rows a table of a library holds right now (read while another process writes it). */
export function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Waits for a condition, polling; fails with `what` after timeoutMs. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
