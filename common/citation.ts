// A cited passage as the notebook carries it: a snapshot of what was quoted,
// so a citation still says what it quoted if its annotation is deleted.
import { OffsetMap, sliceCodePoints } from './offsets.ts';

export interface CitationAttrs {
  sourceId: string;
  /** Code points into the source text. */
  start: number;
  end: number;
  exact: string;
  sha256: string;
  annotationId: string | null;
  /** Short title of the source at the time of citing (shown if the source is gone). */
  sourceTitle: string;
}

/** DataTransfer type for dragging a passage (annotation or reader selection) into a note. */
export const CITATION_MIME = 'application/x-lectern-citation';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

/**
 * Checks and normalises a citation's attributes (from a note's JSON, the
 * clipboard or a drag); null when they cannot name a passage. The one reader of
 * citation attributes: the schema, the store's citation index and the exporters use it.
 */
export function citationAttrs(raw: Record<string, unknown>): CitationAttrs | null {
  const sourceId = str(raw.sourceId);
  const start = int(raw.start);
  const end = int(raw.end);
  if (!sourceId || start === null || end === null || end < start) return null;
  const annotationId = str(raw.annotationId) || null;
  return { sourceId, start, end, exact: str(raw.exact), sha256: str(raw.sha256), annotationId, sourceTitle: str(raw.sourceTitle) };
}

/** The citation of [start, end) code points of a source (an annotation's or a reader selection's). */
export function citationFor(
  source: { id: string; text: string; sha256: string; title: string },
  start: number, end: number, annotationId: string | null = null, map: OffsetMap = new OffsetMap(source.text),
): CitationAttrs {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end)) || start < 0 || end < start || end > map.codePoints) {
    throw new RangeError(`Range ${start}-${end} is outside the source (${map.codePoints} characters)`);
  }
  return {
    sourceId: source.id, start, end, exact: sliceCodePoints(source.text, start, end, map), sha256: source.sha256,
    annotationId, sourceTitle: source.title,
  };
}
