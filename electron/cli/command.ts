// The shape of one CLI command. Commands receive the same handler table the
// desktop app serves, so the CLI is the API from a terminal.
import type { ParseArgsConfig } from 'node:util';
import type { LecternApi } from '../../common/api.ts';
import type { Store } from '../../db/store.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  api: LecternApi;
  store: Store;
  values: OptionValues;
  positionals: string[];
  json: boolean;
  /** Human-readable progress lines (stderr, only when it is a terminal and not --json). */
  progress(line: string): void;
}

/** What a command produces: the JSON document, its human rendering, and the exit code. */
export interface CommandOutput {
  json: unknown;
  human: string;
  exitCode?: 0 | 1;
}

export interface Command {
  /** One or two words: 'import', 'note create'. */
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec;
  /** Minimum and maximum positional arguments. */
  positionals: [number, number];
  run(ctx: CommandContext): Promise<CommandOutput>;
}

/** A request that cannot be met (unknown id, quote not found): exit 1 with {error}. */
export class CommandError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Bad usage: exit 2. */
export class UsageError extends Error {}

export const stringOption = (v: OptionValues, name: string): string | undefined =>
  typeof v[name] === 'string' ? (v[name] as string) : undefined;

export const stringsOption = (v: OptionValues, name: string): string[] =>
  Array.isArray(v[name]) ? (v[name] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
