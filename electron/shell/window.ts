import { BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import { START_URL, windowOptions } from './shell-config.ts';

export function createMainWindow(devTools: boolean): BrowserWindow {
  const win = new BrowserWindow(windowOptions(join(import.meta.dirname, 'preload.cjs'), {
    dark: nativeTheme.shouldUseDarkColors, devTools,
  }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(START_URL);
  return win;
}
