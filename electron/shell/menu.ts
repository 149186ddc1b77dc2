import { Menu } from 'electron';
import { menuTemplate, type MenuCommand } from './shell-config.ts';

export function installMenu(send: (command: MenuCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, process.platform)));
}
