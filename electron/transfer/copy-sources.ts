// Copying (or moving) sources from this library into another library file:
// "copy these sources with their annotations into the team library". Each
// source goes with its text, its original file and page map, and its
// annotations with their tags (matched by name there, made when missing);
// ids are kept, so copying twice adds nothing the second time. The other
// library is written in one IMMEDIATE transaction; a move takes the sources
// out of this library (to its trash, so it can be undone) only after that
// transaction committed. Collections, notes and version relations stay here.
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { ApiError, type Id, type TransferResult, type TransferredSource } from '../../common/types.ts';
import type { AnnotationRecord, SourceRecord } from '../../db/sync-rows.ts';
import type { OriginalMeta } from '../../db/sync-originals.ts';
import type { SourcePage } from '../../common/types.ts';
import { indexForVersions } from '../versions/detect.ts';
import { createTagIds } from '../../db/tags.ts';

/** At most this many sources in one copy (each with its annotations, read whole). */
export const MAX_TRANSFER_SOURCES = 10_000;

interface Outgoing {
  source: SourceRecord;
  text: string;
  original: { meta: Omit<OriginalMeta, 'stored'>; bytes: Buffer; pages: SourcePage[] } | null;
  annotations: (AnnotationRecord & { tagNames: string[] })[];
}

/** The other library, open for writing, or a clear refusal naming it. */
function openTarget(from: Store, path: string): Store {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ApiError('invalid-path', `There is no library at ${abs}: give the path of an existing library file (any lectern command with --db ${abs} makes an empty one)`);
  }
  if (realpathSync(abs) === realpathSync(resolve(from.file))) {
    throw new ApiError('invalid-path', `${abs} is this library itself: give another library to copy into`);
  }
  let target: Store;
  try {
    target = openStore(abs);
    target.db.prepare('SELECT count(*) FROM sources').get();
  } catch (err) {
    throw new ApiError('invalid-path', `${abs} is not a Lectern library (${(err as Error).message})`);
  }
  const refusal = target.status().readOnly;
  if (refusal) {
    target.close();
    throw new ApiError(refusal.code, `Cannot copy into ${abs}: ${refusal.message}`);
  }
  return target;
}

/** What a source takes along, read from this library. */
function gather(from: Store, id: Id, annotationIds: readonly string[]): Outgoing | string {
  const rows = from.syncRows;
  const source = rows.read('source', id);
  if (!source) return `no source ${id} in this library`;
  if (source.deletedAt !== null) return `source ${id} ("${source.title}") is in the trash: restore it first`;
  const meta = rows.originals.meta(id);
  const bytes = rows.originals.bytes(id);
  const annotations = annotationIds.map((a) => {
    const record = rows.read('annotation', a)!;
    return { ...record, tagNames: record.tags.map((t) => rows.read('tag', t)?.name).filter((n): n is string => n !== undefined) };
  });
  return {
    source,
    text: rows.sourceText(id)!,
    original: meta && bytes ? { meta: { format: meta.format, codec: meta.codec, size: meta.size }, bytes, pages: rows.originals.pages(id) } : null,
    annotations,
  };
}

/** The live tag with a name in the target (a tag of that name in its trash gives the name up, as in the store). */
type LiveTag = (name: string) => { id: string } | undefined;

/** Writes one source and its annotations into the target (inside its transaction). */
function put(target: Store, out: Outgoing, inserted: Id[], liveTag: LiveTag): TransferredSource | string {
  const rows = target.syncRows;
  const { source } = out;
  let targetId = source.id;
  let status: TransferredSource['status'] = 'copied';
  const same = rows.read('source', source.id);
  if (same) {
    if (same.deletedAt !== null) return `source ${source.id} ("${source.title}") is in the other library's trash: restore it there first`;
    status = 'already-there';
  } else {
    const twin = rows.liveTwin(source.sha256, source.id);
    if (twin !== undefined) {
      if (rows.read('source', twin)!.textSha256 !== source.textSha256) {
        return `source ${source.id} ("${source.title}") is the same file as ${twin} there, read with another encoding: reopen one with the other's encoding first`;
      }
      targetId = twin;
      status = 'same-file-there';
    } else {
      rows.writeSource(source, out.text);
      if (out.original) {
        rows.originals.write(source.id, out.original.meta, out.original.bytes, out.original.pages);
        rows.originals.unwant(source.id);
      }
      inserted.push(source.id);
    }
  }
  let annotations = 0;
  for (const a of out.annotations) {
    if (rows.read('annotation', a.id)) continue;
    const tags = a.tagNames.map((name, i) => {
      const there = liveTag(name);
      if (there !== undefined) return there.id;
      // the same id as here when it is free there, so a second copy finds it
      const id = rows.tagExists(a.tags[i]!) ? randomUUID() : a.tags[i]!;
      rows.writeTag({ id, name, created: new Date().toISOString(), description: '', deletedAt: null });
      return id;
    });
    const { tagNames: _names, ...record } = a;
    rows.writeAnnotation({
      ...record, sourceId: targetId, tags: [...new Set(tags)].sort(),
      carriedFrom: record.carriedFrom !== null && rows.read('annotation', record.carriedFrom) ? record.carriedFrom : null,
    });
    annotations++;
  }
  return { id: source.id, targetId, title: source.title, status, annotations };
}

/** Copies (or moves) sources into the library at `toPath`. Bad ids are named; the others still go. */
export function copySources(from: Store, ids: readonly Id[], toPath: string, options: { move?: boolean } = {}): TransferResult {
  if (ids.length > MAX_TRANSFER_SOURCES) throw new ApiError('too-large', `At most ${MAX_TRANSFER_SOURCES} sources at a time (${ids.length} given)`);
  const target = openTarget(from, toPath);
  const failed: { id: Id; reason: string }[] = [];
  const sources: TransferredSource[] = [];
  try {
    const inserted: Id[] = [];
    const annotationsOf = from.db.prepare('SELECT id FROM annotations WHERE source_id = ? AND deleted_at IS NULL ORDER BY seq').pluck();
    target.syncRows.resetIndexQueue();
    const liveTag = createTagIds(target.db).claim;
    target.write(() => {
      // one source read at a time, so memory holds one text and one original, whatever the count
      for (const id of new Set(ids)) {
        const out = gather(from, id, annotationsOf.all(id) as string[]);
        const done = typeof out === 'string' ? out : put(target, out, inserted, liveTag);
        if (typeof done === 'string') failed.push({ id, reason: done });
        else sources.push(done);
      }
      target.syncRows.indexNewSources();
    });
    // derived: a crash here is mended by `lectern versions --rebuild` there
    indexForVersions(target, inserted);
  } finally {
    target.close();
  }
  let moved = 0;
  if (options.move) {
    // only now that the copy is committed: to the trash here, so an undo (restore) brings them back
    from.write(() => {
      for (const s of sources) if (from.sources.delete(s.id)) moved++;
    });
  }
  return { to: resolve(toPath), sources, failed, moved };
}
