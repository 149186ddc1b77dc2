#!/usr/bin/env node
// npm bin for `lectern`. better-sqlite3 needs Node >= 22: when the node running
// this is older, re-run with the Node the project brings (node_modules/node).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'electron', 'cli.mjs');
const entry = existsSync(built) ? built : join(root, 'electron', 'cli.ts');
const major = Number(process.versions.node.split('.')[0]);

let node = process.execPath;
if (major < 22 || (entry.endsWith('.ts') && major < 23)) {
  try {
    node = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
  } catch {
    console.error(`lectern: Node ${process.versions.node} is too old (need >= 22) and the project's own Node is not installed; run npm install.`);
    process.exit(2);
  }
}
const result = spawnSync(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
