// A stand-in for the 'electron' module, recording what the shell files do with
// it, so the built main process and preload can run under plain Node in tests.
// (The real package would try to download the Electron binary.)

type Handler = (...args: never[]) => unknown;

export interface FakeWebContents {
  sent: Array<[string, unknown]>;
  send(channel: string, payload: unknown): void;
  listeners: Map<string, Handler>;
  on(event: string, fn: Handler): void;
  windowOpenHandler?: Handler;
  setWindowOpenHandler(fn: Handler): void;
}

export const record = {
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  ipcListeners: new Map<string, Handler>(),
  rendererSent: [] as Array<[string, unknown[]]>,
  appListeners: new Map<string, Handler[]>(),
  windows: [] as Array<{ options: Record<string, unknown>; url?: string; webContents: FakeWebContents; window: { minimized: boolean } }>,
  menuTemplate: null as unknown,
  permissionRequest: null as Handler | null,
  permissionCheck: null as Handler | null,
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Handler[]>(),
  invoked: [] as Array<[string, unknown[]]>,
  invokeResult: (_channel: string, _args: unknown[]): unknown => ({ ok: true, value: null }),
  userData: '',
  /** What requestSingleInstanceLock answers (false: another Lectern is running). */
  singleInstanceLock: true,
  quits: 0,
  /** What was done to each window, in order ('restore', 'show', 'focus'). */
  windowCalls: [] as string[],
  /** The options of every message box the shell showed. */
  messageBoxes: [] as unknown[],
};

export function webContents(): FakeWebContents {
  return {
    sent: [],
    send(channel, payload) { this.sent.push([channel, payload]); },
    listeners: new Map(),
    on(event, fn) { this.listeners.set(event, fn); },
    setWindowOpenHandler(fn) { this.windowOpenHandler = fn; },
  };
}

export const app = {
  isPackaged: false,
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => (name === 'userData' ? record.userData : `/tmp/fake-${name}`),
  on(event: string, fn: Handler) {
    record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), fn]);
  },
  requestSingleInstanceLock: () => record.singleInstanceLock,
  quit() { record.quits++; },
  exit() {},
};

export class BrowserWindow {
  readonly webContents = webContents();
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    this.options = options;
    record.windows.push({ options, webContents: this.webContents, window: this });
  }
  static getAllWindows() { return record.windows; }
  minimized = false;
  once() {}
  isMinimized() { return this.minimized; }
  restore() { record.windowCalls.push('restore'); this.minimized = false; }
  focus() { record.windowCalls.push('focus'); }
  show() { record.windowCalls.push('show'); }
  loadURL(url: string) { record.windows.at(-1)!.url = url; return Promise.resolve(); }
}

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => { record.schemes.push(...schemes); },
  handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => { record.protocolHandlers.set(scheme, fn); },
};

export const ipcMain = {
  handle: (channel: string, fn: Handler) => { record.ipcHandlers.set(channel, fn); },
  on: (channel: string, fn: Handler) => { record.ipcListeners.set(channel, fn); },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn: Handler) => { record.permissionRequest = fn; },
    setPermissionCheckHandler: (fn: Handler) => { record.permissionCheck = fn; },
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => { record.menuTemplate = menu; },
};

export const dialog = {
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  showSaveDialog: (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => Promise.resolve({ canceled: true }),
  showErrorBox: (title: string, message: string) => { throw new Error(`${title}: ${message}`); },
  showMessageBox: (...args: unknown[]) => { record.messageBoxes.push(args.at(-1)); return Promise.resolve({ response: 0 }); },
};

export const nativeTheme = { shouldUseDarkColors: false };

/** The OS keychain: this stand-in has none (as Linux without a keyring), so a sync password would last the session only. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (s: string) => Buffer.from(s),
  decryptString: (b: Buffer) => b.toString(),
};

/**
 * What crossing contextBridge does to a value, as Electron documents it: plain
 * data is copied, functions and promises are proxied (their arguments and
 * results cross too), and an Error is copied with its message only, losing
 * every other property (a `code`, for one).
 */
export function acrossContextBridge(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      try {
        return acrossContextBridge((value as (...a: unknown[]) => unknown)(...args.map(acrossContextBridge)));
      } catch (err) {
        throw acrossContextBridge(err);
      }
    };
  }
  if (value instanceof Error) return new Error(value.message);
  if (value instanceof Promise) {
    return value.then(acrossContextBridge, (err: unknown) => { throw acrossContextBridge(err); });
  }
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(acrossContextBridge);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, acrossContextBridge(v)]));
}

// Renderer-side modules, for the preload.
export const contextBridge = {
  exposeInMainWorld: (key: string, value: unknown) => { record.exposed.set(key, acrossContextBridge(value)); },
};

export const ipcRenderer = {
  send: (channel: string, ...args: unknown[]) => { record.rendererSent.push([channel, args]); },
  invoke: (channel: string, ...args: unknown[]) => {
    record.invoked.push([channel, args]);
    return Promise.resolve(record.invokeResult(channel, args));
  },
  on: (channel: string, fn: Handler) => {
    record.rendererListeners.set(channel, [...(record.rendererListeners.get(channel) ?? []), fn]);
  },
  removeListener: (channel: string, fn: Handler) => {
    record.rendererListeners.set(channel, (record.rendererListeners.get(channel) ?? []).filter((f) => f !== fn));
  },
};

export const webUtils = { getPathForFile: (file: { path?: string }) => file.path ?? '' };

export default { app, BrowserWindow, protocol, ipcMain, session, Menu, dialog, nativeTheme, contextBridge, ipcRenderer, webUtils };
