// Pure configuration of the desktop shell, kept out of the files that import
// electron so unit tests can check it under plain Node.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import type { MenuCommand } from '../../common/bridge.ts';
import { IMPORT_EXTENSIONS } from '../../common/import-formats.ts';

export type { MenuCommand };

export const APP_SCHEME = 'app';
export const APP_HOST = 'lectern';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "font-src 'self'", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function windowOptions(preloadPath: string, opts: { dark: boolean; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1440, height: 900, minWidth: 900, minHeight: 560, show: false, title: 'Lectern',
    backgroundColor: opts.dark ? '#1c1b19' : '#fbfaf7',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: opts.devTools,
      // Off: on Windows and Linux Chromium would download Hunspell dictionaries, and Lectern never needs a network.
      spellcheck: false,
    },
  };
}

/** True only for pages Lectern itself serves (the custom protocol, never file:// or the web). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};

/** Maps an app:// URL to a file under root, or null for anything outside it or of an unknown type. */
export function resolveAppFile(url: string, root: string): { path: string; mime: string } | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  const path = resolve(root, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== path) return null;
  const mime = MIME[extname(path).toLowerCase()];
  return mime ? { path, mime } : null;
}

/** True when path lies inside root (both already resolved). */
const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
};

/**
 * The file an app:// URL names, read, or null: outside root, of an unknown
 * type, missing, or reached through a symlink that leads out of root.
 */
export async function readAppFile(url: string, root: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; mime: string } | null> {
  const file = resolveAppFile(url, root);
  if (!file) return null;
  try {
    const [real, realRoot] = await Promise.all([realpath(file.path), realpath(root)]);
    if (!inside(realRoot, real)) return null;
    return { bytes: new Uint8Array(await readFile(real)), mime: file.mime };
  } catch {
    return null;
  }
}


export function menuTemplate(send: (command: MenuCommand) => void, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => send('import-files') },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('import-folder') },
        { label: 'New Note', accelerator: 'CmdOrCtrl+N', click: () => send('new-note') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send('settings') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Find in Source', accelerator: 'CmdOrCtrl+F', click: () => send('find-in-source') },
        { label: 'Find in Library', accelerator: 'CmdOrCtrl+K', click: () => send('find') },
        { type: 'separator' },
        { role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: () => send('shortcuts') }],
    },
  ];
}

/** The open dialog's filter: every type common/import-formats.ts lists (Electron wants extensions without the dot). */
export const IMPORT_FILTERS = [{ name: 'Importable files', extensions: IMPORT_EXTENSIONS.map((ext) => ext.slice(1)) }];
