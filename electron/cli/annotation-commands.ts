// annotations (across the library), tags (the codebook), tag rename / merge /
// unmerge / move / describe / delete, export passages, export codebook.
import type { LecternApi } from '../../common/api-methods.ts';
import {
  ANNOTATION_COLORS, ANNOTATION_SORTS, MAX_ANNOTATION_PAGE, MAX_FILTER_SOURCES, isAnnotationColor,
  type AnnotationCursor, type AnnotationFilter, type AnnotationListItem, type AnnotationSort, type CodebookTag, type TagChange, type TrashItem,
} from '../../common/types.ts';
import { UsageError, stringOption, stringsOption, type Command, type CommandContext, type OptionValues } from './command.ts';
import { findCollection } from './collection-commands.ts';
import { statusPlaceText } from './place-text.ts';

const FILTER_OPTIONS = {
  tag: { type: 'string' }, source: { type: 'string', multiple: true }, collection: { type: 'string' },
  color: { type: 'string', multiple: true }, text: { type: 'string' }, sort: { type: 'string' },
} as const;
const FILTER_USAGE = '[--tag T] [--source ID]... [--collection NAME|ID] [--color C]... [--text WORDS] [--sort source|newest|oldest|tag]';

/** The filter and sort the options name (a collection by its name or id). */
async function filterOf(api: LecternApi, values: OptionValues): Promise<AnnotationFilter & { sort?: AnnotationSort }> {
  const colors = stringsOption(values, 'color');
  const bad = colors.find((c) => !isAnnotationColor(c));
  if (bad !== undefined) throw new UsageError(`--color ${bad}: the colours are ${ANNOTATION_COLORS.join(', ')}`);
  const sort = stringOption(values, 'sort');
  if (sort !== undefined && !(ANNOTATION_SORTS as readonly string[]).includes(sort)) {
    throw new UsageError(`--sort ${sort}: sort by ${ANNOTATION_SORTS.join(', ')}`);
  }
  const collection = stringOption(values, 'collection');
  const filter: AnnotationFilter & { sort?: AnnotationSort } = {};
  const tag = stringOption(values, 'tag');
  if (tag !== undefined) filter.tag = tag;
  const sources = stringsOption(values, 'source');
  if (sources.length > MAX_FILTER_SOURCES) throw new UsageError(`--source: at most ${MAX_FILTER_SOURCES} sources (${sources.length} given)`);
  if (sources.length > 0) filter.sourceIds = sources;
  if (collection !== undefined) filter.collectionId = (await findCollection(api, collection)).id;
  if (colors.length > 0) filter.colors = colors.filter(isAnnotationColor);
  const text = stringOption(values, 'text');
  if (text !== undefined) filter.text = text;
  if (sort !== undefined) filter.sort = sort as AnnotationSort;
  return filter;
}

/** Every annotation a filter takes, a page at a time through the API, each page a seek from the last one's cursor. */
async function allAnnotations(api: LecternApi, filter: AnnotationFilter & { sort?: AnnotationSort }): Promise<{ total: number; items: AnnotationListItem[] }> {
  const items: AnnotationListItem[] = [];
  for (let after: AnnotationCursor | undefined; ;) {
    const page = await api.queryAnnotations({ ...filter, offset: items.length, limit: MAX_ANNOTATION_PAGE, ...(after ? { after } : {}) });
    items.push(...page.items);
    if (page.items.length < MAX_ANNOTATION_PAGE || !page.next) return { total: page.total, items };
    after = page.next;
  }
}

/** The CSV `export passages` writes (one definition of it): written to a temporary file through the API, then read back. */
async function passagesCsv(api: LecternApi, filter: AnnotationFilter & { sort?: AnnotationSort }): Promise<string> {
  const [{ mkdtempSync, readFileSync, rmSync }, { tmpdir }, { join }] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  const dir = mkdtempSync(join(tmpdir(), 'lectern-csv-'));
  try {
    const r = await api.exportPassages(filter, join(dir, 'passages.csv'), 'csv');
    return readFileSync(r.path, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const oneLine = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
};

const annotationsCommand: Command = {
  name: 'annotations',
  usage: `lectern annotations ${FILTER_USAGE} [--json|--csv]`,
  summary: 'List the annotations of the whole library (a tag takes its children: --tag a lists a/b too); --csv prints one row per passage (RFC 4180, UTF-8 with BOM).',
  options: { ...FILTER_OPTIONS, csv: { type: 'boolean' } },
  positionals: [0, 0],
  async run({ api, values, json }) {
    if (json && values.csv) throw new UsageError('--json and --csv: choose one');
    const filter = await filterOf(api, values);
    if (values.csv) return { json: null, human: '', raw: await passagesCsv(api, filter) };
    const { total, items } = await allAnnotations(api, filter);
    const lines = items.map((a) => `${a.id}  ${a.color.padEnd(6)}  ${oneLine(a.sourceTitle, 40)}  ${statusPlaceText(a)}` +
      `${a.tags.length ? `  [${a.tags.join(', ')}]` : ''}\n    “${oneLine(a.exact, 100)}”${a.comment ? `\n    ${oneLine(a.comment, 100)}` : ''}`);
    return { json: { total, items }, human: total === 0 ? 'No annotations match.' : [...lines, `${total} annotation(s)`].join('\n') };
  },
};

const tagLine = (t: CodebookTag) => `${t.name}  ${t.total === t.count ? t.count : `${t.count} (${t.total} with children)`}` +
  `${t.description ? `  — ${oneLine(t.description, 80)}` : ''}`;

const tagsCommand: Command = {
  name: 'tags',
  usage: 'lectern tags [--json]',
  summary: 'The codebook: every tag (parents too) with its description and how many passages carry it.',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const tags = await api.listCodebook();
    return { json: tags, human: tags.length === 0 ? 'No tags yet.' : tags.map(tagLine).join('\n') };
  },
};

const changed = (verb: string, r: TagChange) => `${verb} ${r.tags} tag(s), on ${r.annotations} annotation(s)`;

/** A tag name as a shell word (quoted when it is more than letters, digits and / . _ -). */
const shellWord = (s: string) => (/^[\p{L}\p{N}/._-]+$/u.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** tag rename / tag merge: two tag names, one call, the same report (a merge says how to undo it). */
const twoTagCommand = (verb: 'rename' | 'merge', args: string, summary: string,
  call: (api: LecternApi, a: string, b: string) => Promise<TagChange>): Command => ({
  name: `tag ${verb}`,
  usage: `lectern tag ${verb} [--json] ${args}`,
  summary,
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const [a, b] = positionals as [string, string];
    const r = await call(api, a, b);
    if (verb === 'rename') return { json: r, human: changed('renamed', r) };
    const undo = `lectern tag unmerge ${shellWord(a)} ${shellWord(b)}`;
    return { json: { ...r, undo }, human: `${changed('merged', r)} (${undo} undoes it)` };
  },
});

const renameCommand = twoTagCommand('rename', 'OLD NEW',
  'Rename a tag; its children follow (a/x becomes NEW/x). Refused when NEW exists: merge instead.', (api, a, b) => api.renameTag(a, b));
const mergeCommand = twoTagCommand('merge', 'FROM INTO',
  'Merge tag FROM into tag INTO: every passage tagged FROM (or FROM/x) is tagged INTO (INTO/x) instead; FROM is gone.', (api, a, b) => api.mergeTags(a, b));

const unmergeCommand: Command = {
  name: 'tag unmerge',
  usage: 'lectern tag unmerge [--json] FROM INTO',
  summary: 'Undo the latest merge of tag FROM into tag INTO (made here or in the app, kept in the library): FROM comes back with its passages, description and children. What changed since the merge stays, and is said.',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const r = await api.undoMergeTags(positionals[0]!, positionals[1]!);
    const human = `unmerged “${r.name}”: ${r.tags} tag(s) back, on ${r.annotations} annotation(s)`;
    return { json: r, human: r.notRestored.length === 0 ? human : `${human}\nNot restored:\n${r.notRestored.map((l) => `  ${l}`).join('\n')}` };
  },
};

const moveCommand: Command = {
  name: 'tag move',
  usage: 'lectern tag move [--json] TAG PARENT  |  lectern tag move [--json] TAG --top',
  summary: 'Put a tag (with its children) under another parent tag, or back at the top level with --top.',
  options: { top: { type: 'boolean' } },
  positionals: [1, 2],
  async run({ api, positionals, values }) {
    const [name, parent] = positionals;
    if ((parent === undefined) === (values.top !== true)) throw new UsageError('tag move takes a PARENT or --top (one of them)');
    const r = await api.moveTag(name!, parent ?? null);
    return { json: r, human: changed('moved', r) };
  },
};

const describeCommand: Command = {
  name: 'tag describe',
  usage: 'lectern tag describe [--json] TAG DESCRIPTION',
  summary: 'Set a tag\'s description (what the code means; "" clears it). A tag not used yet is made.',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const t = await api.describeTag(positionals[0]!, positionals[1]!);
    return { json: t, human: tagLine(t) };
  },
};

const deleteCommand: Command = {
  name: 'tag delete',
  usage: 'lectern tag delete [--json] TAG',
  summary: 'Move a tag and its children to the trash (their passages stay; lectern restore ID... brings the tags back on them).',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const items = await api.deleteTag(positionals[0]!);
    const ids = items.map((i) => i.id).join(' ');
    return { json: items, human: `deleted ${items.map((i) => `“${i.title}”`).join(', ')} (lectern restore ${ids} undoes it)` };
  },
};

const annotationDeleteCommand: Command = {
  name: 'annotation delete',
  usage: 'lectern annotation delete [--json] ANNOTATION_ID...',
  summary: 'Move annotations to the trash (a carry onto the wrong source taken back, say); lectern restore ID... brings them back.',
  options: {},
  positionals: [1, Infinity],
  async run({ api, positionals }) {
    // every id checked before any is deleted: one unknown id deletes nothing
    for (const id of positionals) await api.getAnnotation(id);
    const items: TrashItem[] = [];
    for (const id of positionals) items.push(await api.deleteAnnotation(id));
    return { json: items, human: [...items.map((i) => `deleted ${i.id}  “${oneLine(i.title, 80)}”`), `lectern restore ${items.map((i) => i.id).join(' ')} undoes it`].join('\n') };
  },
};

/**
 * Where an export of this module writes: `-o FILE`, as every other export takes it, or (deprecated, kept
 * for one release) the file as the last argument, which warns on stderr.
 */
function outputOf(ctx: CommandContext, command: string): string {
  const option = stringOption(ctx.values, 'output');
  const positional = ctx.positionals[0];
  if (option !== undefined && positional !== undefined) throw new UsageError(`give the output file once: -o ${option} (${positional} as an argument is deprecated)`);
  if (positional !== undefined) {
    ctx.warn(`${command}: the output file as an argument is deprecated; use -o ${positional}`);
    return positional;
  }
  if (!option) throw new UsageError('-o FILE is required');
  return option;
}
const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;

const exportPassagesCommand: Command = {
  name: 'export passages',
  usage: `lectern export passages [--json] ${FILTER_USAGE} -o FILE.csv|FILE.md`,
  summary: 'Write the passages a filter takes as CSV (one row per passage) or as Markdown grouped by tag, each with a citation to its source.',
  options: { ...FILTER_OPTIONS, ...OUTPUT_OPTION },
  positionals: [0, 1],
  async run(ctx) {
    const out = outputOf(ctx, 'export passages');
    const format = /\.csv$/i.test(out) ? 'csv' : /\.(md|markdown)$/i.test(out) ? 'markdown' : null;
    if (!format) throw new UsageError(`${out}: passages are written as .csv or .md`);
    const r = await ctx.api.exportPassages(await filterOf(ctx.api, ctx.values), out, format);
    return { json: r, human: `wrote ${r.annotations} passage(s) to ${r.path} (${r.bytes} bytes)` };
  },
};

const exportCodebookCommand: Command = {
  name: 'export codebook',
  usage: 'lectern export codebook [--json] -o FILE.qdc',
  summary: 'Write the codebook as a REFI-QDA codebook exchange file (QDC), which NVivo, ATLAS.ti and MAXQDA import.',
  options: OUTPUT_OPTION,
  positionals: [0, 1],
  async run(ctx) {
    const r = await ctx.api.exportCodebook(outputOf(ctx, 'export codebook'));
    return { json: r, human: `wrote ${r.tags} code(s) to ${r.path} (${r.bytes} bytes)` };
  },
};

export const annotationCommands: Command[] = [
  annotationsCommand, annotationDeleteCommand, tagsCommand, renameCommand, mergeCommand, unmergeCommand, moveCommand, describeCommand, deleteCommand,
  exportPassagesCommand, exportCodebookCommand,
];
