// What a synced record looks like on the server: one CouchDB document per
// record, its id '<kind>:<uuid>', its body the record's fields (plus `type`
// and the document version `v`). A source's text travels in a document of its
// own, `text:<source id>`, with the text
// as its attachment: big texts go in their own batches and never hold back the
// small documents. Bodies are validated on arrival; a body this Lectern does
// not understand is parked, never half-applied.
import { z } from 'zod';
import { ANNOTATION_COLORS } from '../../common/types.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../../common/import-formats.ts';
import type { SyncKind } from '../../db/sync-tables.ts';
import type { SyncRecords } from '../../db/sync-rows.ts';

/** The version of the document format this Lectern writes and reads (the server's library marker says which it holds). */
export const SYNC_SCHEMA = 1;
/** The library marker: which library a database holds, in which format. */
export const LIBRARY_DOC_ID = 'lectern:library';
export const TEXT_PREFIX = 'text:';
export const TEXT_ATTACHMENT = 'text.txt';

const iso = z.string().min(10).max(40);
const str = (max: number) => z.string().max(max);
const uuid = z.string().min(1).max(100);
const share = z.number().min(0).max(1).nullable();

const SCHEMAS = {
  source: z.object({
    id: uuid, title: str(1000).min(1), published: str(40).nullable(), publisher: str(1000).nullable(),
    url: str(4000).nullable(), byline: str(1000).nullable(), originalPath: str(4096).nullable(),
    originalName: str(1000), sha256: z.string().regex(/^[0-9a-f]{64}$/), encoding: str(100),
    chars: z.number().int().min(0), importedAt: iso, updatedAt: iso, deletedAt: iso.nullable(),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }).strict(),
  // description and deletedAt came with the codebook (migration 0013): a tag from a Lectern before it has neither
  tag: z.object({
    id: uuid, name: str(200).min(1), created: iso, description: str(10_000).default(''), deletedAt: iso.nullable().default(null),
  }).strict(),
  annotation: z.object({
    id: uuid, sourceId: uuid, start: z.number().int().min(0), end: z.number().int().min(0), exact: str(1_000_000),
    prefix: str(1000), suffix: str(1000), color: z.enum(ANNOTATION_COLORS), comment: str(100_000),
    status: z.enum(['anchored', 'moved', 'orphaned']), score: z.number().nullable(), tags: z.array(uuid).max(100),
    author: str(200), created: iso, modified: iso, deletedAt: iso.nullable(), carriedFrom: uuid.nullable(),
  }).strict(),
  note: z.object({
    id: uuid, title: str(1000), doc: z.unknown(), author: str(200), created: iso, modified: iso, deletedAt: iso.nullable(),
  }).strict(),
  collection: z.object({
    id: uuid, name: str(500).min(1), created: iso, modified: iso, deletedAt: iso.nullable(),
    sources: z.array(uuid).max(1_000_000),
  }).strict(),
  relation: z.object({
    id: z.string().min(3).max(201).regex(/^[^~]+~[^~]+$/), a: uuid, b: uuid, kind: z.enum(['version', 'shares', 'revision']),
    similarity: share, aInB: share, bInA: share, passages: z.number().int().min(0).nullable(),
    origin: z.enum(['detected', 'manual']), dismissed: z.boolean(), created: iso, updated: iso,
  }).strict(),
} satisfies { [K in SyncKind]: z.ZodType<SyncRecords[K]> };

export interface KindSpec {
  /** Fields merged one by one in a conflict (the rest of the body is identity or bookkeeping). */
  fields: readonly string[];
  /** Fields that say when: in a merge the later value is taken, never a conflict. */
  clocks: readonly string[];
  /** Fields that are sets (sorted arrays): both sides' additions and removals are merged, never a conflict. */
  sets?: readonly string[];
  /** The fields a researcher edits (an edit against a delete keeps the edit). */
  content: readonly string[];
  /** What a conflict list shows of the record. */
  label(record: Record<string, unknown>): string;
}

export const KINDS: Record<SyncKind, KindSpec> = {
  source: {
    fields: ['title', 'published', 'publisher', 'url', 'byline', 'originalPath', 'originalName', 'deletedAt'],
    clocks: ['updatedAt'],
    content: ['title', 'published', 'publisher', 'url', 'byline'],
    label: (r) => String(r.title ?? ''),
  },
  tag: {
    fields: ['name', 'description', 'deletedAt'],
    clocks: [],
    content: ['name', 'description'],
    label: (r) => String(r.name ?? ''),
  },
  annotation: {
    fields: ['anchor', 'color', 'comment', 'tags', 'deletedAt'],
    clocks: ['modified'],
    content: ['anchor', 'color', 'comment', 'tags'],
    label: (r) => String(r.exact ?? '').slice(0, 120),
  },
  note: {
    fields: ['title', 'doc', 'deletedAt'],
    clocks: ['modified'],
    content: ['title', 'doc'],
    label: (r) => String(r.title ?? ''),
  },
  collection: {
    fields: ['name', 'sources', 'deletedAt'],
    clocks: ['modified'],
    sets: ['sources'],
    content: ['name', 'sources'],
    label: (r) => String(r.name ?? ''),
  },
  relation: {
    // the figures are measured from the two texts (the same on every machine): what a researcher decides is kind, origin, dismissed
    fields: ['kind', 'origin', 'dismissed'],
    clocks: ['updated'],
    content: ['kind', 'origin', 'dismissed'],
    label: (r) => `${String(r.a ?? '')} ~ ${String(r.b ?? '')}`,
  },
};

/** An annotation's position is one field for merging: start, end and the quote move together. */
export const ANCHOR_FIELDS = ['sourceId', 'start', 'end', 'exact', 'prefix', 'suffix', 'status', 'score'] as const;

/** A record as the body of its document. */
export function toBody(kind: SyncKind, record: SyncRecords[SyncKind]): Record<string, unknown> {
  return { type: kind, v: SYNC_SCHEMA, ...record };
}

export type Parsed<K extends SyncKind = SyncKind> = { ok: true; record: SyncRecords[K] } | { ok: false; reason: string };

/** A received body as a record, or why it cannot be taken. */
export function fromBody<K extends SyncKind>(kind: K, body: Record<string, unknown>): Parsed<K> {
  if (body.type !== kind) return { ok: false, reason: `its type is ${JSON.stringify(body.type)}, not ${kind}` };
  if (typeof body.v !== 'number' || body.v > SYNC_SCHEMA) {
    return { ok: false, reason: `it is in document format ${String(body.v)}, newer than this Lectern's ${SYNC_SCHEMA}: update Lectern` };
  }
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'type' && k !== 'v' && !k.startsWith('_')));
  const parsed = SCHEMAS[kind].safeParse(fields);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  }
  return { ok: true, record: parsed.data as SyncRecords[K] };
}

/** A field of a body for merging (the annotation's anchor is its position fields together). */
export function fieldValue(kind: SyncKind, body: Record<string, unknown>, field: string): unknown {
  if (kind === 'annotation' && field === 'anchor') return ANCHOR_FIELDS.map((f) => body[f]);
  return body[field];
}

export function setField(kind: SyncKind, body: Record<string, unknown>, field: string, value: unknown): void {
  if (kind === 'annotation' && field === 'anchor') {
    ANCHOR_FIELDS.forEach((f, i) => { body[f] = (value as unknown[])[i]; });
  } else {
    body[field] = value;
  }
}

/** The text document of a source: its body (the attachment goes beside it). */
export const textBody = (sourceId: string, textSha256: string, chars: number): Record<string, unknown> =>
  ({ type: 'text', v: SYNC_SCHEMA, sourceId, textSha256, chars });

/**
 * A source's original file travels in a document of its own, `original:<source id>`,
 * never in the source's or its text's: it is fetched on its own after the
 * source arrived (never inlined in a _bulk_get answer), so a 50 MB PDF holds
 * back neither the source nor anything else.
 */
export const ORIGINAL_PREFIX = 'original:';
export const ORIGINAL_ATTACHMENT = 'original';

const ORIGINAL_BODY = z.object({
  type: z.literal('original'), v: z.number().int().min(1).max(SYNC_SCHEMA),
  sourceId: uuid,
  format: z.enum([...new Set(Object.values(IMPORT_FORMATS))] as [ImportFormat, ...ImportFormat[]]),
  codec: z.enum(['gzip', 'identity']),
  size: z.number().int().min(1),
  /** The original file's sha256: the source's own `sha256`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** A PDF's page map. */
  pages: z.array(z.object({ page: z.number().int().min(1), label: str(200).nullable(), start: z.number().int().min(0) }).strict()).max(100_000),
}).strict();
export type OriginalBody = z.infer<typeof ORIGINAL_BODY>;

/** The body of an original's document (the stored bytes go beside it). */
export const originalBody = (b: Omit<OriginalBody, 'type' | 'v'>): OriginalBody => ({ type: 'original', v: SYNC_SCHEMA, ...b });

/** A received original's body, or why it cannot be taken. */
export function parseOriginalBody(body: Record<string, unknown>): { ok: true; body: OriginalBody } | { ok: false; reason: string } {
  if (typeof body.v === 'number' && body.v > SYNC_SCHEMA) {
    return { ok: false, reason: `it is in document format ${body.v}, newer than this Lectern's ${SYNC_SCHEMA}: update Lectern` };
  }
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('_')));
  const parsed = ORIGINAL_BODY.safeParse(fields);
  return parsed.success ? { ok: true, body: parsed.data }
    : { ok: false, reason: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
}
