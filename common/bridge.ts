// What the renderer sees as `window.lectern`, and what a shell hands it. A
// shell (the Electron preload, the browser harness) exposes a ShellTransport
// whose `call` answers every API method with a BridgeResult, as data:
// contextBridge copies only an Error's message, so a thrown error would lose
// its code on the way. renderer/bridge.ts turns the transport into
// `window.lectern`, unwrapping failures into BridgeError, once for both shells.
import type { ApiMethod, LecternApi } from './api-methods.ts';
import type { ApiErrorShape, ProgressEvent } from './types.ts';

/** Commands the application menu sends to the renderer (electron/shell/shell-config.ts builds the menu). */
export const MENU_COMMANDS = ['import-files', 'import-folder', 'export', 'settings', 'shortcuts', 'find', 'find-in-source', 'new-note'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface ShellFeatures {
  /** 'electron' in the desktop app, 'browser' in the preview/test harness. */
  readonly shell: 'electron' | 'browser';
  /** The file's path on disk (Electron's webUtils.getPathForFile), or '' where there is none. */
  pathForFile(file: { name: string }): string;
  /** Subscribes to progress events; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** A native open dialog for files (default) or a folder to import; null where the shell has none. */
  chooseImportPaths: ((kind?: 'files' | 'folder') => Promise<string[]>) | null;
  /** Subscribes to application-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The outcome of one API call, as every transport carries it. */
export type BridgeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** What a shell exposes to the page, under the global name TRANSPORT_GLOBAL. */
export interface ShellTransport extends ShellFeatures {
  /** Runs an API method; never rejects for an API error, which comes back as {ok: false, error}. */
  call(method: ApiMethod, args: unknown[]): Promise<BridgeResult>;
}

export const TRANSPORT_GLOBAL = 'lecternTransport';

export type LecternBridge = LecternApi & ShellFeatures;

/** How a failed call arrives in the renderer's code: an Error carrying the API error code. */
export class BridgeError extends Error {
  readonly code: string;
  constructor({ code, message }: ApiErrorShape) {
    super(message);
    this.code = code;
    this.name = 'BridgeError';
  }
}
