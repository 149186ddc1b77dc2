// The desktop shell: one window over the custom app:// protocol, the handler
// table served on IPC, and Electron's security checklist applied.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS } from '../../common/api.ts';
import { openStore, type Store } from '../../db/store.ts';
import { createApi } from '../api.ts';
import { dispatch } from '../dispatch.ts';
import { MENU_CHANNEL, PROGRESS_CHANNEL, SHELL_CHANNELS, ipcChannel } from './ipc-channels.ts';
import { installMenu } from './menu.ts';
import { DB_FILE_NAME } from '../paths.ts';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, IMPORT_FILTERS, isAppUrl, readAppFile } from './shell-config.ts';
import { createMainWindow } from './window.ts';
import { keychainCredentials } from './keychain.ts';
import { startupMaintenance, startupWarning } from '../maintenance.ts';
import { migrateShowingProgress } from './migration-window.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Bundled as dist/electron/main.mjs, beside dist/renderer.
const rendererRoot = join(import.meta.dirname, '..', 'renderer');
let store: Store | undefined;
let mainWindow: BrowserWindow | undefined;

/** Paths the researcher chose in the import dialog or dropped on the window. */
const importable = new Set<string>();

const trusted = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean =>
  event.sender === mainWindow?.webContents && isAppUrl(event.senderFrame?.url);

const forbidden = { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } } as const;

function serveIpc(): void {
  const db = store!;
  const api = createApi({
    store: db,
    mayImportPath: (path) => importable.has(path),
    // the sync password: encrypted by the OS keychain, beside the library, never in it
    syncCredentials: keychainCredentials(join(app.getPath('userData'), 'sync-password.bin')),
    continuousSync: true,
    onProgress: (e) => mainWindow?.webContents.send(PROGRESS_CHANNEL, e),
    // Export methods write only to paths the researcher chose in this dialog.
    chooseSavePath: async (defaultName) => {
      if (!mainWindow) return null;
      const result = await dialog.showSaveDialog(mainWindow, { defaultPath: join(app.getPath('documents'), defaultName) });
      return result.canceled ? null : (result.filePath ?? null);
    },
  });
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, ...args: unknown[]) => (trusted(event) ? dispatch(api, method, args) : forbidden));
  }
  ipcMain.handle(SHELL_CHANNELS.chooseImportPaths, async (event, kind: unknown) => {
    if (!trusted(event) || !mainWindow) return [];
    const folder = kind === 'folder';
    const result = await dialog.showOpenDialog(mainWindow, {
      title: folder ? 'Import a folder' : 'Import files',
      properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(folder ? {} : { filters: IMPORT_FILTERS }),
    });
    if (result.canceled) return [];
    for (const path of result.filePaths) importable.add(path);
    return result.filePaths;
  });
  ipcMain.on(SHELL_CHANNELS.droppedPath, (event, path: unknown) => {
    if (trusted(event) && typeof path === 'string' && path) importable.add(path);
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
  // subframes too (will-navigate sees only the main frame)
  contents.on('will-frame-navigate', (event) => { if (!isAppUrl(event.url)) event.preventDefault(); });
  contents.on('will-redirect', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** A second launch of the app brings the open window forward instead of opening the library twice. */
function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** The integrity check, daily backup and trash purge, in the background; the researcher hears of a problem. */
async function runStartupMaintenance(opened: Store, dataDir: string): Promise<void> {
  const warning = startupWarning(await startupMaintenance({ store: opened, dataDir }));
  if (!warning) return;
  const options = { type: 'warning' as const, title: 'Lectern', message: warning.message, detail: warning.detail };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function start(): void {
  app.on('second-instance', focusMainWindow);
  app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    mkdirSync(userData, { recursive: true });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    const libraryFile = join(userData, DB_FILE_NAME);
    // a long migration (the search index rebuilt after an update) shows its progress before the store opens
    const progress = await migrateShowingProgress(libraryFile);
    store = openStore(libraryFile);

    protocol.handle(APP_SCHEME, async (request) => {
      const file = await readAppFile(request.url, rendererRoot);
      if (!file) return new Response('Not found', { status: 404 });
      return new Response(file.bytes, {
        headers: { 'content-type': file.mime, 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    });

    serveIpc();
    installMenu((command) => mainWindow?.webContents.send(MENU_CHANNEL, command));
    mainWindow = createMainWindow(!app.isPackaged);
    if (progress && !progress.isDestroyed()) progress.destroy();
    void runStartupMaintenance(store, userData);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(!app.isPackaged);
    });
  }).catch((err: unknown) => {
    dialog.showErrorBox('Lectern could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => store?.close());
}

// One app per user: the CLI does not take this lock, so it works beside the app.
if (app.requestSingleInstanceLock()) start();
else app.quit();
