// `npm run preview [-- --db FILE]`: the built renderer in a headed Chromium,
// wired to the real back end through the test harness (the way to use Lectern
// where the Electron binary is not available). Needs a display (X11/Wayland;
// on a headless machine run it under xvfb-run). Without --db it uses a
// temporary database that is removed when the window closes.
import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLectern } from '../test/e2e/harness.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, exports: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('usage: npm run preview [-- --db FILE] [--exports DIR]\nOpens Lectern in Chromium (headed) over FILE or a temporary database; exports go to DIR (default ~/Lectern exports).');
  process.exit(0);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('preview needs a display (DISPLAY or WAYLAND_DISPLAY); on a headless machine: xvfb-run npm run preview');
  process.exit(2);
}
// Exports outlive the preview (the harness's own work folder is removed on close).
const exportDir = resolve(values.exports ?? join(homedir(), 'Lectern exports'));
const l = await openLectern({ db: values.db ? resolve(values.db) : undefined, exportDir, headless: false, viewport: { width: 1400, height: 900 } });
console.log(`Lectern preview over ${l.dbPath}${values.db ? '' : ' (temporary)'}; exports are written to ${exportDir}; close the window to quit.`);
const quit = async () => { await l.close(); process.exit(0); };
l.page.on('close', () => void quit());
l.browser.on('disconnected', () => void quit());
process.on('SIGINT', () => void quit());
