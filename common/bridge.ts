// What the renderer sees as `window.lectern`: the API contract plus the few
// things only a shell can do. The Electron preload and the browser harness
// both provide it.
import type { LecternApi } from './api.ts';
import type { ApiErrorShape, ProgressEvent } from './types.ts';

/** Commands the application menu sends to the renderer (electron/shell-config.ts builds the menu). */
export const MENU_COMMANDS = ['import-files', 'import-folder', 'export', 'settings', 'shortcuts', 'find', 'new-note'] as const;
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

export type LecternBridge = LecternApi & ShellFeatures;

/** How a failed call arrives in the renderer: an Error carrying the API error code. */
export class BridgeError extends Error {
  readonly code: string;
  constructor({ code, message }: ApiErrorShape) {
    super(message);
    this.code = code;
    this.name = 'BridgeError';
  }
}
