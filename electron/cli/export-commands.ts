// export pdf, export markdown, export annotations, and `import --annotations`,
// all through the API. The CLI's API writes where -o says (its write-path
// policy, cli.ts); the desktop app's only to paths chosen in its save dialog.
import { MAX_ANNOTATION_JSON } from '../../common/api-methods.ts';
import { ApiError, type ExportResult } from '../../common/types.ts';
import { CommandError, UsageError, stringOption, type Command, type CommandContext, type CommandOutput } from './command.ts';
import { readInputFile } from '../input-file.ts';

function output(ctx: CommandContext): string {
  const out = stringOption(ctx.values, 'output');
  if (!out) throw new UsageError('-o FILE is required');
  return out;
}

function described(r: ExportResult): CommandOutput {
  const facts = [
    r.pages !== undefined ? `${r.pages} page${r.pages === 1 ? '' : 's'}` : null,
    r.citations !== undefined ? `${r.citations} citation${r.citations === 1 ? '' : 's'}` : null,
    r.annotations !== undefined ? `${r.annotations} annotation${r.annotations === 1 ? '' : 's'}` : null,
    `${r.bytes} bytes`,
  ].filter(Boolean).join(', ');
  const missing = r.missingGlyphs?.length ? `\nwarning: no glyph in the embedded fonts for: ${r.missingGlyphs.join(' ')}` : '';
  return { json: r, human: `wrote ${r.path} (${facts})${missing}` };
}

const exportPdf: Command = {
  name: 'export pdf',
  usage: 'lectern export pdf [--json] (--source ID | --note ID [--with-sources]) -o FILE.pdf',
  summary: 'Export an annotated source, or a note (optionally with its cited sources appended), as PDF.',
  options: { source: { type: 'string' }, note: { type: 'string' }, 'with-sources': { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  positionals: [0, 0],
  async run(ctx) {
    const sourceId = stringOption(ctx.values, 'source');
    const noteId = stringOption(ctx.values, 'note');
    if ((sourceId === undefined) === (noteId === undefined)) throw new UsageError('export pdf needs exactly one of --source ID or --note ID');
    if (sourceId !== undefined && ctx.values['with-sources']) throw new UsageError('--with-sources applies to --note only');
    const out = output(ctx);
    return described(sourceId !== undefined
      ? await ctx.api.exportSourcePdf(sourceId, out)
      : await ctx.api.exportNotePdf(noteId!, out, { withSources: ctx.values['with-sources'] === true }));
  },
};

const exportMarkdown: Command = {
  name: 'export markdown',
  usage: 'lectern export markdown [--json] --note ID -o FILE.md',
  summary: 'Export a note as Markdown, citations as footnotes.',
  options: { note: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: [0, 0],
  async run(ctx) {
    const noteId = stringOption(ctx.values, 'note');
    if (noteId === undefined) throw new UsageError('export markdown needs --note ID');
    return described(await ctx.api.exportNoteMarkdown(noteId, output(ctx)));
  },
};

const exportAnnotations: Command = {
  name: 'export annotations',
  usage: 'lectern export annotations [--json] --source ID -o FILE.jsonld',
  summary: 'Export a source\'s annotations as a W3C Web Annotation collection (JSON-LD).',
  options: { source: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: [0, 0],
  async run(ctx) {
    const sourceId = stringOption(ctx.values, 'source');
    if (sourceId === undefined) throw new UsageError('export annotations needs --source ID');
    return described(await ctx.api.exportAnnotations(sourceId, output(ctx)));
  },
};

const exportComparison: Command = {
  name: 'export comparison',
  usage: 'lectern export comparison [--json] A B -o FILE.pdf|FILE.md',
  summary: 'Export the comparison report of two sources (metadata and sha256, figures, aligned passages, carried annotations) as PDF or Markdown.',
  options: { output: { type: 'string', short: 'o' } },
  positionals: [2, 2],
  async run(ctx) {
    const [a, b] = ctx.positionals as [string, string];
    const out = output(ctx);
    if (!/\.(pdf|md|markdown)$/i.test(out)) throw new UsageError('export comparison writes FILE.pdf or FILE.md');
    return described(await ctx.api.exportComparison(a, b, out));
  },
};

/** `lectern import --annotations FILE --source ID` (called by the import command when --annotations is given). */
export async function importAnnotationsCommand(ctx: CommandContext): Promise<CommandOutput> {
  const file = stringOption(ctx.values, 'annotations');
  const sourceId = stringOption(ctx.values, 'source');
  if (!file || !sourceId) throw new UsageError('import --annotations FILE needs --source ID');
  if (ctx.positionals.length > 0) throw new UsageError('import --annotations takes no PATH arguments');
  const bytes = readInputFile(file, MAX_ANNOTATION_JSON, 'annotation files');
  // Decoded like an imported source: BOM, UTF-16, legacy encodings.
  const { decodeBytes } = await import('../import/decode.ts');
  const json = decodeBytes(bytes).text;
  if (json.trim().length < 2) throw new CommandError('invalid-json', `${file}: Not JSON: the file is empty`);
  const r = await ctx.api.importAnnotations(sourceId, json).catch((err: unknown) => {
    throw err instanceof ApiError && err.code === 'invalid-json' ? new CommandError(err.code, `${file}: ${err.message}`) : err;
  });
  const lines = [
    ...r.imported.map((i) => `${i.status.padEnd(8)}  ${i.id}  ${i.start}-${i.end}${i.score !== null ? `  score ${i.score}` : ''}  "${i.exact.length > 60 ? `${i.exact.slice(0, 60)}…` : i.exact}"`),
    ...r.skipped.map((k) => `skipped   #${k.index}${k.id ? ` ${k.id}` : ''}: ${k.reason}`),
    `${r.imported.length} imported (${r.anchored} anchored, ${r.moved} moved, ${r.orphaned} orphaned), ${r.skipped.length} skipped`,
  ];
  return { json: r, human: lines.join('\n') };
}

export const exportCommands: Command[] = [exportPdf, exportMarkdown, exportAnnotations, exportComparison];
