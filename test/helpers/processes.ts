// Real processes on one library: spawn the project's Node on a script and
// collect what it printed, waiting on conditions (a line printed, an exit),
// never on fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHILD = join(ROOT, 'test', 'helpers', 'db-child.ts');
export const CLI = join(ROOT, 'electron', 'cli.ts');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process has printed a line equal to `line` on stdout. */
  printed(line: string): Promise<void>;
  done: Promise<Finished>;
}

/** Starts `node script ...args` with the Node running the tests (the project's own Node 24). */
export function start(script: string, args: string[], options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}): Running {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = new Set(stdout.split('\n'));
    for (const w of waiters.splice(0)) {
      if (lines.has(w.line)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    printed: (line) => new Promise<void>((resolve, reject) => {
      if (stdout.split('\n').includes(line)) return resolve();
      waiters.push({ line, resolve });
      done.then((f) => reject(new Error(`exited (${f.code}) before printing ${line}:\n${f.stderr}`)), reject);
    }),
  };
}

/** Runs `lectern ARGS` in its own process. */
export const cliProcess = (args: string[], options: Parameters<typeof start>[2] = {}): Promise<Finished> =>
  start(CLI, args, options).done;
