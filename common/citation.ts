// A cited passage as the notebook carries it: a snapshot of what was quoted,
// so a citation still says what it quoted if its annotation is deleted.

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
