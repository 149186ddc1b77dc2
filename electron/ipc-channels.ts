export const MENU_CHANNEL = 'lectern:menu';
export const SHELL_CHANNELS = {
  chooseImportPaths: 'lectern-shell:chooseImportPaths',
} as const;
