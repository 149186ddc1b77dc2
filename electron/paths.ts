import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Lectern';
export const DB_FILE_NAME = 'lectern.db';

/**
 * The desktop app's user-data folder, computed the way Electron's
 * app.getPath('userData') does, so the CLI finds the app's database without Electron.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

/** --db, else LECTERN_DB, else the desktop app's own database. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.LECTERN_DB || join(userDataDir(process.platform, env), DB_FILE_NAME);
}
