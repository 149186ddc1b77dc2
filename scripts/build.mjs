// Builds the three bundles with esbuild: the Electron main process (ESM), the
// sandboxed preload (CJS, as sandboxed preloads must be) and the renderer.
// Runtime dependencies stay external so electron-builder ships them as they are.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtimeExternal = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root };

rmSync(out, { recursive: true, force: true });

await Promise.all([
  build({
    // the versions worker is an entry of its own: a thread started from its file (electron/versions/worker-client.ts)
    ...common, entryPoints: { main: 'electron/shell/main.ts', cli: 'electron/cli.ts', 'versions-worker': 'electron/versions/detect-worker.ts' },
    outdir: join(out, 'electron'),
    platform: 'node', format: 'esm', target: 'node22', outExtension: { '.js': '.mjs' }, external: runtimeExternal,
    // Dynamic imports become chunks loaded on demand (the CLI's start-up), kept beside the entries
    // because bundled code finds its files from import.meta.dirname (migrations, renderer, preload).
    splitting: true, chunkNames: '[name]-[hash]',
    // esbuild's ESM output has no require; native and CJS dependencies need one.
    banner: { js: "import { createRequire as __lecternCreateRequire } from 'node:module'; const require = __lecternCreateRequire(import.meta.url);" },
  }),
  build({
    ...common, entryPoints: { preload: 'electron/shell/preload.ts' }, outdir: join(out, 'electron'),
    platform: 'node', format: 'cjs', target: 'node22', outExtension: { '.js': '.cjs' }, external: ['electron'],
  }),
  build({
    ...common, entryPoints: { app: 'renderer/main.tsx' }, outdir: join(out, 'renderer'),
    platform: 'browser', format: 'esm', target: 'chrome130', jsx: 'automatic', jsxImportSource: 'preact',
    loader: { '.woff2': 'file', '.woff': 'file', '.svg': 'file' }, minify: !watch,
  }),
]);

mkdirSync(join(out, 'electron', 'migrations'), { recursive: true });
cpSync(join(root, 'db', 'migrations'), join(out, 'electron', 'migrations'), { recursive: true });
cpSync(join(root, 'renderer', 'index.html'), join(out, 'renderer', 'index.html'));
console.log('built dist/electron/{main.mjs,cli.mjs,versions-worker.mjs,preload.cjs} and dist/renderer/');
