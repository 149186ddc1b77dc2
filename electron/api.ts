// The handler table implementing common/api.ts over the store and services.
// Served by Electron IPC (main.ts), the CLI (cli.ts) and the test harness.
import type { LecternApi } from '../common/api.ts';
import { ApiError, type NewAnnotation, type ProgressEvent, type TrashItem } from '../common/types.ts';
import { OffsetMap } from '../common/offsets.ts';
import { quoteAt } from '../common/selectors.ts';
import { emptyNoteDoc } from '../common/note-doc.ts';
import { noteWrite } from './note-write.ts';
import { NOTE_SCHEMA_VERSION } from '../common/note-version.ts';
import type { Store } from '../db/store.ts';
import type { createImportService } from './import/import-service.ts';
import type { createExportService } from './export/export-service.ts';
import type { createVersionsService } from './versions/versions-service.ts';
import type { ReencodeService } from './import/reencode/service.ts';
import { parseAnnotationJson } from './export/annotation-json.ts';
import type { AlignmentCache } from './versions/alignment-cache.ts';
import type { passageInVersions } from './versions/passage-in-versions.ts';
import { found } from './found.ts';
import { placeCopy, restorePlace } from './versions/review-copy.ts';
import { backupLibrary } from './backup.ts';
import type { SyncCredentials, SyncService } from './sync/service.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ApiDeps {
  store: Store;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Whether a caller may import this path. The desktop shell allows only paths
   * the researcher chose in the import dialog or dropped on the window, so a
   * compromised renderer cannot read arbitrary files; the CLI allows any.
   */
  mayImportPath?: (path: string) => boolean;
  /** Where to save an export (the Electron shell shows a save dialog); default: a temporary export folder. */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  /**
   * Whether a caller may write (an export, a backup) to a path it names itself,
   * without chooseSavePath. The CLI allows what the user typed; the desktop app, nothing.
   */
  mayWritePath?: (path: string) => boolean;
  /** Where the sync password is kept (the app: the OS keychain; the CLI: $LECTERN_SYNC_PASSWORD or a prompt). */
  syncCredentials?: SyncCredentials;
  /** Sync continuously while this handler table lives (the app, `lectern sync --watch`), when set up to. */
  continuousSync?: boolean;
}



/** A note written by a newer version of Lectern: this one must not save over it. */
const newerNote = (id: string, version: number) => new ApiError('note-read-only',
  `Note ${id} was written by a newer version of Lectern (note format ${version}; this version writes ${NOTE_SCHEMA_VERSION}), so it is not changed`);

export function createApi({ store, onProgress, chooseSavePath, mayImportPath, mayWritePath, syncCredentials, continuousSync }: ApiDeps): LecternApi {
  // Loaded on first use, so a CLI command that neither imports nor exports never loads their libraries (decoders, PDF, fonts).
  let importService: Promise<ReturnType<typeof createImportService>> | undefined;
  let exportService: Promise<ReturnType<typeof createExportService>> | undefined;
  const importer = () => (importService ??= Promise.all([import('./import/import-service.ts'), import('./versions/finder.ts')])
    .then(([m, v]) => m.createImportService(store, onProgress, { findVersions: () => v.createVersionFinder(store, onProgress) })));
  const exporter = () => (exportService ??= import('./export/export-service.ts').then((m) => m.createExportService(store, onProgress)));
  let versionsService: Promise<ReturnType<typeof createVersionsService>> | undefined;
  const versions = () => (versionsService ??= import('./versions/versions-service.ts').then((m) => m.createVersionsService(store, onProgress)));
  // "also in" and the comparison report (issue 9): loaded on first use, one alignment cache for both
  let comparing: Promise<{ cache: AlignmentCache; inVersions: typeof passageInVersions }> | undefined;
  const compared = () => (comparing ??= Promise.all([import('./versions/alignment-cache.ts'), import('./versions/passage-in-versions.ts')])
    .then(([c, p]) => ({ cache: c.createAlignmentCache(), inVersions: p.passageInVersions })));
  let reencodeService: Promise<ReencodeService> | undefined;
  const reencoder = () => (reencodeService ??= import('./import/reencode/service.ts').then((m) => m.createReencodeService(store)));
  let syncService: Promise<SyncService> | undefined;
  const syncer = () => (syncService ??= import('./sync/service.ts').then((m) => m.createSyncService({ store, credentials: syncCredentials })));
  /** Continuous sync follows the configuration: on while it says so. */
  const followSync = async (sync: SyncService) => {
    if (!continuousSync) return;
    await sync.stop();
    if ((await sync.config())?.continuous) sync.start();
  };
  if (continuousSync && store.changes.state('config')) void syncer().then(followSync);
  /** Export destinations handed out by chooseSavePath, each good for one export (then the dialog must be asked again). */
  const savePaths = new Set<string>();
  const savePath = (path: string): string => {
    const abs = resolve(path);
    if (savePaths.delete(abs) || mayWritePath?.(abs)) return abs;
    throw new ApiError('forbidden-path', 'Exports are written only to a path chosen with chooseSavePath, once');
  };

  const source = (id: string) => found(store.sources.get(id), 'source', id);
  /** What a delete just moved to the trash (the undo names it to restore). */
  const trashed = (id: string): TrashItem => store.trash.item(id)!;

  /** The quote selector of a new annotation's range, after checking the range lies inside its source. */
  const quoteFor = ({ sourceId, start, end }: NewAnnotation) => {
    const { text } = source(sourceId);
    const map = new OffsetMap(text);
    if (end <= start) throw new ApiError('invalid-range', `Empty or reversed range ${start}-${end}`);
    if (end > map.codePoints) {
      throw new ApiError('invalid-range', `Range ${start}-${end} is past the end of the source (${map.codePoints} characters)`);
    }
    const quote = quoteAt(text, start, end, map);
    if (quote.exact.trim() === '') throw new ApiError('invalid-range', 'The passage is only white space');
    return quote;
  };

  return {
    async listSources(query) { return store.sources.list(query); },
    async countSources(filter) { return store.sources.count(filter); },
    async locateSource(query, target) { return store.sources.locate(query, target); },
    async getSource(id) { return source(id); },
    async updateSource(id, patch) { return found(store.sources.updateMeta(id, patch), 'source', id); },
    async deleteSource(id) {
      return store.write(() => {
        source(id);
        store.sources.delete(id);
        return trashed(id);
      });
    },
    // One undo for every kind: the trash keeps the rows, restore names them.
    async restore(ids) { return store.trash.restore(ids); },
    async listDeleted() { return store.trash.list(); },
    async purgeDeleted(ids) { return store.trash.purge(ids ? { ids } : {}); },

    async importPaths(paths) {
      const refused = mayImportPath ? paths.filter((p) => !mayImportPath(p)) : [];
      if (refused.length > 0) {
        throw new ApiError('forbidden-path', `Lectern imports only files and folders you choose or drop: ${refused.join(', ')}`);
      }
      return (await importer()).importPaths(paths);
    },
    importFiles: async (files) => (await importer()).importFiles(files),

    async listAnnotations(sourceId) {
      source(sourceId);
      return store.annotations.listBySource(sourceId);
    },
    async getAnnotation(id) { return found(store.annotations.get(id), 'annotation', id); },
    async createAnnotation(input) {
      // checked and written under one lock: the source cannot be deleted in between
      return store.write(() => store.annotations.insert({
        ...input, ...quoteFor(input), color: input.color ?? 'yellow', comment: input.comment ?? '', tags: input.tags ?? [],
        author: store.settings.get().authorName,
      }));
    },
    async updateAnnotation(id, patch) { return found(store.annotations.update(id, patch), 'annotation', id); },
    async deleteAnnotation(id) {
      return store.write(() => {
        found(store.annotations.delete(id), 'annotation', id);
        return trashed(id);
      });
    },
    async listTags() { return store.annotations.listTags(); },
    async queryAnnotations(query) { return store.annotationList.page(query); },
    async findSourcesByTitle(text, limit) { return store.findSourcesByTitle(text, limit); },
    async listCodebook() { return store.tags.list(); },
    async renameTag(name, newName) { return store.tags.rename(name, newName); },
    async mergeTags(from, into) { return store.tags.merge(from, into); },
    async undoMergeTags(from, into) { return store.tags.undoMerge(from, into); },
    async moveTag(name, parent) { return store.tags.move(name, parent); },
    async describeTag(name, description) { return store.tags.describe(name, description); },
    async deleteTag(name) { return store.tags.delete(name, (id) => store.trash.item(id)); },

    async search(query, limit, options) { return store.search(query, limit, options); },
    async searchCounts(query) { return store.searchCounts(query); },
    async searchPage(query, options) { return store.searchPage(query, options); },

    async listCollections() { return store.collections.list(); },
    async createCollection(name) { return store.collections.create(name); },
    async renameCollection(id, name) { return store.collections.rename(id, name); },
    async deleteCollection(id) {
      return store.write(() => {
        found(store.collections.get(id), 'collection', id);
        store.collections.delete(id);
        return trashed(id);
      });
    },
    async addToCollection(id, sourceIds) { return store.collections.add(id, sourceIds); },
    async removeFromCollection(id, sourceIds) { return store.collections.remove(id, sourceIds); },
    async sourceCollections(sourceId) {
      if (!store.sources.exists(sourceId)) throw new ApiError('not-found', `No source with id ${sourceId}`);
      return store.collections.ofSource(sourceId);
    },

    async getSettings() { return store.settings.get(); },
    async updateSettings(patch) { return store.settings.update(patch); },

    async listNotes() { return store.notes.list(); },
    async getNote(id) { return found(store.notes.get(id), 'note', id); },
    async createNote({ title, doc }) { return store.notes.insert({ ...noteWrite(title, doc ?? emptyNoteDoc()), author: store.settings.get().authorName }); },
    async updateNote(id, patch) {
      return store.write(() => {
        const existing = found(store.notes.get(id), 'note', id);
        if (existing.schemaVersion > NOTE_SCHEMA_VERSION) throw newerNote(id, existing.schemaVersion);
        return found(store.notes.update(id, noteWrite(patch.title ?? existing.title, patch.doc ?? existing.doc)), 'note', id);
      });
    },
    async deleteNote(id) {
      return store.write(() => {
        found(store.notes.delete(id), 'note', id);
        return trashed(id);
      });
    },
    async backlinks(id) { return store.notes.backlinks(id); },

    async libraryStatus() { return store.status(); },
    async checkLibrary(options) { return store.check(options?.full ?? false); },
    async backupLibrary(path) { return backupLibrary(store, savePath(path)); },

    async chooseSavePath(defaultName) {
      const chosen = chooseSavePath
        ? await chooseSavePath(defaultName)
        : join(tmpdir(), 'lectern-exports', `${Date.now()}-${defaultName}`);
      if (chosen === null) return null;
      const abs = resolve(chosen);
      savePaths.add(abs);
      return abs;
    },
    async exportSourcePdf(sourceId, path) { return (await exporter()).sourcePdf(sourceId, savePath(path)); },
    async exportNotePdf(noteId, path, options) { return (await exporter()).notePdf(noteId, savePath(path), options?.withSources ?? false); },
    async exportNoteMarkdown(noteId, path) { return (await exporter()).noteMarkdown(noteId, savePath(path)); },
    async exportAnnotations(sourceId, path) { return (await exporter()).annotations(sourceId, savePath(path)); },
    async exportPassages(filter, path, format) { return (await exporter()).passages(filter, savePath(path), format); },
    async exportCodebook(path) { return (await exporter()).codebook(savePath(path)); },
    async importAnnotations(sourceId, json) {
      return (await exporter()).importAnnotationsJson(sourceId, parseAnnotationJson(json));
    },

    // through the cache "also in" and the report use: reopening a comparison does not align again
    async compareSources(a, b) {
      const [v, { cache }] = await Promise.all([versions(), compared()]);
      return v.compare(a, b, (x, y) => cache.get(x, y));
    },
    async comparisonRows(a, b, page) {
      const [{ cache }, { comparisonPage }] = await Promise.all([compared(), import('./versions/comparison-page.ts')]);
      return comparisonPage(store, cache, a, b, page);
    },
    carryAnnotations: async (from, to, options) => (await versions()).carry(from, to, options?.dryRun ?? false),
    sourceRelations: async (id) => (await versions()).relationsOf(id),
    listVersions: async () => (await versions()).overview(),
    rebuildVersions: async () => (await versions()).rebuild(),
    linkSources: async (a, b) => (await versions()).link(a, b),
    unlinkSources: async (a, b) => (await versions()).unlink(a, b),
    async passageInVersions(sourceId, start, end, annotationId) {
      const { cache, inVersions } = await compared();
      return inVersions(store, cache, sourceId, start, end, annotationId ?? null);
    },
    placeAnnotation: async (id, range) => placeCopy(store, id, range, (sourceId, at) => quoteFor({ sourceId, ...at })),
    restoreAnnotationPlace: async (id, before) => restorePlace(store, id, before, (sourceId, at) => quoteFor({ sourceId, ...at })),
    async exportComparison(a, b, path) {
      const [{ cache }, exp] = await Promise.all([compared(), exporter()]);
      return exp.comparison(a, b, savePath(path), cache);
    },
    reencodeOptions: async (id) => (await reencoder()).options(id),
    reencodeSource: async (id, encoding, options) => (await reencoder()).reencode(id, encoding, options?.preview ?? false),
    undoReencode: async (id) => (await reencoder()).undo(id),
    async getSyncConfig() { return (await syncer()).config(); },
    async setSyncConfig(config) {
      const sync = await syncer();
      const saved = await sync.setConfig(config);
      await followSync(sync);
      return saved;
    },
    async testSyncConnection(config) { return (await syncer()).test(config); },
    async syncNow(options) { return (await syncer()).syncNow(options); },
    async syncStatus() { return (await syncer()).status(); },
    // SQLite's data_version moves only when another connection commits: no table is read
    async libraryVersion() { return store.db.pragma('data_version', { simple: true }) as number; },
    async listSyncConflicts() { return (await syncer()).conflicts(); },
    async resolveSyncConflict(docId, resolution) { return (await syncer()).resolve(docId, resolution); },
    async listSyncNotices() { return (await syncer()).notices(); },
    async copySources(ids, toPath, options) {
      const abs = resolve(toPath);
      if (!mayWritePath?.(abs)) throw new ApiError('forbidden-path', `Sources are copied only into a library the researcher named (${abs})`);
      const { copySources } = await import('./transfer/copy-sources.ts');
      return copySources(store, ids, abs, options);
    },
  };
}
