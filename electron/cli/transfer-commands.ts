// copy / move: sources, with their annotations, into another library file
// (a team's library beside a private one). See electron/transfer/copy-sources.ts.
import type { TransferResult, TransferredSource } from '../../common/types.ts';
import { UsageError, stringOption, type Command, type CommandContext } from './command.ts';

const STATUS: Record<TransferredSource['status'], string> = {
  'copied': 'copied',
  'already-there': 'already there',
  'same-file-there': 'the same file is there already as',
};

const sourceLine = (s: TransferredSource): string =>
  `${s.id}  "${s.title}": ${STATUS[s.status]}${s.status === 'same-file-there' ? ` ${s.targetId}` : ''}, ${s.annotations} annotation(s) added`;

function human(r: TransferResult, move: boolean): string {
  return [
    ...r.sources.map(sourceLine),
    ...r.failed.map((f) => `${f.id}  not copied: ${f.reason}`),
    `${r.sources.length} source(s) into ${r.to}${move ? `; ${r.moved} moved to this library's trash (lectern restore ID undoes it)` : ''}`
      + (r.failed.length ? `; ${r.failed.length} not copied` : ''),
  ].join('\n');
}

async function transfer({ api, values, positionals }: CommandContext, move: boolean) {
  const to = stringOption(values, 'to');
  if (to === undefined) throw new UsageError('--to OTHER.db is needed: the library to copy into');
  const result = await api.copySources(positionals, to, { move });
  return { json: result, human: human(result, move), exitCode: result.failed.length > 0 ? 1 as const : 0 as const };
}

const copyCommand: Command = {
  name: 'copy',
  usage: 'lectern copy [--json] --to OTHER.db [--move] SOURCE_ID...',
  summary: 'Copy sources into another library, with their text, original file and annotations (tags matched by name there). '
    + 'Copying again adds nothing; a source whose file is there already gets the annotations it lacks. '
    + '--move then moves them to this library\'s trash, only after the copy was saved there.',
  options: { to: { type: 'string' }, move: { type: 'boolean' } },
  positionals: [1, 10_000],
  run: (ctx) => transfer(ctx, ctx.values.move === true),
};

const moveCommand: Command = {
  name: 'move',
  usage: 'lectern move [--json] --to OTHER.db SOURCE_ID...',
  summary: 'lectern copy --move: copy sources into another library, then move them to this library\'s trash.',
  options: { to: { type: 'string' } },
  positionals: [1, 10_000],
  run: (ctx) => transfer(ctx, true),
};

export const transferCommands: Command[] = [copyCommand, moveCommand];
