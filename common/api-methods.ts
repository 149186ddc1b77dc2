// The API contract without its validation: every call the UI can make and the
// list of their names. Kept free of zod so the sandboxed preload stays small;
// common/api.ts adds one argument schema per method.
import type {
  DeletedSource, Annotation, AnnotationImportResult, AnnotationPatch, ExportResult, Backlink, FileBytes, Id, ImportResult, NewAnnotation, NewNote,
  Note, NotePatch, NoteSummary, SearchHit, Settings, Source, SourceMeta, SourceSummary,
} from './types.ts';

export interface LecternApi {
  listSources(): Promise<SourceSummary[]>;
  getSource(id: Id): Promise<Source>;
  updateSource(id: Id, patch: Partial<SourceMeta>): Promise<Source>;
  /** Deletes a source with its annotations; returns them so the UI can offer undo (restoreSource). */
  deleteSource(id: Id): Promise<DeletedSource>;
  restoreSource(deleted: DeletedSource): Promise<Source>;

  importPaths(paths: string[]): Promise<ImportResult>;
  importFiles(files: FileBytes[]): Promise<ImportResult>;

  listAnnotations(sourceId: Id): Promise<Annotation[]>;
  createAnnotation(input: NewAnnotation): Promise<Annotation>;
  updateAnnotation(id: Id, patch: AnnotationPatch): Promise<Annotation>;
  /** Returns the deleted annotation so the UI can offer undo (restoreAnnotation). */
  deleteAnnotation(id: Id): Promise<Annotation>;
  restoreAnnotation(annotation: Annotation): Promise<Annotation>;
  listTags(): Promise<string[]>;

  search(query: string, limit?: number): Promise<SearchHit[]>;

  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;

  listNotes(): Promise<NoteSummary[]>;
  getNote(id: Id): Promise<Note>;
  createNote(input: NewNote): Promise<Note>;
  updateNote(id: Id, patch: NotePatch): Promise<Note>;
  deleteNote(id: Id): Promise<Note>;
  restoreNote(note: Note): Promise<Note>;
  backlinks(id: Id): Promise<Backlink[]>;

  /**
   * Asks where to save an export (Electron: a save dialog; elsewhere: a file in a
   * temporary export folder). Returns null when the user cancels. The export
   * methods below only write to paths this method returned.
   */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Annotated PDF of a source (page size and author from settings). */
  exportSourcePdf(sourceId: Id, path: string): Promise<ExportResult>;
  /** PDF of a note; withSources appends the cited sources, annotated, and links citations there. */
  exportNotePdf(noteId: Id, path: string, options?: { withSources?: boolean }): Promise<ExportResult>;
  /** Markdown of a note, citations as footnotes. */
  exportNoteMarkdown(noteId: Id, path: string): Promise<ExportResult>;
  /** A source's annotations as a W3C Web Annotation collection (JSON-LD). */
  exportAnnotations(sourceId: Id, path: string): Promise<ExportResult>;
  /** The text of a W3C annotation JSON(-LD) file, onto a source; every passage is re-anchored and kept. */
  importAnnotations(sourceId: Id, json: string): Promise<AnnotationImportResult>;
}

export type ApiMethod = keyof LecternApi;

/** Every method, once: a Record over ApiMethod, so the compiler rejects a missing or unknown name. */
const METHOD_NAMES: Record<ApiMethod, true> = {
  listSources: true,
  getSource: true,
  updateSource: true,
  deleteSource: true,
  restoreSource: true,
  importPaths: true,
  importFiles: true,
  listAnnotations: true,
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  restoreAnnotation: true,
  listTags: true,
  search: true,
  getSettings: true,
  updateSettings: true,
  listNotes: true,
  getNote: true,
  createNote: true,
  updateNote: true,
  deleteNote: true,
  restoreNote: true,
  backlinks: true,
  chooseSavePath: true,
  exportSourcePdf: true,
  exportNotePdf: true,
  exportNoteMarkdown: true,
  exportAnnotations: true,
  importAnnotations: true,
};

export const API_METHODS = Object.keys(METHOD_NAMES) as ApiMethod[];

