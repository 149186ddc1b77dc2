// Node decodes command-line arguments as UTF-8, so a file name that is not
// (a Latin-1 "caf\xe9.txt") arrives as "caf\uFFFD.txt" and cannot be opened.
// On Linux the bytes the shell passed are in /proc/self/cmdline; the npm bin,
// when it runs the CLI as a child, hands its own over in LECTERN_RAW_ARGV.
import { readFileSync } from 'node:fs';
import { decodeFsName } from '../fs-path.ts';

/** The bin's arguments as bytes (base64, JSON), for its child. */
export const RAW_ARGV_ENV = 'LECTERN_RAW_ARGV';

function rawArgs(count: number, env: NodeJS.ProcessEnv): Buffer[] | null {
  const handed = env[RAW_ARGV_ENV];
  if (handed) {
    try { return (JSON.parse(handed) as string[]).map((b) => Buffer.from(b, 'base64')); } catch { return null; }
  }
  let cmdline: Buffer;
  try { cmdline = readFileSync('/proc/self/cmdline'); } catch { return null; }
  const parts: Buffer[] = [];
  for (let start = 0, i = 0; i < cmdline.length; i++) {
    if (cmdline[i] === 0) { parts.push(cmdline.subarray(start, i)); start = i + 1; }
  }
  return parts.length >= count ? parts.slice(parts.length - count) : null;
}

/** argv with each argument that lost bytes to U+FFFD decoded again from its bytes (invalid ones kept as escapes). */
export function recoverArgv(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (!argv.some((a) => a.includes('\uFFFD'))) return argv;
  const raw = rawArgs(argv.length, env);
  // only when the bytes are these very arguments
  if (!raw || raw.length !== argv.length || raw.some((b, i) => b.toString('utf8') !== argv[i])) return argv;
  return raw.map(decodeFsName);
}
