// Exposes exactly one global, the shell's transport (common/bridge.ts
// TRANSPORT_GLOBAL): `call` for every API method, answering with the
// dispatcher's {ok, value} | {ok: false, error} as data (contextBridge would
// keep only a thrown Error's message), plus pathForFile, progress and menu
// subscriptions, and the import dialog. renderer/bridge.ts builds
// window.lectern from it.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHODS, type ApiMethod } from '../../common/api-methods.ts';
import { TRANSPORT_GLOBAL, type BridgeResult, type MenuCommand, type ShellTransport } from '../../common/bridge.ts';
import type { ProgressEvent } from '../../common/types.ts';
import { MENU_CHANNEL, PROGRESS_CHANNEL, SHELL_CHANNELS, ipcChannel } from './ipc-channels.ts';

const methods = new Set<string>(API_METHODS);

const transport: ShellTransport = {
  shell: 'electron',
  async call(method: ApiMethod, args: unknown[]): Promise<BridgeResult> {
    if (!methods.has(method)) return { ok: false, error: { code: 'unknown-method', message: `No such method: ${String(method)}` } };
    return (await ipcRenderer.invoke(ipcChannel(method), ...args)) as BridgeResult;
  },
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

contextBridge.exposeInMainWorld(TRANSPORT_GLOBAL, transport);
