// Export and annotation import over the store: reads what an exporter needs,
// runs it, writes the file (atomically: temporary file + rename). Used by the
// API handlers (electron/api.ts) and the CLI (electron/cli/export-commands.ts).
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Store } from '../../db/store.ts';
import {
  ApiError, type Annotation, type AnnotationImportResult, type ExportResult, type ProgressEvent, type Source,
} from '../../common/types.ts';
import { noteCitations } from '../../common/note-citations.ts';
import { exportSourcePdf } from './source-pdf.ts';
import { exportNotePdf } from './note-pdf.ts';
import { noteToMarkdown } from './note-to-markdown.ts';
import { exportW3c, importW3c } from './w3c.ts';
import { parseAnnotationJson } from './annotation-json.ts';
import { readInputText } from '../input-file.ts';
import { MAX_ANNOTATION_JSON } from '../../common/api-methods.ts';
import type { AlignmentCache } from '../versions/alignment-cache.ts';
import { comparisonReport } from './comparison-report.ts';
import { comparisonMarkdown } from './comparison-markdown.ts';
import { exportComparisonPdf } from './comparison-pdf.ts';
import { found } from '../found.ts';
import type { AnnotationQuery, PassagesFormat } from '../../common/types.ts';
import { passagesCsv } from './csv.ts';
import { passagesMarkdown } from './passages-markdown.ts';
import { passagePages } from './passage-pages.ts';
import { codebookQdc } from './qdc.ts';
import { passagesTitle } from './passages-title.ts';

function writeAtomic(path: string, bytes: Uint8Array | string): number {
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    throw new ApiError('invalid-path', `${abs} is a folder; give a file name to export to`);
  }
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
}

export function createExportService(store: Store, onProgress?: (e: ProgressEvent) => void) {
  const source = (id: string): Source => found(store.sources.get(id), 'source', id);
  const note = (id: string) => found(store.notes.get(id), 'note', id);
  const progress = (current: string, done: number, total: number): void => onProgress?.({ task: 'export', done, total, current });

  /** The sources a note cites, with their annotations. */
  const citedSources = (doc: unknown) => {
    const sources = new Map<string, Source>();
    const annotations = new Map<string, Annotation[]>();
    for (const c of noteCitations(doc)) {
      if (sources.has(c.sourceId)) continue;
      const s = store.sources.get(c.sourceId);
      if (!s) continue;
      sources.set(s.id, s);
      annotations.set(s.id, store.annotations.listBySource(s.id));
    }
    return { sources, annotations };
  };

  return {
    async sourcePdf(sourceId: string, path: string): Promise<ExportResult> {
      const s = source(sourceId);
      const settings = store.settings.get();
      progress(path, 0, 1);
      const r = await exportSourcePdf(s, store.annotations.listBySource(s.id), {
        pageSize: settings.pageSize, authorName: settings.authorName,
        onProgress: (done, total) => progress(path, done, total + 1),
      });
      const bytes = writeAtomic(path, r.bytes);
      progress(path, 1, 1);
      return { path: resolve(path), bytes, pages: r.pages, missingGlyphs: r.missingGlyphs };
    },

    async notePdf(noteId: string, path: string, withSources = false): Promise<ExportResult> {
      const n = note(noteId);
      const settings = store.settings.get();
      progress(path, 0, 1);
      const r = await exportNotePdf(n, { pageSize: settings.pageSize, authorName: settings.authorName, withSources, ...citedSources(n.doc) });
      const bytes = writeAtomic(path, r.bytes);
      progress(path, 1, 1);
      return { path: resolve(path), bytes, pages: r.pages, missingGlyphs: r.missingGlyphs, citations: r.citations };
    },

    async noteMarkdown(noteId: string, path: string): Promise<ExportResult> {
      const n = note(noteId);
      const r = noteToMarkdown(n, citedSources(n.doc).sources);
      const bytes = writeAtomic(path, r.markdown);
      return { path: resolve(path), bytes, citations: r.citations };
    },

    /** The comparison report of two sources (issue 9.5): PDF or Markdown by the path's extension. */
    async comparison(aId: string, bId: string, path: string, alignments: AlignmentCache): Promise<ExportResult> {
      const format = /\.pdf$/i.test(path) ? 'pdf' : /\.(md|markdown)$/i.test(path) ? 'md' : null;
      if (!format) throw new ApiError('invalid-path', `${path}: a comparison report is written as .pdf or .md`);
      const a = source(aId);
      const b = source(bId);
      if (a.id === b.id) throw new ApiError('same-source', `Both sides are the same source (${a.id}); choose two different sources`);
      const settings = store.settings.get();
      progress(path, 0, 1);
      const report = comparisonReport(a, b, alignments.rows(a, b), { a: store.annotations.listBySource(a.id), b: store.annotations.listBySource(b.id) }, { authorName: settings.authorName });
      if (format === 'md') {
        const bytes = writeAtomic(path, comparisonMarkdown(report));
        progress(path, 1, 1);
        return { path: resolve(path), bytes, annotations: report.carried.length };
      }
      const r = await exportComparisonPdf(report, { pageSize: settings.pageSize });
      const bytes = writeAtomic(path, r.bytes);
      progress(path, 1, 1);
      return { path: resolve(path), bytes, pages: r.pages, missingGlyphs: r.missingGlyphs, annotations: report.carried.length };
    },

    /** The passages a filter takes (the Annotations view's), as CSV or as Markdown grouped by tag. */
    async passages(query: Omit<AnnotationQuery, 'offset' | 'limit'>, path: string, format: PassagesFormat): Promise<ExportResult> {
      const list = [...store.annotationList.all(query)];
      const pageOf = passagePages(store.annotationList.pagesOf);
      const text = format === 'csv' ? passagesCsv(list, pageOf)
        : passagesMarkdown(passagesTitle(query, (id) => store.collections.get(id)?.name, (id) => store.sources.get(id)?.title), list, store.tags.list(), pageOf).markdown;
      const bytes = writeAtomic(path, text);
      return { path: resolve(path), bytes, annotations: list.length };
    },

    /** The codebook as a REFI-QDA codebook exchange file (QDC). */
    async codebook(path: string): Promise<ExportResult> {
      const tags = store.tags.list();
      if (tags.length === 0) throw new ApiError('empty-codebook', 'There are no tags to export yet: a codebook file needs at least one code');
      const bytes = writeAtomic(path, codebookQdc(tags));
      return { path: resolve(path), bytes, tags: tags.length };
    },

    async annotations(sourceId: string, path: string): Promise<ExportResult> {
      const s = source(sourceId);
      const list = store.annotations.listBySource(s.id);
      const json = exportW3c(s, list, { authorName: store.settings.get().authorName });
      const bytes = writeAtomic(path, `${JSON.stringify(json, null, 2)}\n`);
      return { path: resolve(path), bytes, annotations: list.length };
    },

    /** Reads W3C annotation JSON(-LD) from a file onto a source; every passage is re-anchored and kept. */
    async importAnnotations(sourceId: string, file: string): Promise<AnnotationImportResult> {
      const s = source(sourceId);
      const text = readInputText(file, MAX_ANNOTATION_JSON, 'annotation files');
      return this.importAnnotationsJson(s.id, parseAnnotationJson(text, file));
    },

    async importAnnotationsJson(sourceId: string, json: unknown): Promise<AnnotationImportResult> {
      const s = source(sourceId);
      const r = importW3c(s, json);
      // ids are unique across all tables, so a file's id is kept only when it is free in each
      const free = (x: string) => !store.idTaken(x);
      const imported: AnnotationImportResult['imported'] = [];
      const skipped = r.skipped.map((k) => ({ index: k.index, id: k.id, reason: k.reason }));
      // All or nothing: a failure part-way leaves no annotation of this file behind.
      store.write(() => { source(sourceId); /* not deleted meanwhile */ for (const a of r.annotations) {
        if (a.originalId && store.annotations.get(a.originalId)?.sourceId === s.id) {
          skipped.push({ index: a.index, id: a.originalId, reason: 'already imported onto this source' });
          continue;
        }
        // keep the original id when it is free, so a re-export names the same annotation
        const id = a.originalId && /^[0-9a-f-]{36}$/i.test(a.originalId) && free(a.originalId) ? a.originalId : undefined;
        const row = store.annotations.insert({
          ...(id ? { id } : {}), sourceId: s.id, start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix,
          color: a.color, comment: a.comment, tags: a.tags, status: a.status, score: a.status === 'moved' ? a.score : null,
          ...(a.created ? { created: a.created } : {}), ...(a.modified ? { modified: a.modified } : {}),
        });
        imported.push({ id: row.id, status: row.status, score: row.score, start: row.start, end: row.end, exact: row.exact });
      } });
      const count = (st: string) => imported.filter((i) => i.status === st).length;
      return {
        sourceId: s.id, imported, anchored: count('anchored'), moved: count('moved'), orphaned: count('orphaned'),
        skipped: skipped.sort((x, y) => x.index - y.index),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
