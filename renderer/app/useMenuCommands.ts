// Runs the application menu's commands (sent by the shell) against the
// current render's actions.
import { useEffect, useRef } from 'preact/hooks';
import type { MenuCommand } from '../../common/bridge.ts';

/** What each menu command does; the latest table is used, subscribed once. */
export type MenuCommands = Record<MenuCommand, () => void>;

export function useMenuCommands(commands: MenuCommands) {
  const commandsRef = useRef(commands);
  commandsRef.current = commands;
  useEffect(() => window.lectern.onMenuCommand((c) => { if (Object.hasOwn(commandsRef.current, c)) commandsRef.current[c](); }), []);
}
