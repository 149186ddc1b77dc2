// Runs the built Electron main process and preload (dist/electron) under plain
// Node with a recording stand-in for the 'electron' module: the closest this
// machine gets to launching the shell, which needs the Electron binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_METHODS } from '../../common/api-methods.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';
import { withApi } from '../helpers/api.ts';
import { BridgeError, TRANSPORT_GLOBAL } from '../../common/bridge.ts';
import { dispatch } from '../../electron/dispatch.ts';
import { installBridge } from '../../renderer/bridge.ts';
import type * as FakeElectron from '../helpers/fake-electron.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'electron');
const FAKE = pathToFileURL(join(import.meta.dirname, '..', 'helpers', 'fake-electron.ts')).href;

registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: FAKE, shortCircuit: true } : next(specifier, context)),
});
const fake = (await import(FAKE)) as typeof FakeElectron;
const { record } = fake;

if (!existsSync(join(DIST, 'main.mjs')) || !existsSync(join(DIST, 'preload.cjs'))) {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  assert.equal(built.status, 0, 'npm run build');
}

const until = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), 'condition not reached');
};

test('the built main process: window, protocol, permissions, navigation, IPC and menu', async () => {
  const { dir, cleanup } = tempDir();
  record.userData = dir;
  try {
    await import(pathToFileURL(join(DIST, 'main.mjs')).href);
    await until(() => record.windows.length === 1 && record.menuTemplate !== null);

    assert.deepEqual(record.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const win = record.windows[0]!;
    assert.equal(win.url, 'app://lectern/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.preload, join(DIST, 'preload.cjs'));
    assert.ok(existsSync(prefs.preload as string));
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);

    // The custom protocol serves the built renderer with the CSP, and nothing outside it.
    const serve = record.protocolHandlers.get('app')!;
    const index = await serve({ url: 'app://lectern/index.html' });
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type')!, /text\/html/);
    assert.match(index.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.match(await index.text(), /<script type="module" src="app.js">/);
    assert.equal((await serve({ url: 'app://lectern/app.js' })).status, 200);
    assert.equal((await serve({ url: 'app://lectern/..%2f..%2fpackage.json' })).status, 404);
    assert.equal((await serve({ url: 'app://lectern/missing.js' })).status, 404);

    // Permissions are denied; new windows are denied; navigation away is blocked.
    let granted: boolean | undefined;
    (record.permissionRequest as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => { granted = ok; });
    assert.equal(granted, false);
    assert.equal((record.permissionCheck as () => boolean)(), false);
    const contents = fake.webContents();
    for (const fn of record.appListeners.get('web-contents-created') ?? []) (fn as (e: unknown, c: unknown) => void)({}, contents);
    assert.deepEqual((contents.windowOpenHandler as () => unknown)(), { action: 'deny' });
    const navigate = (url: string) => {
      let prevented = false;
      (contents.listeners.get('will-navigate') as (e: { preventDefault(): void }, url: string) => void)({ preventDefault: () => { prevented = true; } }, url);
      return prevented;
    };
    assert.equal(navigate('https://example.org/'), true);
    assert.equal(navigate('file:///etc/passwd'), true);
    assert.equal(navigate('app://lectern/index.html'), false);
    const frameNavigate = (url: string) => {
      let prevented = false;
      (contents.listeners.get('will-frame-navigate') as (e: { url: string; isMainFrame: boolean; preventDefault(): void }) => void)(
        { url, isMainFrame: false, preventDefault: () => { prevented = true; } });
      return prevented;
    };
    assert.equal(frameNavigate('https://example.org/'), true, 'a subframe cannot navigate away either');
    assert.equal(frameNavigate('app://lectern/index.html'), false);

    // Every API method is served on IPC, from the app's own frame only, through dispatch.
    for (const m of API_METHODS) assert.ok(record.ipcHandlers.has(`lectern:${m}`), `no IPC handler for ${m}`);
    const call = (channel: string, event: unknown, ...args: unknown[]) =>
      (record.ipcHandlers.get(channel) as (e: unknown, ...a: unknown[]) => Promise<unknown>)(event, ...args);
    const trusted = { sender: win.webContents, senderFrame: { url: 'app://lectern/index.html' } };
    assert.deepEqual(await call('lectern:listSources', trusted), { ok: true, value: [] });
    const refused = await call('lectern:importPaths', trusted, [SEED_000]) as { ok: boolean; error: { code: string } };
    assert.equal(refused.error.code, 'forbidden-path', 'only chosen or dropped paths may be imported');
    const dropped = record.ipcListeners.get('lectern-shell:droppedPath') as (e: unknown, p: unknown) => void;
    dropped({ sender: fake.webContents(), senderFrame: { url: 'app://lectern/index.html' } }, SEED_000);
    assert.equal((await call('lectern:importPaths', trusted, [SEED_000]) as { ok: boolean }).ok, false, 'a foreign sender cannot allow a path');
    dropped(trusted, SEED_000);
    const imported = await call('lectern:importPaths', trusted, [SEED_000]) as { ok: boolean; value: { imported: Array<{ id: string }> } };
    assert.equal(imported.value.imported.length, 1);

    // Exports go only to a path the save dialog answered, and only once.
    const sourceId = imported.value.imported[0]!.id;
    const chosen = join(dir, 'chosen.jsonld');
    const dialogs: unknown[] = [];
    fake.dialog.showSaveDialog = (...args: unknown[]) => { dialogs.push(args[1]); return Promise.resolve({ canceled: false, filePath: chosen }); };
    const notChosen = await call('lectern:exportAnnotations', trusted, sourceId, join(dir, 'elsewhere.jsonld')) as { ok: boolean; error: { code: string } };
    assert.equal(notChosen.error.code, 'forbidden-path', 'a path the researcher did not choose');
    assert.deepEqual(await call('lectern:chooseSavePath', trusted, 'x.jsonld'), { ok: true, value: chosen });
    assert.equal(dialogs.length, 1, 'the save dialog was shown');
    const first = await call('lectern:exportAnnotations', trusted, sourceId, chosen) as { ok: boolean; value: { path: string } };
    assert.equal(first.value.path, chosen);
    assert.ok(existsSync(chosen));
    const again = await call('lectern:exportAnnotations', trusted, sourceId, chosen) as { ok: boolean; error: { code: string } };
    assert.equal(again.error.code, 'forbidden-path', 'a chosen path is spent by its export');
    assert.ok(win.webContents.sent.some(([channel]) => channel === 'lectern:progress'), 'progress reaches the window');
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
    assert.deepEqual(await call('lectern:listSources', { sender: win.webContents, senderFrame: { url: 'https://evil.example/' } }), forbidden);
    assert.deepEqual(await call('lectern:listSources', { sender: fake.webContents(), senderFrame: { url: 'app://lectern/index.html' } }), forbidden);
    const invalid = await call('lectern:getSource', trusted, 42) as { ok: boolean; error: { code: string } };
    assert.equal(invalid.error.code, 'invalid-arguments');

    // A second launch focuses this window (restored if minimized) and opens nothing new.
    assert.equal(record.quits, 0, 'the first instance holds the lock and runs');
    win.window.minimized = true;
    for (const fn of record.appListeners.get('second-instance') ?? []) (fn as () => void)();
    assert.deepEqual(record.windowCalls.slice(-3), ['restore', 'show', 'focus']);
    assert.equal(record.windows.length, 1);

    // The menu's Import Files… reaches the renderer as a menu command.
    const file = (record.menuTemplate as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>)
      .find((m) => m.label === '&File')!;
    file.submenu!.find((i) => i.label === 'Import Files…')!.click!();
    assert.deepEqual(win.webContents.sent.at(-1), ['lectern:menu', 'import-files']);

    // Start-up maintenance ran in the background: today's backup is in the data folder, and a sound library warns of nothing.
    await until(() => existsSync(join(dir, 'backups')) && readdirSync(join(dir, 'backups')).some((f) => f.endsWith('.db')));
    assert.deepEqual(record.messageBoxes, []);

    for (const fn of record.appListeners.get('will-quit') ?? []) (fn as () => void)();
  } finally {
    cleanup();
  }
});

test('a second instance of the built main process quits without a window, store or IPC (another Lectern holds the lock)', async () => {
  const before = { windows: record.windows.length, handlers: record.ipcHandlers.size, quits: record.quits, ready: record.appListeners.get('will-quit')?.length ?? 0 };
  record.singleInstanceLock = false;
  record.ipcHandlers.clear();
  try {
    await import(`${pathToFileURL(join(DIST, 'main.mjs')).href}?second-instance`); // a fresh copy of the module
    await new Promise(setImmediate); // past the microtasks where a wrongly started instance would open its window
    assert.equal(record.quits, before.quits + 1, 'it quits');
    assert.equal(record.windows.length, before.windows, 'no window');
    assert.equal(record.ipcHandlers.size, 0, 'no IPC');
    assert.equal(record.appListeners.get('will-quit')?.length ?? 0, before.ready, 'no store to close');
  } finally {
    record.singleInstanceLock = true;
  }
});

test('the built preload exposes exactly the transport; renderer/bridge.ts builds window.lectern from it', async () => {
  createRequire(import.meta.url)(join(DIST, 'preload.cjs'));
  assert.deepEqual([...record.exposed.keys()], [TRANSPORT_GLOBAL]);
  const transport = record.exposed.get(TRANSPORT_GLOBAL) as Record<string, unknown>;
  assert.deepEqual(Object.keys(transport).sort(), ['call', 'shell', 'pathForFile', 'onProgress', 'onMenuCommand', 'chooseImportPaths'].sort());
  assert.equal(transport.shell, 'electron');

  // The page's side: the same module the renderer bundle runs, over what crossed the (stand-in) contextBridge.
  const win: Record<string, unknown> = { [TRANSPORT_GLOBAL]: transport };
  const lectern = installBridge(win) as unknown as Record<string, unknown>;
  assert.equal(win.lectern, lectern);
  assert.deepEqual(Object.keys(lectern).sort(), [...API_METHODS, 'shell', 'pathForFile', 'onProgress', 'onMenuCommand', 'chooseImportPaths'].sort());
  assert.equal(lectern.shell, 'electron');

  await withApi(async ({ api }) => {
    // IPC answered by the real dispatcher over a real database, as the main process does.
    record.invokeResult = (channel, args) => dispatch(api, channel.replace(/^lectern:/, ''), args);
    assert.deepEqual(await (lectern.listTags as () => Promise<unknown>)(), []);
    assert.deepEqual(record.invoked.at(-1), ['lectern:listTags', []]);
    await assert.rejects((lectern.getSource as (id: string) => Promise<unknown>)('no-such-source'), (err: unknown) => {
      assert.ok(err instanceof BridgeError, 'a BridgeError');
      assert.equal(err.code, 'not-found', 'the code arrives although contextBridge copies only an Error\'s message');
      assert.match(err.message, /no-such-source/);
      return true;
    });
    await assert.rejects((lectern.getSource as (id: unknown) => Promise<unknown>)(42), (err: unknown) =>
      err instanceof BridgeError && err.code === 'invalid-arguments');
  });
  // A method the contract does not have never reaches IPC.
  const invokedBefore = record.invoked.length;
  assert.deepEqual(await (transport.call as (m: string, a: unknown[]) => Promise<unknown>)('dropDatabase', []),
    { ok: false, error: { code: 'unknown-method', message: 'No such method: dropDatabase' } });
  assert.equal(record.invoked.length, invokedBefore);

  const seen: unknown[] = [];
  const stop = (lectern.onProgress as (fn: (e: unknown) => void) => () => void)((e) => seen.push(e));
  for (const fn of record.rendererListeners.get('lectern:progress') ?? []) (fn as (ev: unknown, e: unknown) => void)({}, { done: 1 });
  stop();
  assert.deepEqual(seen, [{ done: 1 }]);
  assert.deepEqual(record.rendererListeners.get('lectern:progress'), []);
  assert.equal((lectern.pathForFile as (f: unknown) => string)({ path: '/home/r/a.txt' }), '/home/r/a.txt');
  assert.deepEqual(record.rendererSent.at(-1), ['lectern-shell:droppedPath', ['/home/r/a.txt']], 'a dropped path is reported to the main process');
});
