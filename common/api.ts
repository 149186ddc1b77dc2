// One argument schema per API method, validated before any handler runs
// (electron/dispatch.ts). The contract itself is in common/api-methods.ts.
import { z } from 'zod';
import { MAX_ANNOTATION_JSON, type ApiMethod, type LecternApi } from './api-methods.ts';
import { MAX_COMPARISON_PAGE } from './comparison-page.ts';
import {
  ANNOTATION_COLORS, ANNOTATION_SORTS, MAX_ANNOTATION_PAGE, MAX_FILTER_SOURCES, MAX_TAG_DESCRIPTION, MAX_TAG_NAME, MAX_COLLECTION_CHANGE, MAX_COLLECTION_NAME, MAX_SEARCH_LIMIT, MAX_SOURCE_PAGE, SOURCE_SORTS,
} from './types.ts';

export { API_METHODS, type ApiMethod, type LecternApi } from './api-methods.ts';

const id = z.string().min(1).max(100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const offset = z.number().int().min(0);
const tags = z.array(z.string().trim().min(1).max(200)).max(100);
const color = z.enum(ANNOTATION_COLORS);
const comment = z.string().max(100_000);
/** Any Uint8Array (z.instanceof would narrow the type to one over a plain ArrayBuffer). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes (a Uint8Array)');

/** What one annotation may carry, wherever it comes from (the API, a W3C file). */
export const annotationLimits = z.object({ start: offset, end: offset, color, comment, tags });

const sourceFilter = {
  collectionId: id.optional(),
  tag: z.string().trim().min(1).max(200).optional(),
  ids: z.array(id).max(MAX_SOURCE_PAGE).optional(),
  withVersions: z.boolean().optional(),
};
const sourceListQuery = z.object({
  ...sourceFilter,
  sort: z.enum(SOURCE_SORTS).optional(),
  offset: offset.optional(),
  limit: z.number().int().min(1).max(MAX_SOURCE_PAGE).optional(),
}).strict();
const searchQuery = z.string().max(1000);
const searchLimit = z.number().int().min(1).max(MAX_SEARCH_LIMIT);
const collectionName = z.string().max(MAX_COLLECTION_NAME);
const sourceIds = z.array(id).min(1).max(MAX_COLLECTION_CHANGE);

const sourceMetaPatch = z.object({
  title: z.string().trim().min(1).max(1000),
  published: isoDate.nullable(),
  publisher: z.string().max(1000).nullable(),
  url: z.string().max(4000).nullable(),
  byline: z.string().max(1000).nullable(),
}).partial().strict();

const tagName = z.string().trim().min(1).max(MAX_TAG_NAME);
const annotationFilter = {
  tag: tagName.optional(),
  colors: z.array(color).max(ANNOTATION_COLORS.length).optional(),
  sourceId: id.optional(),
  sourceIds: z.array(id).max(MAX_FILTER_SOURCES).optional(),
  collectionId: id.optional(),
  text: z.string().max(1000).optional(),
  sort: z.enum(ANNOTATION_SORTS).optional(),
};
const annotationQuery = z.object({
  ...annotationFilter,
  offset: offset.optional(),
  limit: z.number().int().min(1).max(MAX_ANNOTATION_PAGE).optional(),
  after: z.object({
    tag: tagName.nullable(), title: z.string().max(20_000), sourceSeq: z.number().int(), start: offset,
    created: z.string().max(100), seq: z.number().int(),
  }).strict().optional(),
}).strict();

const annotationPatch = annotationLimits.pick({ color: true, comment: true, tags: true }).partial().strict();

const settingsPatch = z.object({
  authorName: z.string().max(200),
  pageSize: z.enum(['A4', 'Letter']),
  theme: z.enum(['system', 'light', 'dark']),
  lastSourceId: id.nullable(),
  lastScrollOffset: offset,
}).partial().strict();

const syncConfig = z.object({
  server: z.string().trim().min(1).max(2000),
  database: z.string().min(1).max(238),
  user: z.string().max(200),
  allowInsecure: z.boolean().optional(),
  continuous: z.boolean().optional(),
  password: z.string().max(1000).optional(),
}).strict();

const syncResolution = z.union([
  z.object({ keep: z.literal('ours') }).strict(),
  z.object({ keep: z.literal('theirs'), rev: z.string().min(3).max(200) }).strict(),
  z.object({ merged: z.record(z.string(), z.unknown()) }).strict(),
]);

/** Argument tuples, validated before any handler runs. */
export const API_ARGS = {
  listSources: z.tuple([sourceListQuery.optional()]),
  countSources: z.tuple([z.object(sourceFilter).strict().optional()]),
  locateSource: z.tuple([sourceListQuery, z.union([z.object({ id }).strict(), z.object({ titlePrefix: z.string().min(1).max(200) }).strict()])]),
  getSource: z.tuple([id]),
  updateSource: z.tuple([id, sourceMetaPatch]),
  deleteSource: z.tuple([id]),
  importPaths: z.tuple([z.array(z.string().min(1)).min(1).max(100_000)]),
  importFiles: z.tuple([z.array(z.object({ name: z.string().min(1).max(1000), bytes })).min(1).max(10_000)]),
  listAnnotations: z.tuple([id]),
  getAnnotation: z.tuple([id]),
  createAnnotation: z.tuple([z.object({
    sourceId: id, start: offset, end: offset,
    color: color.optional(), comment: comment.optional(), tags: tags.optional(),
  }).strict()]),
  updateAnnotation: z.tuple([id, annotationPatch]),
  deleteAnnotation: z.tuple([id]),
  listTags: z.tuple([]),
  queryAnnotations: z.tuple([annotationQuery.optional()]),
  findSourcesByTitle: z.tuple([z.string().max(500), z.number().int().min(1).max(100).optional()]),
  listCodebook: z.tuple([]),
  renameTag: z.tuple([tagName, tagName]),
  mergeTags: z.tuple([tagName, tagName]),
  undoMergeTags: z.tuple([tagName, tagName]),
  moveTag: z.tuple([tagName, tagName.nullable()]),
  describeTag: z.tuple([tagName, z.string().max(MAX_TAG_DESCRIPTION)]),
  deleteTag: z.tuple([tagName]),
  search: z.tuple([searchQuery, searchLimit.optional(), z.object({ collectionId: id.optional() }).strict().optional()]),
  searchCounts: z.tuple([searchQuery]),
  searchPage: z.tuple([searchQuery, z.object({ limit: searchLimit.optional(), collectionId: id.optional() }).strict().optional()]),
  listCollections: z.tuple([]),
  createCollection: z.tuple([collectionName]),
  renameCollection: z.tuple([id, collectionName]),
  deleteCollection: z.tuple([id]),
  addToCollection: z.tuple([id, sourceIds]),
  removeFromCollection: z.tuple([id, sourceIds]),
  sourceCollections: z.tuple([id]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatch]),
  listNotes: z.tuple([]),
  getNote: z.tuple([id]),
  createNote: z.tuple([z.object({ title: z.string().max(1000), doc: z.unknown().optional() }).strict()]),
  updateNote: z.tuple([id, z.object({ title: z.string().max(1000), doc: z.unknown() }).partial().strict()]),
  deleteNote: z.tuple([id]),
  backlinks: z.tuple([id]),
  restore: z.tuple([z.array(id).min(1).max(10_000)]),
  listDeleted: z.tuple([]),
  purgeDeleted: z.tuple([z.array(id).min(1).max(10_000).optional()]),
  libraryStatus: z.tuple([]),
  checkLibrary: z.tuple([z.object({ full: z.boolean().optional() }).strict().optional()]),
  backupLibrary: z.tuple([z.string().min(1).max(4096)]),
  chooseSavePath: z.tuple([z.string().trim().min(1).max(255).refine((n) => !/[\\/\0]/.test(n), 'a file name, not a path')]),
  exportSourcePdf: z.tuple([id, z.string().min(1).max(4096)]),
  exportNotePdf: z.tuple([id, z.string().min(1).max(4096), z.object({ withSources: z.boolean().optional() }).strict().optional()]),
  exportNoteMarkdown: z.tuple([id, z.string().min(1).max(4096)]),
  exportAnnotations: z.tuple([id, z.string().min(1).max(4096)]),
  importAnnotations: z.tuple([id, z.string().min(2).max(MAX_ANNOTATION_JSON)]),
  exportPassages: z.tuple([z.object(annotationFilter).strict(), z.string().min(1).max(4096), z.enum(['csv', 'markdown'])]),
  exportCodebook: z.tuple([z.string().min(1).max(4096)]),
  compareSources: z.tuple([id, id]),
  comparisonRows: z.tuple([id, id, z.object({ start: offset, count: z.number().int().min(1).max(MAX_COMPARISON_PAGE), withText: z.boolean().optional() }).strict()]),
  carryAnnotations: z.tuple([id, id, z.object({ dryRun: z.boolean().optional() }).strict().optional()]),
  sourceRelations: z.tuple([id]),
  listVersions: z.tuple([]),
  rebuildVersions: z.tuple([]),
  linkSources: z.tuple([id, id]),
  unlinkSources: z.tuple([id, id]),
  passageInVersions: z.tuple([id, offset, offset, id.nullable().optional()]),
  placeAnnotation: z.tuple([id, z.object({ start: offset, end: offset }).strict().optional()]),
  restoreAnnotationPlace: z.tuple([id, z.object({
    start: offset, end: offset, exact: z.string().max(100_000), prefix: z.string().max(1000), suffix: z.string().max(1000),
    status: z.enum(['anchored', 'moved', 'orphaned']), score: z.number().min(0).max(1).nullable(),
  }).strict()]),
  exportComparison: z.tuple([id, id, z.string().min(1).max(4096)]),
  reencodeOptions: z.tuple([id]),
  reencodeSource: z.tuple([id, z.string().trim().min(1).max(40), z.object({ preview: z.boolean().optional() }).strict().optional()]),
  undoReencode: z.tuple([id]),
  getSyncConfig: z.tuple([]),
  setSyncConfig: z.tuple([syncConfig.nullable()]),
  testSyncConnection: z.tuple([syncConfig.optional()]),
  syncNow: z.tuple([z.object({ join: z.boolean().optional() }).strict().optional()]),
  syncStatus: z.tuple([]),
  libraryVersion: z.tuple([]),
  listSyncConflicts: z.tuple([]),
  resolveSyncConflict: z.tuple([z.string().min(3).max(200), syncResolution]),
  listSyncNotices: z.tuple([]),
  copySources: z.tuple([z.array(id).min(1).max(10_000), z.string().min(1).max(4096), z.object({ move: z.boolean().optional() }).strict().optional()]),
} satisfies Record<ApiMethod, z.ZodType>;

/** True when A and B are mutually assignable. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The methods whose argument schema does not parse to exactly their Parameters in LecternApi. */
type SchemaMismatch = { [M in ApiMethod]: Same<z.output<(typeof API_ARGS)[M]>, Parameters<LecternApi[M]>> extends true ? never : M }[ApiMethod];
/**
 * The schemas are checked against the contract both ways (`satisfies` alone
 * checks one). While they agree this is an empty record; when one drifts, this
 * stops compiling with "Property 'METHOD' is missing".
 */
export const SCHEMA_MISMATCHES: Record<SchemaMismatch, 'argument schema differs from LecternApi'> = {};
