// The file types Lectern imports, stated once: the importer (electron/import),
// the open dialog's filter (electron/shell) and the renderer's file input all
// read this table. Keys are lower-case extensions with the dot; the value says
// how the file is read.

export const IMPORT_FORMATS = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
} as const satisfies Record<`.${string}`, string>;

export type ImportExtension = keyof typeof IMPORT_FORMATS;
export type ImportFormat = (typeof IMPORT_FORMATS)[ImportExtension];

export const IMPORT_EXTENSIONS = Object.keys(IMPORT_FORMATS) as ImportExtension[];

/** How a file with this extension (any letter case, with the dot) is read, or null when it is not imported. */
export function importFormat(ext: string): ImportFormat | null {
  const key = ext.toLowerCase();
  return Object.hasOwn(IMPORT_FORMATS, key) ? IMPORT_FORMATS[key as ImportExtension] : null;
}

/** A hidden entry (a name starting with '.', such as .git or .DS_Store): skipped inside an imported folder. */
export const isHiddenName = (name: string): boolean => name.startsWith('.');

/** Whether a path relative to a chosen folder ("folder/.cache/a.txt") passes through a hidden entry below that folder. */
export function isInsideHidden(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).slice(1).some(isHiddenName);
}
