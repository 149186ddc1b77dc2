// Exposes exactly window.lectern: the API methods (generated from the contract's
// method list, chooseSavePath among them), pathForFile, progress and menu
// subscriptions, and the import dialog.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHODS, PROGRESS_CHANNEL, ipcChannel } from '../common/api-methods.ts';
import type { MenuCommand, ShellFeatures } from '../common/bridge.ts';
import type { ProgressEvent } from '../common/types.ts';
import type { DispatchResult } from './dispatch.ts';
import { MENU_CHANNEL, SHELL_CHANNELS } from './ipc-channels.ts';

async function call(channel: string, args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channel, ...args)) as DispatchResult;
  if (result.ok) return result.value;
  // contextBridge keeps an Error's message; the code travels as its prefix too.
  throw Object.assign(new Error(`${result.error.message}`), { code: result.error.code, name: result.error.code });
}

const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const method of API_METHODS) api[method] = (...args) => call(ipcChannel(method), args);

const shell: ShellFeatures = {
  shell: 'electron',
  pathForFile(file) {
    const path = webUtils.getPathForFile(file as File);
    if (path) ipcRenderer.send(SHELL_CHANNELS.droppedPath, path);
    return path;
  },
  onProgress(listener) {
    const handler = (_event: unknown, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, handler);
    return () => { ipcRenderer.removeListener(PROGRESS_CHANNEL, handler); };
  },
  onMenuCommand(listener) {
    const handler = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => { ipcRenderer.removeListener(MENU_CHANNEL, handler); };
  },
  chooseImportPaths: (kind = 'files') => ipcRenderer.invoke(SHELL_CHANNELS.chooseImportPaths, kind) as Promise<string[]>,
};

contextBridge.exposeInMainWorld('lectern', { ...api, ...shell });
