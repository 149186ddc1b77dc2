import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { tempDir } from '../helpers/tmp.ts';
import {
  CONTENT_SECURITY_POLICY, IMPORT_FILTERS, START_URL, isAppUrl, menuTemplate, readAppFile, resolveAppFile, windowOptions,
} from '../../electron/shell/shell-config.ts';
import { resolveDbPath, userDataDir } from '../../electron/paths.ts';
import { IMPORT_EXTENSIONS, importFormat } from '../../common/import-formats.ts';
import { unsupportedReason } from '../../electron/import/collect.ts';

const ROOT = join(import.meta.dirname, '..', '..');

test('window options follow the Electron security checklist', () => {
  const o = windowOptions('/x/preload.cjs', { dark: false, devTools: false });
  const w = o.webPreferences!;
  assert.equal(w.preload, '/x/preload.cjs');
  assert.equal(w.contextIsolation, true);
  assert.equal(w.sandbox, true);
  assert.equal(w.nodeIntegration, false);
  assert.equal(w.nodeIntegrationInWorker, false);
  assert.equal(w.nodeIntegrationInSubFrames, false);
  assert.equal(w.webSecurity, true);
  assert.equal(w.allowRunningInsecureContent, false);
  assert.equal(w.webviewTag, false);
  assert.equal(w.experimentalFeatures, false);
  assert.equal(w.navigateOnDragDrop, false);
  assert.equal(w.devTools, false);
  assert.equal(w.spellcheck, false, 'spellcheck would download dictionaries');
  assert.equal(o.show, false, 'shown on ready-to-show, no white flash');
});

test('only app://lectern pages are trusted', () => {
  assert.equal(isAppUrl(START_URL), true);
  for (const url of ['file:///etc/passwd', 'https://lectern/index.html', 'app://evil/index.html', 'app:lectern', '', null, 'not a url']) {
    assert.equal(isAppUrl(url), false, String(url));
  }
});

test('the protocol serves files under the renderer folder only', () => {
  const root = '/srv/renderer';
  assert.deepEqual(resolveAppFile('app://lectern/index.html', root), { path: '/srv/renderer/index.html', mime: 'text/html; charset=utf-8' });
  assert.equal(resolveAppFile('app://lectern/', root)?.path, '/srv/renderer/index.html');
  assert.equal(resolveAppFile('app://lectern/../../etc/passwd', root), null);
  assert.equal(resolveAppFile('app://lectern/%2e%2e/%2e%2e/etc/passwd.js', root)?.path, '/srv/renderer/etc/passwd.js', 'dot segments stay inside');
  assert.equal(resolveAppFile('app://lectern/..%2f..%2fetc%2fpasswd.js', root), null, 'encoded slashes cannot climb out');
  assert.equal(resolveAppFile('app://lectern/secret.sqlite', root), null, 'unknown types are refused');
  assert.equal(resolveAppFile('app://lectern/%E0.js', root), null, 'malformed encoding is refused, not thrown');
  assert.equal(resolveAppFile('file:///srv/renderer/index.html', root), null);
});

test('the CSP allows no remote origin, no inline script and no inline style; the page\'s own meta CSP says the same', () => {
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.match(CONTENT_SECURITY_POLICY, /style-src 'self'(;|$)/, 'style-src without unsafe-inline (Preact style props set CSSOM properties, which CSP allows)');
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /https?:|\*|unsafe/);
  const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html carries a CSP (the browser preview has no response header)');
  const header = new Set(CONTENT_SECURITY_POLICY.split('; '));
  for (const directive of meta.split(/;\s*/)) assert.ok(header.has(directive), `${directive} is also in the header CSP`);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline scripts');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline styles');
});

test('the app:// handler does not follow a symlink out of the renderer folder (real symlinks)', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'app.js'), 'ok');
    writeFileSync(join(dir, 'secret.js'), 'secret');
    symlinkSync(join(dir, 'secret.js'), join(root, 'leak.js'));
    symlinkSync(dir, join(root, 'assets', 'up'));
    symlinkSync(join(root, 'app.js'), join(root, 'alias.js'));
    assert.equal(new TextDecoder().decode((await readAppFile('app://lectern/app.js', root))!.bytes), 'ok');
    assert.equal(new TextDecoder().decode((await readAppFile('app://lectern/alias.js', root))!.bytes), 'ok', 'a link inside the folder is served');
    assert.equal(await readAppFile('app://lectern/leak.js', root), null, 'a file link pointing out');
    assert.equal(await readAppFile('app://lectern/assets/up/secret.js', root), null, 'a folder link pointing out');
    assert.equal(await readAppFile('app://lectern/missing.js', root), null);
  } finally {
    cleanup();
  }
});

test('packaging: the electron-builder config validates against its schema and sets the Electron fuses', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { build: { electronFuses: Record<string, boolean> } };
  const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const valid = ajv.validate(schema, pkg.build);
  assert.ok(valid, ajv.errorsText());
  assert.deepEqual(
    { ...pkg.build.electronFuses },
    {
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    },
  );
});

test('the open dialog, the importer and the file input share one list of file types', () => {
  assert.deepEqual(IMPORT_FILTERS.flatMap((f) => f.extensions).map((e) => `.${e}`), IMPORT_EXTENSIONS);
  for (const ext of IMPORT_EXTENSIONS) {
    assert.equal(unsupportedReason(`a${ext.toUpperCase()}`), null, ext);
    assert.notEqual(importFormat(ext.toUpperCase()), null);
  }
  assert.equal(importFormat('.MarkDown'), 'markdown');
  assert.equal(importFormat('.toString'), null, 'only the table\'s own keys');
  assert.equal(unsupportedReason('a.png'), 'unsupported file type .png');
});

test('the application menu has Import, Edit, View, Window and Help', () => {
  const sent: string[] = [];
  const t = menuTemplate((c) => sent.push(c), 'linux');
  const file = t.find((m) => m.label === '&File')!;
  const items = file.submenu as Array<{ label?: string; click?: () => void }>;
  items.find((i) => i.label === 'Import Files…')!.click!();
  assert.deepEqual(sent, ['import-files']);
  assert.ok(t.some((m) => m.role === 'editMenu'));
  assert.ok(t.some((m) => m.label === '&View'));
  assert.ok(t.some((m) => m.role === 'windowMenu'));
  assert.ok(t.some((m) => m.role === 'help'));
});

test('the CLI finds the desktop app database without Electron', () => {
  assert.equal(userDataDir('linux', {}, '/home/r'), '/home/r/.config/Lectern');
  assert.equal(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/r'), '/cfg/Lectern');
  assert.equal(userDataDir('darwin', {}, '/Users/r'), '/Users/r/Library/Application Support/Lectern');
  assert.match(userDataDir('win32', { APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, 'C:\\Users\\r'), /Roaming.Lectern$/);
  assert.equal(resolveDbPath('/a.db', { LECTERN_DB: '/b.db' }), '/a.db');
  assert.equal(resolveDbPath(undefined, { LECTERN_DB: '/b.db' }), '/b.db');
});

/** The shell: the only folder that may import electron at run time. */
const SHELL = 'electron/shell/';
const LAYER_RULES: Array<[string, RegExp]> = [
  ['common/', /^(node:|fs$|path$|os$|crypto$|electron$|better-sqlite3$)|\.\.\/(db|electron|renderer)\//],
  ['db/', /^electron$|\.\.\/(electron|renderer)\//],
  ['renderer/', /^(node:|electron$|better-sqlite3$)|\/(db|electron)\//],
];
/** The services in electron/ (everything but the shell) serve every transport: they never import the shell or the renderer. */
const SERVICE_RULE = /(^|\/)shell\/|\/renderer\//;
/** CLI commands get only the validated handler table: no store, no service, no unvalidated handler table. */
const CLI_COMMAND_RULE = /\/db\/|\/export\/|import-service|(^|\/)api\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(join(ROOT, rel)).isDirectory() ? sourceFiles(rel) : /\.(ts|tsx|mts|mjs|js)$/.test(name) ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?\bfrom\s*)?['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

test('only electron/shell/** imports electron, and layers only import downwards', () => {
  const files = ['common', 'db', 'electron', 'renderer', 'test', 'bench', 'scripts'].flatMap(sourceFiles);
  assert.ok(files.length > 20, 'the walk found the sources');
  assert.ok(files.some((f) => f.startsWith(SHELL)), 'the walk found the shell');
  const offenders: string[] = [];
  for (const file of files) {
    for (const spec of imports(file)) {
      if (spec === 'electron' && !file.startsWith(SHELL)) offenders.push(`${file} imports electron`);
      for (const [layer, forbidden] of LAYER_RULES) {
        if (file.startsWith(layer) && forbidden.test(spec)) offenders.push(`${file} imports ${spec}`);
      }
      if (file.startsWith('electron/') && !file.startsWith(SHELL) && SERVICE_RULE.test(spec)) offenders.push(`${file} imports ${spec}`);
      if (file.startsWith('electron/cli/') && CLI_COMMAND_RULE.test(spec)) offenders.push(`${file} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
  assert.ok(imports('electron/shell/main.ts').includes('electron'), 'the check sees a real electron import');
  assert.ok(imports('electron/shell/main.ts').includes('../api.ts'), 'the check sees the shell importing a service');
});
