#!/usr/bin/env node
// npm bin for `lectern`. Runs the CLI in this process when this Node can:
// better-sqlite3 needs Node >= 22, and the TypeScript entry (used when
// dist/ is not built) needs Node's type stripping. Otherwise it runs the CLI
// on the Node the project brings (node_modules/node) as a child that dies with
// this process: signals are forwarded, and the child exits when the IPC
// channel to this process closes (even on kill -9, which cannot be forwarded).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'electron', 'cli.mjs');
const entry = existsSync(built) ? built : join(root, 'electron', 'cli.ts');
const major = Number(process.versions.node.split('.')[0]);
const canRunHere = major >= 22 && (entry.endsWith('.mjs') || Boolean(process.features.typescript))
  && process.env.LECTERN_BIN_SPAWN !== '1'; // the child-process path, forced (tests)

/**
 * Spawn arguments are UTF-8 strings: a file name that is not UTF-8 would reach
 * the child as U+FFFD. Its bytes go along in LECTERN_RAW_ARGV (electron/cli/raw-argv.ts).
 */
function rawArgvEnv(count) {
  if (!process.argv.slice(2).some((a) => a.includes('\uFFFD'))) return {};
  try {
    const parts = readFileSync('/proc/self/cmdline').toString('latin1').split('\0').slice(0, -1);
    return { LECTERN_RAW_ARGV: JSON.stringify(parts.slice(-count).map((p) => Buffer.from(p, 'latin1').toString('base64'))) };
  } catch {
    return {};
  }
}

if (canRunHere) {
  const { main } = await import(pathToFileURL(entry).href);
  await main(process.argv.slice(2));
} else {
  let node;
  try {
    node = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
  } catch {
    console.error(`lectern: Node ${process.versions.node} cannot run Lectern (need >= 22) and the project's own Node is not installed; run npm install.`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const child = spawn(node, [entry, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LECTERN_BIN_CHILD: '1', ...rawArgvEnv(args.length) },
  });
  const forward = (signal) => { child.kill(signal); };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) process.on(signal, forward);
  child.on('error', (err) => {
    console.error(`lectern: cannot start ${node}: ${err.message}`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // die of the same signal, so the shell sees what happened (e.g. 130 for Ctrl-C)
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
