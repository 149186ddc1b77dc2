// `lectern`: the same handler table as the desktop app, from a terminal.
// Exit codes: 0 success, 1 some input failed or the request cannot be met, 2 bad usage.
// Start-up loads only the argument parser and the command table; the store,
// the validated handler table and whatever a command needs are imported when
// a command runs (help and usage errors never load them).
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../db/store.ts';
import type { MigrationProgress, OnMigrationProgress } from '../db/migrate.ts';
import { resolveDbPath } from './paths.ts';
import { recoverArgv } from './cli/raw-argv.ts';
import { forTerminal } from './cli/terminal-text.ts';
import { CommandError, UsageError, type Command, type OptionSpec } from './cli/command.ts';
import { libraryCommands } from './cli/library-commands.ts';
import { noteCommands } from './cli/note-commands.ts';
import { exportCommands } from './cli/export-commands.ts';
import { maintenanceCommands } from './cli/maintenance-commands.ts';
import { versionsCommands } from './cli/versions-commands.ts';
import { syncCommands } from './cli/sync-commands.ts';
import { cliSyncCredentials } from './cli/sync-password.ts';
import { collectionCommands } from './cli/collection-commands.ts';
import { reencodeCommands } from './cli/reencode-command.ts';
import { annotationCommands } from './cli/annotation-commands.ts';
import { transferCommands } from './cli/transfer-commands.ts';

export const COMMANDS: Command[] = [...libraryCommands, ...collectionCommands, ...annotationCommands, ...noteCommands, ...exportCommands, ...versionsCommands, ...reencodeCommands, ...maintenanceCommands, ...syncCommands, ...transferCommands];

const GLOBAL_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
};

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: lectern [--db FILE] COMMAND [--json] [ARGS]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options (before or after the command):',
    '  --db FILE   database file (default: $LECTERN_DB, else the desktop app\'s own database)',
    '  --json      print exactly one JSON document on stdout',
    '  --help      help for a command: lectern COMMAND --help',
    '',
  ].join('\n');
}

const commandHelp = (c: Command): string => `Usage: ${c.usage}\n\n${c.summary}\n\nGlobal options: --db FILE, --json, --help\n`;

/** Positions of the words that are neither options nor the value of --db (the command's name comes first). */
function commandWords(argv: string[]): number[] {
  const words: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') { i++; continue; }
    if (a.startsWith('-')) continue;
    words.push(i);
  }
  return words;
}

/** Finds the command named by the first non-option words (options may precede it). */
function findCommand(argv: string[]): { command: Command | undefined; rest: string[] } {
  const [first, second] = commandWords(argv);
  if (first === undefined) return { command: undefined, rest: argv };
  const two = second !== undefined ? `${argv[first]} ${argv[second]}` : undefined;
  const byTwo = two !== undefined ? COMMANDS.find((c) => c.name === two) : undefined;
  if (byTwo) return { command: byTwo, rest: argv.filter((_, i) => i !== first && i !== second) };
  const byOne = COMMANDS.find((c) => c.name === argv[first]);
  return { command: byOne, rest: byOne ? argv.filter((_, i) => i !== first) : argv };
}

/** A long migration step (the search index rebuilt after an update) on stderr: in place on a terminal, else a line per tenth. */
function migrationProgress(io: CliIo, progressText: (p: MigrationProgress) => string): OnMigrationProgress {
  let tenths = -1;
  return (p) => {
    const end = p.done >= p.total;
    if (io.isTTY) io.stderr(`\r${progressText(p)}\x1b[K${end ? '\n' : ''}`);
    else if (Math.floor((10 * p.done) / p.total) > tenths || end) {
      tenths = Math.floor((10 * p.done) / p.total);
      io.stderr(`${progressText(p)}\n`);
    }
  };
}

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const { command, rest } = findCommand(argv);
  const wantsJson = argv.includes('--json');
  const fail = (code: number, err: { code: string; message: string }): number => {
    if (wantsJson) io.stdout(`${JSON.stringify({ error: err })}\n`);
    io.stderr(`lectern: ${forTerminal(err.message)}\n`);
    return code;
  };
  const firstWord = argv[commandWords(argv)[0] ?? -1];

  if (!command) {
    // `lectern note --help`, `lectern export`: the commands of that group.
    const group = firstWord;
    const members = group ? COMMANDS.filter((c) => c.name.startsWith(`${group} `)) : [];
    if (members.length > 0) {
      const help = `${members.map((c) => `Usage: ${c.usage}\n  ${c.summary}`).join('\n\n')}\n`;
      if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(help);
        return 0;
      }
      io.stderr(help);
      return fail(2, { code: 'usage', message: `${group} needs one of: ${members.map((c) => c.name.split(' ')[1]).join(', ')}` });
    }
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      io.stdout(generalHelp());
      return argv.length === 0 ? 2 : 0;
    }
    io.stderr(generalHelp());
    return fail(2, { code: 'usage', message: firstWord === undefined ? `no command given (${argv.join(' ')})` : `unknown command: ${firstWord}` });
  }

  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    const [min, max] = command.positionals;
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    // an empty --db would silently fall back to the desktop app's own library
    if (parsed.values.db === '') throw new UsageError('--db needs a file name; it was empty');
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UsageError(`${command.name} takes ${min === max ? min : `${min}${max === Infinity ? ' or more' : `-${max}`}`} argument(s)`);
    }
  } catch (err) {
    io.stderr(commandHelp(command));
    return fail(2, { code: 'usage', message: err instanceof Error ? err.message : String(err) });
  }

  const json = parsed.values.json === true;
  const dbPath = resolveDbPath(typeof parsed.values.db === 'string' ? parsed.values.db : undefined, io.env);
  const [{ openStore }, { createApi }, { toErrorShape, validated }, { progressText }] = await Promise.all([
    import('../db/store.ts'), import('./api.ts'), import('./dispatch.ts'), import('../db/migrate.ts'),
  ]);
  let store: Store;
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    store = openStore(dbPath, { onMigrationProgress: migrationProgress(io, progressText) });
  } catch (err) {
    return fail(1, { code: 'db-unavailable', message: `cannot open the database ${dbPath}: ${err instanceof Error ? err.message : String(err)}` });
  }
  const progress = (line: string): void => { if (!json && io.isTTY) io.stderr(`\r${forTerminal(line)}\x1b[K`); };
  try {
    const api = validated(createApi({
      store,
      onProgress: (e) => progress(`${e.task} ${e.done}/${e.total} ${e.current}`),
      mayWritePath: () => true, // the CLI writes where the user said
      syncCredentials: cliSyncCredentials(io.env),
      continuousSync: command.continuousSync?.(parsed.values) ?? false,
    }));
    const warn = (line: string): void => io.stderr(`lectern: warning: ${forTerminal(line)}\n`);
    const out = await command.run({ api, values: parsed.values, positionals: parsed.positionals, json, progress, warn });
    if (!json && io.isTTY) io.stderr('\r\x1b[K');
    io.stdout(json ? `${JSON.stringify(out.json)}\n` : out.raw ?? `${forTerminal(out.human)}\n`);
    return out.exitCode ?? 0;
  } catch (err) {
    if (err instanceof UsageError) return fail(2, { code: 'usage', message: err.message });
    const shape = err instanceof CommandError ? { code: err.code, message: err.message } : toErrorShape(err);
    return fail(shape.code === 'invalid-arguments' ? 2 : 1, shape);
  } finally {
    store.close();
  }
}

/** Exit status when the reader of stdout went away (`lectern list | head -1`): 128 + SIGPIPE, as a tool killed by it. */
const EXIT_PIPE_CLOSED = 141;

/** The process entry (`node cli.ts`, `npm run lectern`, the npm bin in-process or as its child). */
export async function main(argv: string[]): Promise<void> {
  // A closed pipe is the reader being done, not an error: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(EXIT_PIPE_CLOSED);
      throw err;
    });
  }
  // Started by bin/lectern.mjs as its child: die with the parent, even when it was killed -9.
  if (process.env.LECTERN_BIN_CHILD === '1' && process.channel) {
    process.channel.unref();
    process.on('disconnect', () => process.exit(1));
    if (!process.connected) process.exit(1); // the parent died before the listener was there
  }
  process.exitCode = await runCli(recoverArgv(argv));
}

if (import.meta.main) await main(process.argv.slice(2));
