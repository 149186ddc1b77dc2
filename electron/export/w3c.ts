// W3C Web Annotation Data Model (JSON-LD): export a source's annotations as an
// AnnotationCollection, and read annotation JSON back onto a source, re-anchoring
// each passage (common/reanchor.ts). Pure apart from node:url for file: URIs.
import { pathToFileURL } from 'node:url';
import type { Annotation, AnnotationColor, AnnotationStatus, Source } from '../../common/types.ts';
import { isAnnotationColor } from '../../common/types.ts';
import { OffsetMap, sliceCodePoints } from '../../common/offsets.ts';
import { quoteAt } from '../../common/selectors.ts';
import { reanchor } from '../../common/reanchor.ts';
import type { z } from 'zod';
import { annotationLimits } from '../../common/api.ts';
import { colorRgb } from './colors.ts';
import { MAX_JSON_DEPTH, tooDeep } from './annotation-json.ts';
import { headOf, tailOf } from './clip.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const STYLE_PREFIX = 'lectern-';

type Json = Record<string, unknown>;

/** RFC 6920 named-information URI of a SHA-256 given in hex. */
export function niUri(sha256Hex: string): string {
  const bytes = Buffer.from(sha256Hex, 'hex');
  return `ni:///sha-256;${bytes.toString('base64url')}`;
}

const urn = (id: string): string => (/^[a-z][a-z0-9+.-]*:/i.test(id) ? id : `urn:uuid:${id}`);
const isoUtc = (s: string): string | undefined => {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export interface W3cExportOptions {
  authorName: string;
  exportedAt?: Date;
  /** Collection / page ids; random UUIDs when absent. */
  collectionId?: string;
}

/** One annotation as a W3C Annotation (with its own @context, so it stands alone too). */
export function annotationToW3c(source: Source, a: Annotation, opts: W3cExportOptions): Json {
  const bodies: Json[] = [];
  if (a.comment.trim()) bodies.push({ type: 'TextualBody', value: a.comment, format: 'text/plain', purpose: 'commenting' });
  for (const tag of a.tags) bodies.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const motivation = a.comment.trim() ? 'commenting' : a.tags.length > 0 ? 'tagging' : 'highlighting';
  const sourceRes: Json = { id: niUri(source.sha256), type: 'Text', format: 'text/plain' };
  if (source.originalPath) sourceRes.via = pathToFileURL(source.originalPath).href;
  const [r, g, b] = colorRgb(a.color);
  const out: Json = {
    '@context': ANNO_CONTEXT,
    id: urn(a.id),
    type: 'Annotation',
    motivation,
    created: isoUtc(a.created),
    modified: isoUtc(a.modified),
    generator: { type: 'Software', name: 'Lectern' },
  };
  if (opts.authorName) out.creator = { type: 'Person', name: opts.authorName };
  if (bodies.length === 1) out.body = bodies[0];
  else if (bodies.length > 1) out.body = bodies;
  out.stylesheet = { type: 'CssStylesheet', value: `.${STYLE_PREFIX}${a.color} { background-color: rgb(${r}, ${g}, ${b}); }` };
  out.target = {
    type: 'SpecificResource',
    source: sourceRes,
    styleClass: `${STYLE_PREFIX}${a.color}`,
    selector: [
      { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
      { type: 'TextPositionSelector', start: a.start, end: a.end },
    ],
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** A source's annotations as an AnnotationCollection whose `first` page holds them all. */
export function exportW3c(source: Source, annotations: Annotation[], opts: W3cExportOptions): Json {
  const collectionId = urn(opts.collectionId ?? crypto.randomUUID());
  const items = [...annotations].sort((x, y) => x.start - y.start || x.end - y.end).map((a) => annotationToW3c(source, a, opts));
  const created = isoUtc((opts.exportedAt ?? new Date()).toISOString());
  return {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `Annotations on “${source.title}”`,
    total: items.length,
    created,
    generator: { type: 'Software', name: 'Lectern' },
    ...(opts.authorName ? { creator: { type: 'Person', name: opts.authorName } } : {}),
    first: {
      id: `${collectionId}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
}

// ---------------------------------------------------------------- import

/** An annotation read from W3C JSON and re-anchored onto the source. */
export interface ImportedW3cAnnotation {
  /** Position of the annotation in the file. */
  index: number;
  /** The W3C id with urn:uuid: removed when it is a UUID (else the id as given). */
  originalId: string | null;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: AnnotationStatus;
  score: number;
  color: AnnotationColor;
  comment: string;
  tags: string[];
  created: string | null;
  modified: string | null;
}

export interface W3cImportResult {
  annotations: ImportedW3cAnnotation[];
  skipped: { index: number; id: string | null; reason: string }[];
}

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const typesOf = (o: Json): string[] => asArray(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string');

/**
 * Annotations found in a document: a collection (first page), a page, an
 * annotation or an array of them, looked for down to MAX_JSON_DEPTH levels.
 */
export function annotationsIn(doc: unknown): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > MAX_JSON_DEPTH) throw tooDeep('The annotation JSON');
    if (Array.isArray(v)) { for (const item of v) visit(item, depth + 1); return; }
    if (!isObj(v)) return;
    const t = typesOf(v);
    if (t.includes('Annotation') || t.includes('oa:Annotation')) { out.push(v); return; }
    if (t.includes('AnnotationCollection')) { visit(v.first, depth + 1); return; }
    if (t.includes('AnnotationPage')) { visit(v.items, depth + 1); visit(v.next, depth + 1); return; }
    if (Array.isArray(v.items)) visit(v.items, depth + 1);
  };
  visit(doc, 0);
  return out;
}

/**
 * Context kept of a foreign quote's prefix and suffix (the part next to the
 * quote): ours are 32 code points, and re-anchoring compares the whole of
 * each against the text, so an unbounded one would cost unbounded time.
 */
export const MAX_CONTEXT = 256;

interface Selectors { quote?: { exact: string; prefix: string; suffix: string }; position?: { start: number; end: number } }

function collectSelectors(sel: unknown, into: Selectors, depth = 0): void {
  if (depth > MAX_JSON_DEPTH) throw tooDeep('A selector\'s refinedBy chain');
  for (const s of asArray(sel)) {
    if (!isObj(s)) continue;
    const t = typesOf(s);
    if (t.includes('TextQuoteSelector') && typeof s.exact === 'string' && !into.quote) {
      into.quote = {
        exact: s.exact,
        prefix: typeof s.prefix === 'string' ? tailOf(s.prefix, MAX_CONTEXT) : '',
        suffix: typeof s.suffix === 'string' ? headOf(s.suffix, MAX_CONTEXT) : '',
      };
    }
    if (t.includes('TextPositionSelector') && Number.isInteger(s.start) && Number.isInteger(s.end) && !into.position) {
      into.position = { start: s.start as number, end: s.end as number };
    }
    if (s.refinedBy) collectSelectors(s.refinedBy, into, depth + 1);
  }
}

const colorOf = (styleClass: unknown): AnnotationColor | null => {
  for (const c of asArray(styleClass)) {
    if (typeof c === 'string' && c.startsWith(STYLE_PREFIX)) {
      const name = c.slice(STYLE_PREFIX.length);
      if (isAnnotationColor(name)) return name;
    }
  }
  return null;
};

/** The comment (bodyValue and textual bodies) and tags (bodies whose purpose is tagging) of an annotation. */
function bodiesOf(anno: Json): { comment: string; tags: string[] } {
  let comment = typeof anno.bodyValue === 'string' ? anno.bodyValue : '';
  const tags: string[] = [];
  for (const body of asArray(anno.body)) {
    if (!isObj(body)) continue;
    const value = typeof body.value === 'string' ? body.value : typeof body.chars === 'string' ? body.chars : null;
    if (value === null) continue;
    const purpose = asArray(body.purpose);
    if (purpose.includes('tagging')) { if (value.trim()) tags.push(value.trim()); }
    else comment = comment ? `${comment}\n\n${value}` : value;
  }
  return { comment, tags };
}

/** The API's limits on an annotation (common/api.ts): what a file brings, and the range found for it. */
const bodyLimits = annotationLimits.pick({ comment: true, tags: true, color: true });
const rangeLimits = annotationLimits.pick({ start: true, end: true });

/** Why `value` breaks `schema`, or null when it keeps it. */
function overLimits(schema: z.ZodType, value: unknown): string | null {
  const checked = schema.safeParse(value);
  if (checked.success) return null;
  return checked.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}

/** Reads W3C annotation JSON (parsed) onto `source`, re-anchoring every passage. */
export function importW3c(source: Source, doc: unknown): W3cImportResult {
  const map = new OffsetMap(source.text);
  const result: W3cImportResult = { annotations: [], skipped: [] };
  annotationsIn(doc).forEach((anno, index) => {
    const id = typeof anno.id === 'string' ? anno.id : null;
    const sel: Selectors = {};
    let color: AnnotationColor | null = null;
    for (const target of asArray(anno.target)) {
      if (!isObj(target)) continue;
      collectSelectors(target.selector, sel);
      color ??= colorOf(target.styleClass);
    }
    if (!sel.quote && !sel.position) {
      result.skipped.push({ index, id, reason: 'no TextQuoteSelector or TextPositionSelector in the target' });
      return;
    }
    const { comment, tags } = bodiesOf(anno);
    // The API's limits, checked before the (costly) re-anchoring.
    const over = overLimits(bodyLimits, { comment, tags, color: color ?? 'yellow' });
    if (over) {
      result.skipped.push({ index, id, reason: over });
      return;
    }
    let stored: { exact: string; prefix: string; suffix: string; start: number; end: number };
    if (sel.quote) {
      stored = { ...sel.quote, start: sel.position?.start ?? -1, end: sel.position?.end ?? -1 };
    } else {
      const { start, end } = sel.position!;
      if (start < 0 || end <= start || end > map.codePoints) {
        result.skipped.push({ index, id, reason: 'position outside the text and no quote to look for' });
        return;
      }
      stored = { ...quoteAt(source.text, start, end, map), start, end };
    }
    const r = reanchor(source.text, stored, map);
    const found = r.status !== 'orphaned';
    const quote = found ? quoteAt(source.text, r.start, r.end, map) : { exact: stored.exact, prefix: stored.prefix, suffix: stored.suffix };
    // An orphan keeps its last known range, or none (start = end) when it never had one.
    const start = found ? r.start : Math.max(0, stored.start);
    const end = found ? r.end : Math.max(0, stored.start, stored.end);
    const badRange = overLimits(rangeLimits, { start, end });
    if (badRange) {
      result.skipped.push({ index, id, reason: `not found in the text, and its TextPositionSelector is unusable: ${badRange}` });
      return;
    }
    const uuid = id?.replace(/^urn:uuid:/i, '') ?? null;
    result.annotations.push({
      index,
      originalId: uuid,
      start,
      end,
      exact: found ? sliceCodePoints(source.text, r.start, r.end, map) : stored.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      status: r.status,
      score: r.score,
      color: color ?? 'yellow',
      comment,
      tags,
      created: typeof anno.created === 'string' ? anno.created : null,
      modified: typeof anno.modified === 'string' ? anno.modified : null,
    });
  });
  return result;
}
