// The shape of one CLI command. Commands receive only the handler table the
// desktop app serves (validated, as on every transport), never the store: the
// CLI is the API from a terminal. Command modules stay light (help and usage
// load nothing else); what a command needs beyond the API it imports when it runs.
import type { ParseArgsConfig } from 'node:util';
import type { LecternApi } from '../../common/api-methods.ts';
import { ApiError } from '../../common/types.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  api: LecternApi;
  values: OptionValues;
  positionals: string[];
  json: boolean;
  /** Human-readable progress lines (stderr, only when it is a terminal and not --json). */
  progress(line: string): void;
  /** A warning for the user (stderr, also with --json: stdout keeps its one document). */
  warn(line: string): void;
}

/** What a command produces: the JSON document, its human rendering, and the exit code. */
export interface CommandOutput {
  json: unknown;
  human: string;
  /** Printed exactly as it is instead of `human` (a machine format such as CSV: its CR LF and BOM kept). */
  raw?: string;
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
  /** Whether the handler table should sync continuously while this command runs (lectern sync --watch). */
  continuousSync?(values: OptionValues): boolean;
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

/** The value, or null when the API answered not-found (every other error goes on). */
export async function ifFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not-found') return null;
    throw err;
  }
}
