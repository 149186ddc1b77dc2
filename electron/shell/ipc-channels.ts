// Every IPC channel between the main process and the preload, in one place.
import type { ApiMethod } from '../../common/api-methods.ts';

/** The channel an API method is served on (main: ipcMain.handle; preload: ipcRenderer.invoke). */
export const ipcChannel = (method: ApiMethod): string => `lectern:${method}`;
/** Main -> renderer: progress events of long tasks (common/types.ts ProgressEvent). */
export const PROGRESS_CHANNEL = 'lectern:progress';
/** Main -> renderer: application-menu commands (common/bridge.ts MENU_COMMANDS). */
export const MENU_CHANNEL = 'lectern:menu';
/** Renderer -> main, outside the API contract: what only the shell can do. */
export const SHELL_CHANNELS = {
  chooseImportPaths: 'lectern-shell:chooseImportPaths',
  /** The preload reports each path it resolved for a dropped file: the main process may import it. */
  droppedPath: 'lectern-shell:droppedPath',
} as const;
