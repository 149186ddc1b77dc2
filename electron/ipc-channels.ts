export const MENU_CHANNEL = 'lectern:menu';
export const SHELL_CHANNELS = {
  chooseImportPaths: 'lectern-shell:chooseImportPaths',
  /** The preload reports each path it resolved for a dropped file: the main process may import it. */
  droppedPath: 'lectern-shell:droppedPath',
} as const;
