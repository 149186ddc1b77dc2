// A library opened after an update that rebuilds its search index (migration
// 0020: about half a minute at 100,000 sources) is migrated before the store
// opens, on a connection of its own and a chunk at a time (db/migrate.ts), so
// the main process stays responsive and a small window shows how far it is
// (and the taskbar / dock its progress bar); a log line every tenth. The
// window appears only when a long step reports progress: a normal start shows
// nothing.
import { BrowserWindow } from 'electron';
import { BUSY_TIMEOUT_MS } from '../../db/open.ts';
import { migrateFileGradually, progressText, type MigrationProgress } from '../../db/migrate.ts';

const PAGE = `<!doctype html><meta charset="utf-8"><title>Lectern</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}progress{width:100%;margin-top:12px}
@media (prefers-color-scheme:dark){body{color:#eee;background:#222}}</style>
<p id="text" role="status">Updating the library…</p><progress id="bar" max="1" value="0"></progress>`;

function progressWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 440, height: 150, resizable: false, minimizable: true, maximizable: false, fullscreenable: false, title: 'Lectern',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  win.removeMenu();
  void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(PAGE)}`);
  return win;
}

/**
 * Runs the library's pending migrations with their progress shown; a failure
 * is left for openStore to report. Returns the progress window, if one was
 * shown, for the caller to close once the main window is open (closing the
 * only window would quit the app).
 */
export async function migrateShowingProgress(file: string): Promise<BrowserWindow | undefined> {
  let win: BrowserWindow | undefined;
  let tenths = -1;
  const show = (p: MigrationProgress) => {
    const text = progressText(p);
    if (Math.floor((10 * p.done) / p.total) > tenths) {
      tenths = Math.floor((10 * p.done) / p.total);
      console.log(`Lectern: ${text} (${p.done} of ${p.total} sources)`);
    }
    win ??= progressWindow();
    if (win.isDestroyed()) return; // closed by the researcher: the app is quitting
    win.setProgressBar(p.done / p.total);
    const set = `document.getElementById('text').textContent = ${JSON.stringify(text)}; document.getElementById('bar').value = ${p.done / p.total};`;
    win.webContents.executeJavaScript(set).catch(() => { /* the page is still loading: the next chunk shows it */ });
  };
  try {
    await migrateFileGradually(file, show, { busyTimeoutMs: BUSY_TIMEOUT_MS });
  } catch (err) {
    console.error(`Lectern: the library could not be updated before opening (${err instanceof Error ? err.message : String(err)}); opening it reports why.`);
  }
  return win;
}
