// import, list, show, search, annotate.
import { ANNOTATION_COLORS, SNIPPET_CLOSE, SNIPPET_OPEN, SOURCE_SORTS, isAnnotationColor, type SourceSort } from '../../common/types.ts';
import { findOccurrences } from '../../common/selectors.ts';
import { storyVersions } from '../../common/story-versions.ts';
import { CommandError, UsageError, stringOption, stringsOption, type Command } from './command.ts';
import { importAnnotationsCommand } from './export-commands.ts';
import { findCollection } from './collection-commands.ts';
import type { LecternApi } from '../../common/api-methods.ts';
import type { OptionValues } from './command.ts';
import { statusPlaceText } from './place-text.ts';

/** A whole number option within [min, max], or undefined when not given. */
function countOption(values: OptionValues, name: string, min: number, max: number): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}`);
  return n;
}

/** --collection NAME_OR_ID as a collection id. */
const collectionOption = async (api: LecternApi, values: OptionValues): Promise<string | undefined> => {
  const ref = stringOption(values, 'collection');
  return ref === undefined ? undefined : (await findCollection(api, ref)).id;
};

const importCommand: Command = {
  name: 'import',
  usage: 'lectern import [--json] [--collection NAME] PATH...  |  lectern import [--json] --annotations FILE.jsonld --source ID',
  summary: 'Import files (text, Markdown, HTML, DOCX, PDF) and folders (recursively) into the library (--collection: and put them, duplicates too, in that collection, made if need be), or W3C annotations onto a source.',
  options: { annotations: { type: 'string' }, source: { type: 'string' }, collection: { type: 'string' } },
  positionals: [0, Infinity],
  async run(ctx) {
    if (ctx.values.annotations !== undefined || ctx.values.source !== undefined) return importAnnotationsCommand(ctx);
    const { api, positionals } = ctx;
    if (positionals.length === 0) throw new UsageError('import takes 1 or more argument(s)');
    const collectionName = stringOption(ctx.values, 'collection');
    const result = await api.importPaths(positionals);
    const collection = collectionName === undefined ? undefined : await intoCollection(api, collectionName, [
      ...result.imported.map((i) => i.id), ...result.duplicates.map((d) => d.id)]);
    const lines = [
      ...result.imported.map((i) => `imported  ${i.id}  ${i.title}  (${i.path})\n          ${i.summary}`),
      ...result.revisions.map((r) => `revision  ${r.id}  linked as a revision of ${r.revisionOf} (${r.revisionOfTitle})`),
      ...result.versions.map((v) => `${v.kind === 'version' ? 'version ' : 'shares  '}  ${v.id}  ${v.kind === 'version' ? 'is a version of' : 'shares passages with'} ${v.other} (${v.otherTitle})`),
      ...(result.versionsError ? [`versions: ${result.versionsError}`] : []),
      ...(result.versionsNotLookedFor ?? []).map((n) => `no versions looked for: ${n.id}  ${n.path}: ${n.reason}`),
      ...result.duplicates.map((d) => `duplicate ${d.id}  ${d.path}`),
      ...result.failed.map((f) => `failed    ${f.path}: ${f.error}`),
      `${result.imported.length} imported, ${result.duplicates.length} duplicates, ${result.failed.length} failed`,
      ...(result.aborted ? [`the import stopped: ${result.aborted}`] : []),
      ...(collection ? [`${collection.added} added to the collection ${collection.name}`] : []),
    ];
    return { json: collection ? { ...result, collection } : result, human: lines.join('\n'), exitCode: result.failed.length > 0 ? 1 : 0 };
  },
};

/** The sources of an import, in a collection found or made by name. */
async function intoCollection(api: LecternApi, name: string, ids: string[]) {
  const existing = (await api.listCollections()).find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
  const collection = existing ?? await api.createCollection(name);
  const added = ids.length > 0 ? (await api.addToCollection(collection.id, ids)).changed : 0;
  return { id: collection.id, name: collection.name, added };
}

const listCommand: Command = {
  name: 'list',
  usage: `lectern list [--json] [--sort ${SOURCE_SORTS.join('|')}] [--collection NAME] [--tag TAG] [--versions] [--offset N] [--limit N]`,
  summary: 'List the sources in the library (default: newest import first; --sort date puts undated sources last; --versions: only sources that have another version, each with how many versions of its story the library holds).',
  options: {
    sort: { type: 'string' }, collection: { type: 'string' }, tag: { type: 'string' }, versions: { type: 'boolean' },
    offset: { type: 'string' }, limit: { type: 'string' },
  },
  positionals: [0, 0],
  async run({ api, values }) {
    const sort = stringOption(values, 'sort');
    if (sort !== undefined && !(SOURCE_SORTS as readonly string[]).includes(sort)) throw new UsageError(`--sort is one of ${SOURCE_SORTS.join(', ')}`);
    const tag = stringOption(values, 'tag');
    const withVersions = values.versions === true;
    const query = {
      ...(sort !== undefined && { sort: sort as SourceSort }), ...(tag !== undefined && { tag }), ...(withVersions && { withVersions }),
      offset: countOption(values, 'offset', 0, Number.MAX_SAFE_INTEGER), limit: countOption(values, 'limit', 1, 5000),
      collectionId: await collectionOption(api, values),
    };
    const sources = (await api.listSources(query)).map((s) => ({
      id: s.id, title: s.title, published: s.published, chars: s.chars, annotationCount: s.annotationCount,
      ...(withVersions && { versions: storyVersions(s.versions) }),
    }));
    const annotations = (n: number) => (n === 0 ? '' : `  [${n} ${n === 1 ? 'annotation' : 'annotations'}]`);
    const versions = (n: number | undefined) => (n === undefined ? '' : `  [${n} versions]`);
    const human = sources.length === 0
      ? (withVersions ? 'No source has a version.' : query.collectionId || tag ? 'No source matches.' : 'The library is empty.')
      : sources.map((s) => `${s.id}  ${s.published ?? '          '}  ${s.title}${versions(s.versions)}${annotations(s.annotationCount)}`).join('\n');
    return { json: sources, human };
  },
};

const showCommand: Command = {
  name: 'show',
  usage: 'lectern show [--json] ID',
  summary: 'Show one source with its text and annotations.',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const s = await api.getSource(positionals[0]!);
    const annotations = (await api.listAnnotations(s.id)).map((a) => ({
      id: a.id, start: a.start, end: a.end, exact: a.exact, comment: a.comment, tags: a.tags, color: a.color, status: a.status, score: a.score,
    }));
    const json = {
      id: s.id, title: s.title, published: s.published, publisher: s.publisher, url: s.url, byline: s.byline,
      path: s.originalPath ?? s.originalName, sha256: s.sha256, encoding: s.encoding, text: s.text, annotations,
    };
    const head = [`${s.title}`, `id ${s.id}`, s.published && `published ${s.published}`, s.publisher && `publisher ${s.publisher}`,
      `file ${json.path}`, `sha256 ${s.sha256}`, `encoding ${s.encoding}`].filter(Boolean).join('\n');
    const notes = annotations.map((a) => `  ${statusPlaceText(a)} "${a.exact}"${a.comment ? ` — ${a.comment}` : ''}${a.tags.length ? ` #${a.tags.join(' #')}` : ''}`);
    return { json, human: `${head}\n\n${s.text}\n${notes.length ? `\nAnnotations:\n${notes.join('\n')}` : ''}` };
  },
};

const searchCommand: Command = {
  name: 'search',
  usage: 'lectern search [--json] [--limit N] [--collection NAME] QUERY',
  summary: `Full-text search over sources, annotations and notes (--collection: its sources and their annotations). Words must all match; "quoted phrases"; prefix*. Matched words in snippets are wrapped in ${SNIPPET_OPEN} ${SNIPPET_CLOSE}.`,
  options: { limit: { type: 'string' }, collection: { type: 'string' } },
  positionals: [1, Infinity],
  async run({ api, values, positionals }) {
    const limit = countOption(values, 'limit', 1, 1000) ?? 50;
    const collectionId = await collectionOption(api, values);
    const hits = await api.search(positionals.join(' '), limit, collectionId ? { collectionId } : undefined);
    const human = hits.length === 0 ? 'No matches.'
      : hits.map((h) => `${h.kind.padEnd(10)} ${h.id}  ${h.title}${h.versions ? `  [${h.versions.count} versions match: ${h.versions.ids.filter((v) => v !== h.id).join(' ')} too]` : ''}`
        + `\n           ${h.snippet.replace(/\s+/g, ' ')}`).join('\n');
    return { json: hits, human };
  },
};

const annotateCommand: Command = {
  name: 'annotate',
  usage: 'lectern annotate [--json] SOURCE_ID --quote TEXT [--occurrence N] [--comment TEXT] [--tag TAG]... [--color NAME]',
  summary: 'Annotate the passage of a source that matches a quote.',
  options: {
    quote: { type: 'string' }, occurrence: { type: 'string' }, comment: { type: 'string' },
    tag: { type: 'string', multiple: true }, color: { type: 'string' },
  },
  positionals: [1, 1],
  async run({ api, values, positionals }) {
    const quote = stringOption(values, 'quote');
    if (!quote) throw new UsageError('--quote TEXT is required');
    const occurrenceText = stringOption(values, 'occurrence');
    const occurrence = occurrenceText === undefined ? undefined : Number(occurrenceText);
    if (occurrence !== undefined && (!Number.isInteger(occurrence) || occurrence < 1)) {
      throw new UsageError('--occurrence takes a whole number from 1');
    }
    const source = await api.getSource(positionals[0]!);
    const found = findOccurrences(source.text, quote.normalize('NFC'));
    if (found.length === 0) throw new CommandError('quote-not-found', `The quote occurs 0 times in source ${source.id}`);
    if (occurrence === undefined && found.length > 1) {
      throw new CommandError('quote-ambiguous', `The quote occurs ${found.length} times in source ${source.id}; choose one with --occurrence 1..${found.length}`);
    }
    const range = found[(occurrence ?? 1) - 1];
    if (!range) throw new CommandError('quote-not-found', `The quote occurs ${found.length} times in source ${source.id}; there is no occurrence ${occurrence}`);
    const color = stringOption(values, 'color');
    if (color !== undefined && !isAnnotationColor(color)) {
      throw new CommandError('invalid-arguments', `--color is one of ${ANNOTATION_COLORS.join(', ')}, not ${JSON.stringify(color)}`);
    }
    const comment = stringOption(values, 'comment');
    const a = await api.createAnnotation({
      sourceId: source.id, start: range.start, end: range.end, tags: stringsOption(values, 'tag'),
      ...(color !== undefined && { color }), ...(comment !== undefined && { comment }),
    });
    const json = { id: a.id, sourceId: a.sourceId, start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix };
    return { json, human: `annotated ${a.id}  [${a.start}-${a.end}] "${a.exact}"` };
  },
};

export const libraryCommands: Command[] = [importCommand, listCommand, showCommand, searchCommand, annotateCommand];
